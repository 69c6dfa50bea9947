"""Checking many files: expand the arguments, group files by project, fan out across cores.

Workers return only diagnostics and a few facts per file, never parsed maps: keeping every
parsed map alive made parsing much slower (the garbage collector rescans them), so results
stream through and the maps are dropped as soon as each file is checked.
"""

from __future__ import annotations

import gc
import glob
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path

from journeymap.config import Project, inside, load_project, root_for
from journeymap.diagnostics import Diagnostic, at
from journeymap.interrupt import ignore_in_worker, signals_blocked
from journeymap.pipeline import Session, check_file, open_session
from journeymap.scan import MAP_SUFFIXES, scan, skipped_link

__all__ = [
    "MAP_SUFFIXES",
    "Expansion",
    "FileReport",
    "available_cores",
    "check_paths",
    "duplicate_ids",
    "expand",
    "project_problems",
]

_PARALLEL_FROM = 24
"""Below this many files, starting worker processes costs more than it saves."""


@dataclass
class FileReport:
    display: str
    project_root: str
    kind: str | None = None
    map_id: str | None = None
    id_position: tuple[int, int] | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)


@dataclass
class Expansion:
    """The files the arguments name, and what stops or is skipped on the way."""

    files: list[Path] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    """Arguments that name nothing (no file, no directory, no glob match)."""
    outside: list[str] = field(default_factory=list)
    """Arguments that resolve outside their project root: an error, nothing is read."""
    skipped: list[Diagnostic] = field(default_factory=list)
    """Links found by a scan (a directory or a glob) that lead outside the root (JM210)."""
    empty: list[str] = field(default_factory=list)
    """Directories that hold no map file: a note, not an error (nothing there is wrong)."""


def expand(arguments: Iterable[str]) -> Expansion:
    """Files, directories (scanned) and globs to a sorted file list, never outside the root."""
    found: dict[Path, None] = {}
    result = Expansion()
    for argument in arguments:
        path = Path(argument)
        if os.path.lexists(argument) or path.is_dir():
            root = root_for(path)
            if not inside(path, root):
                result.outside.append(argument)
            elif path.is_dir():
                scanned = scan(path, root)
                found.update(dict.fromkeys(scanned.paths()))
                result.skipped += scanned.skipped
                if not scanned.files and not scanned.skipped:
                    result.empty.append(argument)
            else:
                found[path] = None
        elif glob.has_magic(argument):
            before = len(result.skipped)
            matches = _glob(argument, result.skipped)
            found.update(dict.fromkeys(matches))
            if not matches and len(result.skipped) == before:
                result.missing.append(argument)
        else:
            result.missing.append(argument)
    result.files = sorted(found, key=str)
    return result


def _glob(pattern: str, skipped: list[Diagnostic]) -> list[Path]:
    """Map files a glob matches; a match that resolves outside its root is a skipped link."""
    matches: list[Path] = []
    roots: dict[Path, Path] = {}
    for name in sorted(glob.glob(pattern, recursive=True)):
        path = Path(name)
        if path.suffix not in MAP_SUFFIXES or path.is_dir():
            continue
        if path.parent not in roots:
            roots[path.parent] = root_for(path)
        if inside(path, roots[path.parent]):
            matches.append(path)
        else:
            skipped.append(skipped_link(path))
    return matches


class _Projects:
    """Project lookup cached per directory, with one session (reference cache, lint settings)
    per project."""

    def __init__(self, measures: Path | None = None) -> None:
        self.measures = measures
        self.by_dir: dict[Path, Path] = {}
        self.projects: dict[Path, tuple[Project, list[Diagnostic]]] = {}
        self.sessions: dict[Path, Session] = {}

    def for_file(self, path: Path) -> tuple[Project, list[Diagnostic]]:
        directory = path.parent.resolve()
        root = self.by_dir.get(directory)
        if root is None or root not in self.projects:
            project, problems = load_project(directory)
            root = project.root
            self.by_dir[directory] = root
            self.projects.setdefault(root, (project, problems))
        return self.projects[root]

    def session(self, project: Project) -> Session:
        if project.root not in self.sessions:
            from journeymap.analytics.project_measures import load_given

            self.sessions[project.root] = open_session(project, load_given(self.measures))
        return self.sessions[project.root]


_worker_projects: dict[Path | None, _Projects] = {}


def _check_chunk(paths: list[str], with_lint: bool, measures: Path | None) -> list[FileReport]:
    projects = _worker_projects.setdefault(measures, _Projects(measures))
    return [_check_one(Path(p), projects, with_lint) for p in paths]


def _check_one(path: Path, projects: _Projects, with_lint: bool) -> FileReport:
    project, _ = projects.for_file(path)
    checked = check_file(path, projects.session(project), with_lint=with_lint)
    return FileReport(
        display=checked.display,
        project_root=str(project.root),
        kind=checked.kind,
        map_id=checked.doc_id,
        id_position=checked.id_position,
        diagnostics=checked.diagnostics,
    )


def check_paths(
    files: list[Path],
    *,
    jobs: int | None = None,
    with_lint: bool = True,
    measures: Path | None = None,
) -> Iterator[FileReport]:
    """Check files, in parallel when there are many; reports come back in file order.
    `measures` overrides each project's `[analytics] measures` for the lint rules."""
    jobs = jobs or available_cores()
    if jobs <= 1 or len(files) < _PARALLEL_FROM:
        projects = _Projects(measures)
        for path in files:
            yield _check_one(path, projects, with_lint)
        return
    size = max(1, min(64, len(files) // (jobs * 4)))
    chunks = [[str(p) for p in files[i : i + size]] for i in range(0, len(files), size)]
    gc.freeze()
    context = get_context("fork") if hasattr(os, "fork") else get_context()
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=ignore_in_worker)
    try:  # the first submit forks the workers: a stop from there on must end them
        with signals_blocked():
            futures = [pool.submit(_check_chunk, chunk, with_lint, measures) for chunk in chunks]
        for future in futures:  # not pool.map: on a stop it cancels what _stop must not
            yield from future.result()
    except BaseException:
        _stop(pool)
        raise
    pool.shutdown()


def _stop(pool: ProcessPoolExecutor) -> None:
    """Ctrl-C, SIGTERM or a consumer that stopped reading: end this pool's workers now
    (SIGTERM ends them at once) rather than after their chunk. The pool then fails the
    queued chunks itself; cancelling them first makes Python 3.11 print a traceback.

    Exactly the pool's own processes (all forked at the first submit): other threads may
    have processes of their own, and shutdown forgets the pool's, so they are taken first."""
    workers = list(pool._processes.values())
    pool.shutdown(wait=False)
    for worker in workers:
        worker.terminate()


def project_problems(files: list[Path], *, measures: Path | None = None) -> list[Diagnostic]:
    """Problems with the journeymap.toml files the given maps belong to, each once; also
    a broken `[analytics] measures` file, unless `measures` (given by the user) replaces it."""
    from journeymap.analytics.project_measures import measures_problem

    projects = _Projects()
    seen: dict[Path, list[Diagnostic]] = {}
    for path in files:
        project, problems = projects.for_file(path)
        if project.root not in seen:
            seen[project.root] = problems + open_session(project).config_problems()
            broken = None if measures is not None or problems else measures_problem(project)
            seen[project.root] += [broken] if broken else []
    return [d for problems in seen.values() for d in problems]


def duplicate_ids(reports: Iterable[FileReport]) -> list[Diagnostic]:
    """Map ids (and persona ids) must be unique within a project."""
    first: dict[tuple[str, bool, str], str] = {}
    found: list[Diagnostic] = []
    for report in reports:
        if report.map_id is None or report.id_position is None:
            continue
        key = (report.project_root, report.kind == "persona", report.map_id)
        if key in first:
            line, col = report.id_position
            message = f"id {report.map_id!r} is already used by {first[key]}"
            found.append(at(report.display, line, col, "JM208", message, hint="ids are unique"))
        else:
            first[key] = report.display
    return found


def available_cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)
