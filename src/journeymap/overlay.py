"""Which measures a view draws over a map: `--measures FILE`, else `[analytics] measures`.

A file named on the command line must exist and be a measures file. The one named in
journeymap.toml is where `journeymap measure` writes by default, so until it exists maps are
drawn without measures. A measures file is read once per process for as long as it is
unchanged (a build renders many maps from it; `serve` rebuilds after it changes).
"""

from __future__ import annotations

from pathlib import Path

from journeymap.analytics.measures import Measures, MeasuresError
from journeymap.analytics.project_measures import configured_path, read_measures_file
from journeymap.config import Project
from journeymap.layout.measured import Measured
from journeymap.model import JourneyMap

__all__ = ["MeasuresError", "measured_for", "measures_file", "read_measures"]


def measures_file(project: Project, override: Path | None) -> Path | None:
    """The measures file to draw: the command line's, else the project's (if it exists)."""
    if override is not None:
        return override
    path = configured_path(project)
    return path if path is not None and path.is_file() else None


def read_measures(project: Project, override: Path | None) -> Measures | None:
    """The measures to draw for `project`, or None; a bad file raises a one-line MeasuresError."""
    path = measures_file(project, override)
    return read_measures_file(path) if path is not None else None


def check_measures(project: Project, override: Path | None) -> Path | None:
    """The measures file a build draws, read once to fail early (one line) if it is bad."""
    read_measures(project, override)
    path = measures_file(project, override)
    return path.resolve() if path is not None else None


def measured_for(measures: Measures | None, journey: JourneyMap) -> Measured | None:
    """One map's measures (found by map id) with the file's period and threshold."""
    if measures is None:
        return None
    found = measures.maps.get(journey.id)
    if found is None:
        return None
    return Measured(
        map=found,
        first=measures.period.first,
        last=measures.period.last,
        min_cases=measures.settings.min_cases,
        source=measures.source.name,
    )
