"""One build as `watch` and `serve` report it: the problems to show, and a summary line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from journeymap.diagnostics import Severity
from journeymap.i18n.english import counted
from journeymap.report.text import line
from journeymap.site import BuildResult, SiteError, build


@dataclass(frozen=True, slots=True)
class Build:
    """`problems` are one-line diagnostics (or the build's own failure), for terminal and page."""

    problems: tuple[str, ...]
    summary: str


def first_build(directory: Path, out: Path, measures: Path | None = None) -> Build:
    """The build at start, on every core. A SiteError (unusable -o) propagates: nothing to serve."""
    return _outcome(build(directory, out, measures=measures))


def rebuild(directory: Path, out: Path, measures: Path | None = None) -> Build:
    """A build after a save: in this process, so caches stay warm; failures become problems.

    The loop must outlive any one bad build, even an internal error, so that fixing the
    cause (or the map that triggers it) and saving again recovers without a restart.
    """
    try:
        return _outcome(build(directory, out, jobs=1, measures=measures))
    except SiteError as exc:
        return Build((f"journeymap: {exc}",), "build failed")
    except Exception as exc:
        message = " ".join(str(exc).split())[:300]
        return Build((f"journeymap: internal error: {type(exc).__name__}: {message}",), "failed")


def problems_of(result: BuildResult) -> tuple[str, ...]:
    """Each broken map's lines, then errors that belong to no one map (config, clashes).

    Each line once, in that order.
    """
    lines = [text for page in sorted(result.errors) for text in result.errors[page]]
    lines += [line(d) for d in result.diagnostics if d.severity is Severity.ERROR]
    return tuple(dict.fromkeys(lines))  # a map's errors also come with maps based on it


def _outcome(result: BuildResult) -> Build:
    broken = f", {result.failed} with errors" if result.failed else ""
    summary = (
        f"built {counted(result.maps, 'map', 'maps')} in {result.seconds:.2f} s:"
        f" {result.rendered} rendered, {result.reused} unchanged{broken}"
    )
    return Build(problems_of(result), summary)
