"""Line and column numbers as editors count them: a line ends only at LF, CRLF or CR.

libyaml also ends lines at NEL, U+2028 and U+2029, so its marks' `line` drifts from what an
editor shows after the first one. Its marks' `index` (a character offset) is exact, so every
position is computed here from the index: line starts are found once per file, on the first
diagnostic, and each lookup is a bisection.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_BREAK = re.compile(r"\r\n?|\n")
_NEAR_TOP = 2048
"""Every checked file looks up its id, near the top: such lookups scan only that far."""


class Lines:
    """The line starts of one text, found on the first lookup."""

    __slots__ = ("_starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] | None = None

    def position(self, index: int) -> tuple[int, int]:
        """1-based line and column (in code points) of a character offset."""
        starts = self._starts
        if starts is None:
            if index < _NEAR_TOP:  # up to index + 2, so a CRLF around `index` is seen whole
                starts = [0, *(m.end() for m in _BREAK.finditer(self.text, 0, index + 2))]
            else:
                starts = self._starts = [0, *(m.end() for m in _BREAK.finditer(self.text))]
        line = bisect_right(starts, index)
        return line, index - starts[line - 1] + 1


def split_lines(text: str) -> list[str]:
    """The lines of `text` as an editor shows them (str.splitlines also splits at U+2028,
    NEL, form feeds and more)."""
    return _BREAK.split(text)


def line_col(text: str, index: int) -> tuple[int, int]:
    """One position, for a text looked at once (Lines for many)."""
    return Lines(text).position(index)
