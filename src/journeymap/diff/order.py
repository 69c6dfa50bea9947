"""Order and identity helpers: which elements really moved, which ids were renamed."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Hashable, Mapping, Sequence


def out_of_order(old: Sequence[str], new: Sequence[str]) -> set[str]:
    """Ids present in both sequences that changed their relative order.

    Inserting or deleting an element shifts every index after it, yet nothing was
    reordered; so the ids kept in place are the longest run whose order both versions share
    (a longest increasing subsequence of old positions, O(n log n)), and only the others
    count as reordered.
    """
    position = {key: index for index, key in enumerate(old)}
    common = [key for key in new if key in position]
    ranks = [position[key] for key in common]
    tails: list[int] = []
    tail_at: list[int] = []
    parent = [-1] * len(ranks)
    for index, rank in enumerate(ranks):
        slot = bisect_left(tails, rank)
        if slot == len(tails):
            tails.append(rank)
            tail_at.append(index)
        else:
            tails[slot] = rank
            tail_at[slot] = index
        parent[index] = tail_at[slot - 1] if slot else -1
    kept: set[str] = set()
    cursor = tail_at[-1] if tail_at else -1
    while cursor >= 0:
        kept.add(common[cursor])
        cursor = parent[cursor]
    return set(common) - kept


def renames(removed: Mapping[str, Hashable], added: Mapping[str, Hashable]) -> dict[str, str]:
    """Old id -> new id for a removed and an added element with identical content.

    An id change is invisible to matching by id; identical content is the evidence. Content
    that occurs more than once on either side is ambiguous and never paired.
    """
    old_counts = Counter(removed.values())
    new_counts = Counter(added.values())
    by_content = {content: key for key, content in added.items() if new_counts[content] == 1}
    return {
        key: by_content[content]
        for key, content in removed.items()
        if old_counts[content] == 1 and content in by_content
    }
