"""Source stage: a file on disk becomes plain data plus the node tree that locates it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from journeymap.diagnostics import Diagnostic, at
from journeymap.source.lines import Lines
from journeymap.source.locate import Pointer, locate
from journeymap.source.reading import MAX_FILE_BYTES, ReadError, decode, read_bytes
from journeymap.source.recognise import without_content
from journeymap.source.strictyaml import HAVE_LIBYAML, MAX_DEPTH, parse

__all__ = [
    "HAVE_LIBYAML",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "Pointer",
    "Source",
    "load_source",
    "parse_text",
]


@dataclass(slots=True, eq=False)
class Source:
    """A parsed map or persona file. `root` is kept only to place diagnostics."""

    path: Path
    display: str
    text: str
    data: Any
    root: yaml.Node
    problems: list[Diagnostic] = field(default_factory=list)
    """Refusals that did not stop reading (numbers out of range): the file is refused when
    there is any, and `data` holds such a number as the text written."""
    lines: Lines = field(init=False)

    def __post_init__(self) -> None:
        self.lines = Lines(self.text)

    def diagnostic(
        self, pointer: Pointer, code: str, message: str, *, key: bool = False, **kwargs: Any
    ) -> Diagnostic:
        """A diagnostic placed at the node `pointer` names (its key when `key` is true)."""
        line, col = self.position(pointer, key=key)
        return at(self.display, line, col, code, message, **kwargs)

    def position(self, pointer: Pointer, *, key: bool = False) -> tuple[int, int]:
        """1-based line and column, counted as editors count (journeymap.source.lines)."""
        return self.lines.position(locate(self.root, pointer, key=key))


def load_source(path: Path, display: str) -> Source | Diagnostic:
    """Read, decode and parse one file; any refusal comes back as one located diagnostic."""
    try:
        text = decode(read_bytes(path, display), display)
    except ReadError as exc:
        return exc.diagnostic
    return _parsed(path, text, display)


def parse_text(text: str, display: str) -> Source | Diagnostic:
    """Parse text that is already in memory (stdin, git blobs, tests)."""
    return _parsed(Path(display), text, display)


def _parsed(path: Path, text: str, display: str) -> Source | Diagnostic:
    try:
        data, root, problems = parse(text, display)
    except ReadError as exc:
        return without_content(exc.diagnostic, text)
    return Source(path, display, text, data, root, problems)
