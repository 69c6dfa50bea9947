"""One diagnostic type for every stage, so no problem can exist without `path:line:col`."""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


class Severity(enum.IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        return cls[text.strip().upper()]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A located problem. `line` and `col` are 1-based; 0 means "the whole file"."""

    path: str
    line: int
    col: int
    code: str
    message: str
    severity: Severity = Severity.ERROR
    hint: str | None = None

    def __post_init__(self) -> None:
        if self.line < 0 or self.col < 0:
            raise ValueError("diagnostic positions are 1-based or 0 for the whole file")

    @property
    def location(self) -> str:
        return f"{self.path}:{max(self.line, 1)}:{max(self.col, 1)}"

    def one_line(self) -> str:
        """`path:line:col: CODE message (hint)`, with newlines folded so it stays one line."""
        text = f"{self.location}: {self.code} {self.message}"
        if self.hint:
            text += f" (hint: {self.hint})"
        return " ".join(text.split())

    def as_data(self) -> dict[str, str | int | None]:
        """Plain JSON data, for the json reporter and the build cache."""
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "code": self.code,
            "severity": self.severity.label,
            "message": self.message,
            "hint": self.hint,
        }

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Diagnostic:
        """The inverse of `as_data`."""
        return cls(**{**data, "severity": Severity.parse(data["severity"])})

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.col, self.code, self.message)


def at(
    path: str | Path,
    line: int,
    col: int,
    code: str,
    message: str,
    *,
    severity: Severity = Severity.ERROR,
    hint: str | None = None,
) -> Diagnostic:
    """The only way stages create diagnostics: a position is always required.

    Control characters in paths and messages become U+FFFD so every report stays one line.
    """
    hint = printable(hint) if hint else hint
    return Diagnostic(printable(str(path)), line, col, code, printable(message), severity, hint)


def printable(text: str) -> str:
    """Control, separator and surrogate characters replaced, so text stays one safe line."""
    return _UNPRINTABLE.sub("\ufffd", text)


@dataclass
class Collector:
    """Gathers diagnostics from every stage; stages keep going after a problem."""

    items: list[Diagnostic] = field(default_factory=list)

    def add(self, diagnostic: Diagnostic) -> None:
        self.items.append(diagnostic)

    def extend(self, diagnostics: list[Diagnostic]) -> None:
        self.items.extend(diagnostics)

    def count(self, severity: Severity) -> int:
        return sum(1 for d in self.items if d.severity == severity)

    def has_errors(self) -> bool:
        return any(d.severity is Severity.ERROR for d in self.items)

    def sorted(self) -> list[Diagnostic]:
        return sorted(set(self.items), key=Diagnostic.sort_key)
