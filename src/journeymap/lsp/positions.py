"""Character offsets to LSP positions and back.

The pipeline counts code points (journeymap.source.lines); LSP counts UTF-16 code units
unless the client and server agree on UTF-8 or UTF-32. Lines end at LF, CRLF or CR only,
as in the pipeline and in editors.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from lsprotocol import types

_BREAK = re.compile(r"\r\n?|\n")


class LineIndex:
    """Line starts of one text, for conversions in both directions."""

    __slots__ = ("encoding", "starts", "text")

    def __init__(self, text: str, encoding: str = "utf-16") -> None:
        self.text = text
        self.encoding = encoding
        self.starts = [0, *(m.end() for m in _BREAK.finditer(text))]

    def position(self, index: int) -> types.Position:
        index = max(0, min(index, len(self.text)))
        line = bisect_right(self.starts, index) - 1
        before = self.text[self.starts[line] : index]
        return types.Position(line, units(before, self.encoding))

    def range(self, start: int, end: int) -> types.Range:
        return types.Range(self.position(start), self.position(end))

    def offset(self, position: types.Position) -> int:
        """The character offset of an LSP position, clamped to the text and the line."""
        if position.line >= len(self.starts):
            return len(self.text)
        start = self.starts[max(position.line, 0)]
        end = self.line_end(max(position.line, 0))
        counted = 0
        for index in range(start, end):
            if counted >= position.character:
                return index
            counted += units(self.text[index], self.encoding)
        return end

    def offset_of(self, line: int, col: int) -> int:
        """The offset of a pipeline position (1-based line and code-point column)."""
        row = min(max(line, 1), len(self.starts)) - 1
        return min(self.starts[row] + max(col, 1) - 1, self.line_end(row))

    def line_end(self, line: int) -> int:
        """Offset of the end of `line` (0-based), before its line break."""
        if line + 1 < len(self.starts):
            end = self.starts[line + 1]
            while end > self.starts[line] and self.text[end - 1] in "\r\n":
                end -= 1
            return end
        return len(self.text)

    def line_text(self, line: int) -> str:
        if line >= len(self.starts):
            return ""
        return self.text[self.starts[line] : self.line_end(line)]


def units(text: str, encoding: str) -> int:
    """The length of `text` in the negotiated position encoding's code units."""
    if encoding == "utf-32":
        return len(text)
    if encoding == "utf-8":
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)
