"""Ids for imported stages and steps: ASCII kebab-case, stable and unique within a map."""

from __future__ import annotations

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


class Ids:
    """Hands out ids from labels; a repeat gets -2, -3...; no Latin form gets `<prefix>-<n>`."""

    def __init__(self, prefix: str, taken: set[str] | None = None) -> None:
        self.prefix = prefix
        self.taken: set[str] = set(taken or ())

    def new(self, label: str, number: int) -> str:
        """An id for the `number`th stage or step (1-based), whose label is `label`."""
        base = slug(label) or f"{self.prefix}-{number}"
        candidate, number = base, 1
        while candidate in self.taken:
            number += 1
            suffix = f"-{number}"
            candidate = base[: MAX_ID - len(suffix)].rstrip("-") + suffix
        self.taken.add(candidate)
        return candidate
