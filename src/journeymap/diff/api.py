"""`diff` as library calls: load both versions through the compiler, then compare.

Maps are checked without lint: a diff reports what changed, and lint warnings belong to
`validate`. Schema and reference errors still stop a map from being compared.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from journeymap.config import Project, load_project
from journeymap.diagnostics import Diagnostic, Severity
from journeymap.diff.changes import MapDiff
from journeymap.diff.compare import diff_maps
from journeymap.diff.future import FutureReport, future_report
from journeymap.model import JourneyMap
from journeymap.pipeline import Checked, Session, check_file, check_text, open_session


class DiffError(Exception):
    """A usage or I/O problem (a missing file, not a git repository): one line, exit 2."""


@dataclass
class DiffResult:
    """Everything one `diff` run found. `mode` is `maps`, `git` or `future`."""

    mode: str
    maps: list[MapDiff] = field(default_factory=list)
    future: FutureReport | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    revision: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return any(d.severity is Severity.ERROR for d in self.diagnostics)

    @property
    def changed(self) -> bool:
        if self.future is not None:
            return self.future.changed
        return any(m.status != "unchanged" for m in self.maps)


class Loader:
    """Checks map versions, one session per project, collecting every diagnostic."""

    def __init__(self) -> None:
        self.sessions: dict[Path, Session] = {}
        self.by_dir: dict[Path, Session] = {}
        self.diagnostics: list[Diagnostic] = []

    def session(self, path: Path) -> Session:
        """The session of the project `path` belongs to (journeymap.toml read once)."""
        directory = path.parent.resolve()
        if directory not in self.by_dir:
            project, problems = load_project(path)
            if project.root not in self.sessions:
                self.sessions[project.root] = open_session(project)
                self.diagnostics.extend(problems)
            self.by_dir[directory] = self.sessions[project.root]
        return self.by_dir[directory]

    def file(self, path: Path) -> tuple[JourneyMap | None, Project]:
        """A map on disk; a missing file or a directory is a usage error."""
        if not path.exists():
            raise DiffError(f"no such file: {path}")
        if path.is_dir():
            raise DiffError(f"{path} is a directory; compare two map files, or use --git")
        session = self.session(path)
        return self._accept(check_file(path, session, with_lint=False)), session.project

    def text(self, path: Path, text: str, display: str) -> JourneyMap | None:
        """A version that is not on disk, checked as if it were at `path`, reported as
        `display` (such as `HEAD~1:maps/a.yaml`)."""
        checked = check_text(path, text, self.session(path), with_lint=False)
        shown = checked.display
        checked.diagnostics = [_relabel(d, shown, display) for d in checked.diagnostics]
        checked.display = display
        return self._accept(checked)

    def peek(self, path: Path, text: str) -> JourneyMap | None:
        """A version only named, never compared (a deleted map): problems are dropped."""
        return check_text(path, text, self.session(path), with_lint=False).journey

    def _accept(self, checked: Checked) -> JourneyMap | None:
        """The map, or None when it has errors (which are kept for stderr)."""
        if checked.kind == "persona":
            raise DiffError(f"{checked.display} is a persona file, not a map")
        self.diagnostics.extend(checked.diagnostics)
        if any(d.severity is Severity.ERROR for d in checked.diagnostics):
            return None
        return checked.journey


def _relabel(diagnostic: Diagnostic, shown: str, display: str) -> Diagnostic:
    """A problem of an old version is placed at `REV:path`, not at today's file."""
    return replace(diagnostic, path=display) if diagnostic.path == shown else diagnostic


def diff_files(old_path: Path, new_path: Path) -> DiffResult:
    """Two map files compared; nothing is compared when either has errors."""
    loader = Loader()
    old, _ = loader.file(old_path)
    new, project = loader.file(new_path)
    result = DiffResult("maps", diagnostics=loader.diagnostics)
    if old is not None and new is not None:
        result.maps.append(compare(old, new, old.path, new.path, project))
    return result


def compare(
    old: JourneyMap, new: JourneyMap, old_display: str, new_display: str, project: Project
) -> MapDiff:
    """One map's diff, with the new version kept for the HTML view."""
    changes = diff_maps(old, new)
    return MapDiff(
        old=old_display,
        new=new_display,
        status="modified" if changes else "unchanged",
        map_id=new.id,
        title=new.title,
        changes=changes,
        journey=new,
        project=project,
        steps=sum(1 for _ in new.steps()),
    )


def diff_future(path: Path) -> DiffResult:
    """A future-state map against the map it is `based_on`."""
    loader = Loader()
    journey, project = loader.file(path)
    result = DiffResult("future", diagnostics=loader.diagnostics)
    if journey is None:
        return result
    if journey.kind != "future-state" or journey.based_on is None:
        raise DiffError(
            f"{journey.path}: with one map, diff compares a future-state map with its"
            " based_on map; give two maps (OLD NEW) otherwise"
        )
    result.future = future_report(journey, project)
    return result
