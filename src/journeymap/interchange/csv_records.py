"""The records of a CSV text, and where each cell of them starts, for located problems."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

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
                self.problems.stop(first, 1, "JM407", f"malformed CSV: {exc}")
            self.bounds.append((first, reader.line_num))
            yield len(self.bounds) - 1, cells

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
