"""Which measures file a command compares maps with: `--measures FILE`, else the project's
`[analytics] measures`. The project's file is optional until `measure` has written it: a
missing one means "no measures", a broken one is a located problem in journeymap.toml."""

from __future__ import annotations

from pathlib import Path

from journeymap.analytics.measures import Measures, MeasuresError, load_measures
from journeymap.config import Project, config_diagnostic
from journeymap.diagnostics import Diagnostic


def configured_path(project: Project) -> Path | None:
    name = project.analytics.measures
    return project.root / name if name else None


def load_given(path: Path | None) -> Measures | None:
    """A measures file named on the command line (which must load: MeasuresError), or None."""
    return load_measures(path) if path is not None else None


def project_measures(project: Project) -> Measures | None:
    """The project's `[analytics] measures`, or None when none is named, written or usable."""
    path = configured_path(project)
    if path is None or not path.exists():
        return None
    try:
        return load_measures(path)
    except MeasuresError:
        return None  # reported once per project by `measures_problem`


def measures_problem(project: Project) -> Diagnostic | None:
    """The project's measures file, when it exists and cannot be used, as a JM207 at the key."""
    path = configured_path(project)
    if path is None or not path.exists():
        return None
    try:
        load_measures(path)
    except MeasuresError as error:
        return config_diagnostic(project, ("analytics", "measures"), "JM207", str(error))
    return None
