"""Which measures file a command compares maps with: `--measures FILE`, else the project's
`[analytics] measures`. The project's file is optional until `measure` has written it: a
missing one means "no measures", a broken one is a located problem in journeymap.toml."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from journeymap.analytics.measures import Measures, MeasuresError, load_measures
from journeymap.config import Project, config_diagnostic
from journeymap.diagnostics import Diagnostic


def read_measures_file(path: Path) -> Measures:
    """`load_measures`, parsed and checked once per process while the file is unchanged: one
    command reads the same file to check it, to lint with it and to draw it, and a build
    draws many maps from it; `serve` reads it again after it is saved."""
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


def configured_path(project: Project) -> Path | None:
    name = project.analytics.measures
    return project.root / name if name else None


def load_given(path: Path | None) -> Measures | None:
    """A measures file named on the command line (which must load: MeasuresError), or None."""
    return read_measures_file(path) if path is not None else None


def project_measures(project: Project) -> Measures | None:
    """The project's `[analytics] measures`, or None when none is named, written or usable."""
    path = configured_path(project)
    if path is None or not path.exists():
        return None
    try:
        return read_measures_file(path)
    except MeasuresError:
        return None  # reported once per project by `measures_problem`


def measures_problem(project: Project) -> Diagnostic | None:
    """The project's measures file, when it exists and cannot be used, as a JM207 at the key."""
    path = configured_path(project)
    if path is None or not path.exists():
        return None
    try:
        read_measures_file(path)
    except MeasuresError as error:
        return config_diagnostic(project, ("analytics", "measures"), "JM207", str(error))
    return None
