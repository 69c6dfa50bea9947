"""The records of a CSV text, and where each cell of them starts, for located problems."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import NoReturn

from journeymap.interchange.places import Problems


class Records:
    """CSV records (RFC 4180 as spreadsheets write it) with the lines each one spans."""

    def __init__(self, text: str, problems: Problems) -> None:
        self.lines = io.StringIO(text, newline="").readlines()
        self.bounds: list[tuple[int, int]] = []
        self.problems = problems

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        """Each record with its number; a malformed one stops reading with JM407."""
        reader = csv.reader(self.lines, strict=True)
        while True:
            first = self.bounds[-1][1] + 1 if self.bounds else 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                self._malformed(first, str(exc))
            self.bounds.append((first, reader.line_num))
            yield len(self.bounds) - 1, cells

    def _malformed(self, first: int, error: str) -> NoReturn:
        """The csv module's complaint in the user's terms, at the quote that caused it."""
        line, col = _trouble(self.lines[first - 1 :], first)
        hint = None
        if error.startswith("unexpected end of data"):
            message = "a quoted cell is never closed: the file ends inside the quotes"
        elif "expected after" in error:
            message = "text follows the closing quote of a cell"
            hint = 'a quote inside a quoted cell is written twice: "say ""hi"""'
        elif error.startswith("field larger than field limit"):
            line, col = first, 1
            message = f"a cell is longer than {csv.field_size_limit():,} characters"
        else:
            line, col = first, 1
            message = f"malformed CSV: {error}"
        self.problems.stop(line, col, "JM407", message, hint)

    def line(self, record: int) -> int:
        return self.bounds[record][0]

    def locate(self, spot: tuple[int, int]) -> tuple[int, int]:
        """Line and column of cell `spot[1]` of record `spot[0]`.

        Only called for a problem, so a plain scan of that record's text is cheap enough.
        """
        record, cell = spot
        first, last = self.bounds[record]
        line, number, quoted = first, 0, False
        for text in self.lines[first - 1 : last]:
            for offset, char in enumerate(text):
                if number == cell:
                    return line, offset + 1
                if char == '"':
                    quoted = not quoted
                elif char == "," and not quoted:
                    number += 1
            line += 1
        return last, 1


def _trouble(lines: list[str], first: int) -> tuple[int, int]:
    """The text after a closing quote, else the quote of a cell left open (RFC 4180)."""
    state, opened = "start", (first, 1)
    for number, text in enumerate(lines, first):
        for offset, char in enumerate(text):
            ends = char in ",\r\n"
            if state == "quote":  # the previous character closed or escaped a quote
                if char != '"' and not ends:
                    return number, offset + 1
                state = "quoted" if char == '"' else "start"
            elif state == "quoted":
                state = "quote" if char == '"' else "quoted"
            elif char == '"' and state == "start":
                state, opened = "quoted", (number, offset + 1)
            else:
                state = "start" if ends else "plain"
    return opened
