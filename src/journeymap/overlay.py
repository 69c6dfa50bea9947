"""Which measures a view draws over a map: `--measures FILE`, else `[analytics] measures`.

A file named on the command line must exist and be a measures file. The one named in
journeymap.toml is where `journeymap measure` writes by default, so until it exists maps are
drawn without measures. A measures file is read once per process for as long as it is
unchanged (a build renders many maps from it; `serve` rebuilds after it changes).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from journeymap.analytics.measures import Measures, MeasuresError, load_measures
from journeymap.analytics.project_measures import configured_path
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
    if path is None:
        return None
    try:
        stat = path.stat()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise MeasuresError(f"{path}: cannot read the measures file ({reason})") from None
    return _load(str(path.resolve()), stat.st_mtime_ns, stat.st_size, str(path))


@lru_cache(maxsize=8)
def _load(resolved: str, mtime: int, size: int, shown: str) -> Measures:
    """Keyed by modification time and size, so a rewritten file is read again."""
    try:
        return load_measures(Path(resolved))
    except MeasuresError as exc:
        raise MeasuresError(str(exc).replace(resolved, shown, 1)) from None


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
