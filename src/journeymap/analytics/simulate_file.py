"""`journeymap simulate` as a library call: check the map, walk it, write the log."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from journeymap.analytics.simulate import Options, simulate
from journeymap.analytics.simulate_plan import plan_for
from journeymap.analytics.simulate_write import WriteError, format_for, write_log
from journeymap.config import load_project
from journeymap.diagnostics import Diagnostic, Severity
from journeymap.pipeline import check_file, open_session


class SimulateError(Exception):
    """The map cannot be simulated or the log cannot be written; the message is one line."""


@dataclass(frozen=True)
class Simulated:
    cases: int
    events: int
    diagnostics: tuple[Diagnostic, ...] = ()


def simulate_file(path: Path, out: Path, options: Options) -> Simulated:
    """Errors in the map come back as diagnostics (nothing is written); the rest raises."""
    try:
        format_for(out)
    except WriteError as error:
        raise SimulateError(str(error)) from None
    project, problems = load_project(path)
    if problems:
        return Simulated(0, 0, tuple(problems))
    checked = check_file(path, open_session(project), with_lint=False)
    errors = tuple(d for d in checked.diagnostics if d.severity is Severity.ERROR)
    if errors:
        return Simulated(0, 0, errors)
    if checked.journey is None:
        raise SimulateError(f"{checked.display} is a persona, not a map")
    plan = plan_for(checked.journey, drop_scale=options.drop_scale)
    try:
        events = write_log(simulate(plan, options), plan, out)
    except WriteError as error:
        raise SimulateError(str(error)) from None
    except OSError as error:
        raise SimulateError(f"cannot write {out}: {error.strerror or error}") from None
    return Simulated(options.cases, events)
