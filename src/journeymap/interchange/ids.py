"""Ids for imported stages and steps: ASCII kebab-case, stable and unique within a map."""

from __future__ import annotations

import hashlib
import re
import unicodedata

MAX_ID = 80
_NOT_ID = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """ASCII kebab-case of a label, accents transliterated; "" for scripts with no Latin form.

    Only the start of the label is read: ids are capped at 80 characters anyway, and a
    hostile 2 MiB task name must not cost more than a short one.
    """
    ascii_text = unicodedata.normalize("NFKD", text[:400]).encode("ascii", "ignore").decode()
    return _NOT_ID.sub("-", ascii_text.lower()).strip("-")[:MAX_ID].strip("-")


def digest(text: str) -> str:
    """Eight hex digits of the label: an id for a script with no Latin form that, unlike a
    position, stays the same when tasks are added above it (diff matches steps by id)."""
    data = unicodedata.normalize("NFC", text).encode("utf-8", "surrogatepass")
    return hashlib.blake2s(data, digest_size=4).hexdigest()


def shortest(label: str, prefix: str) -> int:
    """The length of the shortest id `Ids.new` can give `label`, for size budgets."""
    if label.strip():
        return len(slug(label)) or len(prefix) + 9
    return len(prefix) + 2


class Ids:
    """Hands out ids from labels; a repeat gets -2, -3...; a label with no Latin form gets
    `<prefix>-<digest>`, an empty one `<prefix>-<n>`."""

    def __init__(self, prefix: str, taken: set[str] | None = None) -> None:
        self.prefix = prefix
        self.taken: set[str] = set(taken or ())
        self._repeats: dict[str, int] = {}
        """The last suffix tried per base, so 80,000 equal labels cost linear time."""

    def new(self, label: str, number: int) -> str:
        """An id for the `number`th stage or step (1-based), whose label is `label`."""
        base = slug(label) or f"{self.prefix}-{digest(label) if label.strip() else number}"
        candidate, repeat = base, self._repeats.get(base, 1)
        while candidate in self.taken:
            repeat += 1
            suffix = f"-{repeat}"
            candidate = base[: MAX_ID - len(suffix)].rstrip("-") + suffix
        self._repeats[base] = repeat
        self.taken.add(candidate)
        return candidate
