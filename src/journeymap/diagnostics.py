"""One diagnostic type for every stage, so no problem can exist without `path:line:col`."""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
# Characters that reorder or hide text on a terminal ("Trojan Source"): bidi embeddings,
# overrides, isolates and marks; invisible format characters; tag characters. They are shown
# as <U+XXXX>, so a reader sees that something is there. ZWJ and ZWNJ stay: they only join
# (emoji, Persian, Indic scripts) and can neither reorder nor hide text.
_HIDDEN = re.compile(
    "[\u00ad\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069"
    "\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]"
)


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
        """`path:line:col: CODE message (hint)`, with newlines folded so it stays one line.

        `printable` again: a diagnostic read back from the build cache did not pass `at()`.
        """
        text = f"{self.location}: {self.code} {self.message}"
        if self.hint:
            text += f" (hint: {self.hint})"
        return printable(" ".join(text.split()))

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

    Paths, messages and hints go through `printable`, so every report stays one line and
    no user text can reorder or hide the rest of it.
    """
    hint = printable(hint) if hint else hint
    return Diagnostic(printable(str(path)), line, col, code, printable(message), severity, hint)


def printable(text: str) -> str:
    """Text safe to show on a terminal, as one line in its own order.

    Controls, line separators and surrogates become U+FFFD (so a report stays one line and
    no escape sequence reaches the terminal); characters that reorder or hide text become a
    visible <U+XXXX>.
    """
    text = _UNPRINTABLE.sub("\ufffd", text)
    return _HIDDEN.sub(_code_point, text) if _HIDDEN.search(text) else text


def _code_point(match: re.Match[str]) -> str:
    return f"<U+{ord(match.group()):04X}>"


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
