"""The human format: one `path:line:col: CODE message` line per diagnostic."""

from __future__ import annotations

from typing import TYPE_CHECKING

from journeymap.diagnostics import Diagnostic, Severity
from journeymap.i18n.english import counted

if TYPE_CHECKING:
    from journeymap.report import Outcome

_COLORS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def line(diagnostic: Diagnostic, *, color: bool = False) -> str:
    text = diagnostic.one_line()
    if diagnostic.severity is not Severity.ERROR:
        text += f" [{diagnostic.severity.label}]"
    if not color:
        return text
    code = _COLORS[diagnostic.severity]
    location, rest = text.split(": ", 1)
    return f"\x1b[1m{location}\x1b[0m: \x1b[{code}m{rest}\x1b[0m"


def render(outcome: Outcome) -> str:
    return "".join(line(d, color=outcome.color) + "\n" for d in outcome.diagnostics)


def summary(outcome: Outcome) -> str:
    errors, warnings = outcome.count(Severity.ERROR), outcome.count(Severity.WARNING)
    files = len(outcome.files)
    bad = len({d.path for d in outcome.diagnostics if d.severity is Severity.ERROR})
    checked = counted(files, "file", "files")
    if not outcome.diagnostics:
        return f"{checked} checked, no problems"
    return (
        f"{checked} checked: {counted(errors, 'error', 'errors')} in"
        f" {counted(bad, 'file', 'files')}, {counted(warnings, 'warning', 'warnings')},"
        f" {outcome.count(Severity.INFO)} info"
    )
