"""Report stage: diagnostics to text, json, github, sarif or junit.

Reporters live in one name-to-function table that feeds `--format` directly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from journeymap.diagnostics import Diagnostic, Severity
from journeymap.report import machine, text


@dataclass(frozen=True)
class Outcome:
    """What a `validate` run found, as every reporter needs it."""

    diagnostics: list[Diagnostic]
    files: list[str]
    color: bool = False

    def count(self, severity: Severity) -> int:
        return sum(1 for d in self.diagnostics if d.severity is severity)


Reporter = Callable[[Outcome], str]

REPORTERS: dict[str, Reporter] = {
    "text": text.render,
    "json": machine.render_json,
    "github": machine.render_github,
    "sarif": machine.render_sarif,
    "junit": machine.render_junit,
}
