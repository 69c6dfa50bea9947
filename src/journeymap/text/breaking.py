"""Where a line may break: break opportunities and grapheme boundaries inside a word.

Spaces are handled by the line filler (``wrap``); this module answers, for one word, where
else a line may end: after hyphens and slashes inside a word, after U+200B, around East Asian
Wide/Fullwidth characters (with minimal kinsoku), and, when nothing else fits, at any
grapheme boundary.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from bisect import bisect_right

from journeymap.text.measure import WIDE

_ZWJ = "\u200d"
_ZWSP = "\u200b"
_HYPHENS = "-/\u2010"

# A cheap superset test for "this word may hold an East Asian Wide or Fullwidth character";
# words that fail it (in C) get their break opportunities from _SEPARATOR alone, which keeps
# per-character analysis off the hot path. The exact checks happen in can_break.
_MAYBE_WIDE = re.compile(
    "[\u1100-\u115f\u231a-\u23ff\u25fd\u25fe\u2600-\u27bf\u2b00-\u2bff"
    "\u2e80-\ua4cf\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe10-\ufe6f\uff00-\uffe6"
    "\U00016fe0-\U0001b2ff\U0001f000-\U0001faff\U00020000-\U0003fffd]"
)
# Candidate breaks after a hyphen or slash run inside a word, or after a zero-width space.
_SEPARATOR = re.compile("[^-/\u2010\u200b][-/\u2010]+(?=[^-/\u2010])|\u200b")

# Minimal kinsoku shori: characters that must not start a line (closing punctuation, small
# kana, iteration and prolonged-sound marks) and ones that must not end it (opening brackets).
_NO_START = frozenset(
    ")]}!?,.:;%"
    "，。、！？；：）」』】》〉〕］｝〗〙〟｠｡｣､”’‼⁇⁈⁉‥…・ー゛゜ゝゞヽヾ々〻"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿｧｨｩｪｫｬｭｮｯｰﾞﾟ"
)
_NO_END = frozenset("([{“‘（「『【《〈〔［｛〖〘〝｟｢")


_EXTEND = 1  # belongs to the grapheme before it (marks, ZWJ, selectors, modifiers, jamo)
_JOIN_NEXT = 2  # glues the next character to itself (ZWJ, high surrogate)
_WIDE_CHAR = 4  # East Asian Wide or Fullwidth: breaks allowed on either side
_CLOSE = 8  # may not start a line
_OPEN = 16  # may not end a line
_HYPHEN = 32  # a break may follow it inside a word
_ZWSP_CHAR = 64  # an explicit break opportunity
_REGIONAL = 128  # half of a flag


def _classify(char: str) -> int:
    """The break-relevant properties of one character, as a bit set."""
    code = ord(char)
    extend = (
        char == _ZWJ
        or unicodedata.category(char) in ("Mn", "Me", "Mc")
        or 0xFE00 <= code <= 0xFE0F
        or 0x1F3FB <= code <= 0x1F3FF  # emoji skin tone modifiers
        or 0xE0020 <= code <= 0xE01EF  # emoji tag sequences, supplementary variation selectors
        or 0xDC00 <= code <= 0xDFFF  # low surrogate
        or 0x1160 <= code <= 0x11FF  # conjoining Hangul vowels and final consonants
        or 0xD7B0 <= code <= 0xD7FF
    )
    flags = (
        (_EXTEND if extend else 0)
        | (_JOIN_NEXT if char == _ZWJ or 0xD800 <= code <= 0xDBFF else 0)
        | (_WIDE_CHAR if unicodedata.east_asian_width(char) in WIDE else 0)
        | (_CLOSE if char in _NO_START else 0)
        | (_OPEN if char in _NO_END else 0)
        | (_HYPHEN if char in _HYPHENS else 0)
        | (_ZWSP_CHAR if char == _ZWSP else 0)
    )
    return flags | (_REGIONAL if 0x1F1E6 <= code <= 0x1F1FF else 0)


class _Classes(dict[str, int]):
    """Memo of _classify: break analysis runs once per line, and a dict hit is cheapest."""

    def __missing__(self, char: str) -> int:
        flags = self[char] = _classify(char)
        return flags


_CLASSES = _Classes()


def cluster_boundary(word: str, i: int) -> bool:
    """Whether a line may end between ``word[i - 1]`` and ``word[i]`` without tearing a glyph."""
    before, after = _CLASSES[word[i - 1]], _CLASSES[word[i]]
    if before & _JOIN_NEXT or after & _EXTEND:
        return False
    if before & after & _REGIONAL:
        j = i - 1
        while j >= 0 and _CLASSES[word[j]] & _REGIONAL:
            j -= 1
        return (i - 1 - j) % 2 == 0  # flags are pairs: break only after an even count
    return True


def _base(word: str, i: int) -> int:
    """Classes of the base character of the grapheme that ends just before position ``i``."""
    j = i - 1
    while j > 0 and _CLASSES[word[j]] & _EXTEND:
        j -= 1
    return _CLASSES[word[j]]


def _after_hyphen(word: str, i: int, after: int) -> bool:
    """Hyphens and slashes break only inside a word: "well-|known", not "-5" or "a--"."""
    lead = len(word) - len(word.lstrip(_HYPHENS))
    return i - 1 > lead and not after & _HYPHEN


def can_break(word: str, i: int) -> bool:
    """Whether ``i`` is a real break opportunity inside a word (checked once per line)."""
    before, after = _CLASSES[word[i - 1]], _CLASSES[word[i]]
    if after & (_CLOSE | _EXTEND) or before & (_OPEN | _JOIN_NEXT):
        return False
    if before & after & _REGIONAL:
        return cluster_boundary(word, i)
    if before & _ZWSP_CHAR:
        return True
    if before & _HYPHEN:
        return _after_hyphen(word, i, after)
    if before & _EXTEND:
        before = _base(word, i)
    return bool((before | after) & _WIDE_CHAR)


WALK = (-1,)  # hints: look at every position, the word may hold wide characters


@functools.lru_cache(maxsize=1 << 16)
def break_hints(word: str) -> tuple[int, ...]:
    """Where ``word`` may break, memoised: () if nowhere, WALK if every position is a suspect.

    Latin, Greek or Cyrillic words only break after hyphens, slashes and U+200B, which a
    regex finds in C; words with East Asian characters are checked position by position,
    but only near the end of each line (see proper_break).
    """
    if _MAYBE_WIDE.search(word):
        return WALK
    ends = (match.end() for match in _SEPARATOR.finditer(word))
    return tuple(i for i in ends if 0 < i < len(word) and can_break(word, i))


def _fitting_end(prefix: tuple[int, ...], start: int, avail: float) -> int:
    """Largest end such that ``word[start:end]`` is at most ``avail`` wide (may be < start)."""
    return bisect_right(prefix, prefix[start] + avail) - 1


def proper_break(word: str, prefix: tuple[int, ...], start: int, avail: float) -> int:
    """Last break opportunity after ``start`` that fits ``avail``, or ``start`` if none."""
    end = min(_fitting_end(prefix, start, avail), len(word) - 1)
    found = break_hints(word)
    if found is not WALK:
        k = bisect_right(found, end) - 1
        return found[k] if k >= 0 and found[k] > start else start
    for i in range(end, start, -1):
        if can_break(word, i):
            return i
    return start


def forced_break(word: str, prefix: tuple[int, ...], start: int, avail: float) -> int:
    """Last grapheme boundary that fits; if not even one grapheme fits, the end of that one."""
    for i in range(min(_fitting_end(prefix, start, avail), len(word) - 1), start, -1):
        if cluster_boundary(word, i):
            return i
    i = start + 1
    while i < len(word) and not cluster_boundary(word, i):
        i += 1
    return i
