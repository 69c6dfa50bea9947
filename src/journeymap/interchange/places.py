"""Where each part of an imported map came from, so its problems point into the input."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NoReturn

from journeymap.diagnostics import Diagnostic, at
from journeymap.source.reading import MAX_FILE_BYTES

Pointer = tuple[str | int, ...]
MAX_PROBLEMS = 50
"""Stop collecting after this many problems: the first screenful is what gets fixed."""


class ImportFailed(Exception):
    """The input cannot become a map; `diagnostics` says where and why."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__("; ".join(d.one_line() for d in diagnostics[:3]))
        self.diagnostics = sorted(diagnostics, key=Diagnostic.sort_key)


class Places:
    """Pointers into the map data, each tied to a spot in the input file.

    A spot is whatever `locate` understands: a (line, col) pair for Mermaid, a (row, cell)
    pair for CSV, whose columns are only worked out when a problem needs them.
    """

    def __init__(self, locate: Callable[[Any], tuple[int, int]] | None = None) -> None:
        self._spots: dict[Pointer, Any] = {}
        self._locate = locate or (lambda spot: spot)

    def put(self, pointer: Pointer, spot: Any) -> None:
        self._spots.setdefault(pointer, spot)

    def find(self, pointer: Pointer) -> tuple[int, int]:
        """The spot of the pointer, or of its nearest ancestor that has one; else 1:1."""
        for length in range(len(pointer), -1, -1):
            spot = self._spots.get(pointer[:length])
            if spot is not None:
                line, col = self._locate(spot)
                return line, col
        return 1, 1


class Problems:
    """Problems found while reading an input, raised together once reading is done."""

    def __init__(self, display: str) -> None:
        self.display = display
        self.items: list[Diagnostic] = []

    def add(self, line: int, col: int, code: str, message: str, hint: str | None = None) -> None:
        self.items.append(at(self.display, line, col, code, message, hint=hint))

    def stop(
        self, line: int, col: int, code: str, message: str, hint: str | None = None
    ) -> NoReturn:
        """Report a problem that makes reading on pointless (a limit, a broken structure)."""
        self.add(line, col, code, message, hint)
        raise ImportFailed(self.items)

    def full(self) -> bool:
        return len(self.items) >= MAX_PROBLEMS

    def raise_any(self) -> None:
        if self.items:
            raise ImportFailed(self.items)


MAX_STAGES = 100
MAX_STEPS_PER_STAGE = 2000
"""The format's limits (docs/format.md, section 15); a test keeps them equal to the schema's."""


@dataclass
class Imported:
    """Map data built from an input file, and where each part of it came from."""

    data: dict[str, Any]
    places: Places


class Budget:
    """A lower bound of the map's YAML size, so a huge input stops before anything is built.

    A map file may not exceed MAX_FILE_BYTES; counting half the bytes each step brings in
    (escapes and quotes can shrink text, never by more than that) plus the `fixed` bytes of
    keys and indentation every step has stops early and safely. The bound must be tight:
    PyYAML emits about 0.5 MB a second, so an input just under a loose bound would take
    seconds to be refused.
    """

    def __init__(self, problems: Problems, fixed: int) -> None:
        self.problems = problems
        self.fixed = fixed
        self.used = 0

    def spend(self, size: int, exact: int, line: int, col: int) -> None:
        """`size` bytes of text that may shrink, `exact` bytes that are written as they are."""
        self.used += size // 2 + exact + self.fixed
        if self.used > MAX_FILE_BYTES:
            limit = MAX_FILE_BYTES // (1024 * 1024)
            self.problems.stop(
                line,
                col,
                "JM411",
                f"the imported map would be larger than {limit} MiB, the size limit of a map",
                hint="split the input into several maps",
            )
