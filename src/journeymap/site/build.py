"""`journeymap build`, top to bottom: lock, find maps, build what changed, write the pages.

Two builds of one site never interleave: the second waits on a lock. Everything is written
into a stage beside the site and swapped in at the end, so the site is the last complete
build or the new one, never a mix, even when the build is interrupted. A map with errors
keeps the pages of its last good build and is listed on the index with its problems.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from journeymap.config import Project, load_project
from journeymap.diagnostics import Diagnostic, Severity, at
from journeymap.pipeline import open_session
from journeymap.report.text import line
from journeymap.runner import MAP_SUFFIXES, FileReport, duplicate_ids
from journeymap.scan import scan
from journeymap.site import cache as caching
from journeymap.site.lock import SiteError, locked
from journeymap.site.pages import site_pages
from journeymap.site.parallel import run_jobs
from journeymap.site.stage import Stage, staged
from journeymap.site.summary import Summary
from journeymap.site.work import Job, page_for

Progress = Callable[[int, int], None]

__all__ = ["BuildResult", "SiteError", "build"]


@dataclass
class BuildResult:
    maps: int = 0
    rendered: int = 0
    reused: int = 0
    failed: int = 0
    files: int = 0
    seconds: float = 0.0
    diagnostics: list[Diagnostic] = field(default_factory=list)
    errors: dict[str, list[str]] = field(default_factory=dict)
    """Site page of each map with errors -> its diagnostics, one line each."""


def build(
    directory: Path,
    out: Path,
    *,
    force: bool = False,
    jobs: int | None = None,
    progress: Progress | None = None,
    measures: Path | None = None,
) -> BuildResult:
    """`measures`: a measures file to draw over the maps, else `[analytics] measures`."""
    started = time.perf_counter()
    project, problems = load_project(directory.resolve())
    problems += open_session(project).config_problems()
    site = _site_dir(project, out)
    drawn = _measures(project, measures)
    with locked(site), staged(site) as stage:
        old = caching.load(site, caching.config_key(project.config_path, drawn))
        digests = caching.Digests(project.root)
        found, clashes, skipped = _discover(project, site)
        stale, fresh = _plan(found, old, digests, force=force)
        into = stage.path if stale else site
        built = run_jobs(
            project.root, into, stale, jobs_count=jobs, progress=progress, measures=drawn
        )
        _keep_last_good(built, old)
        result = _finish(project, stage, found, old, {**fresh, **built}, digests)
        stage.commit()
        result.diagnostics[:0] = problems + skipped + clashes
        result.failed += len(clashes)
    result.rendered = sum(1 for e in built.values() if e.kind != "persona")
    result.reused = sum(1 for e in fresh.values() if e.kind != "persona")
    result.seconds = time.perf_counter() - started
    return result


def _measures(project: Project, measures: Path | None) -> Path | None:
    from journeymap.overlay import MeasuresError, check_measures

    try:
        return check_measures(project, measures)
    except MeasuresError as exc:
        raise SiteError(str(exc)) from None


def _site_dir(project: Project, out: Path) -> Path:
    site = out.resolve()
    if site == project.root or project.root.is_relative_to(site):
        raise SiteError(f"the site directory {out} would hold the project; choose another -o")
    if site.exists() and not site.is_dir():
        raise SiteError(f"{out} exists and is not a directory")
    return site


def _discover(
    project: Project, site: Path
) -> tuple[dict[str, str], list[Diagnostic], list[Diagnostic]]:
    """Map files (relative to the root) to their pages, outside the site directory; also the
    links the scan skipped because they lead outside the root (JM210 warnings).

    `a.yaml` and `a.yml` would share a page: the second is refused (JM209), not overwritten.
    """
    found: dict[str, str] = {}
    owners: dict[str, str] = {}
    clashes: list[Diagnostic] = []
    scanned = scan(project.root, project.root)
    for path in scanned.paths():
        if path.is_relative_to(site) or path.suffix not in MAP_SUFFIXES:
            continue
        relative = path.relative_to(project.root).as_posix()
        page = page_for(relative)
        if page in owners:
            message = f"{owners[page]} is drawn at {page} already"
            display = project.display(path)
            clashes.append(at(display, 0, 0, "JM209", message, hint="rename one of the files"))
            continue
        found[relative], owners[page] = page, relative
    return found, clashes, scanned.skipped


def _plan(
    found: dict[str, str], old: caching.Cache, digests: caching.Digests, *, force: bool
) -> tuple[list[Job], dict[str, caching.Entry]]:
    """Which maps to build and which entries to keep: same inputs, no errors last time."""
    stale: list[Job] = []
    fresh: dict[str, caching.Entry] = {}
    for relative, page in found.items():
        entry = old.entries.get(relative)
        digest = digests.of_map(relative, entry.deps if entry else [])
        if entry and not force and entry.digest == digest and not _has_errors(entry):
            fresh[relative] = entry
        else:
            stale.append(Job(relative, page, digests.of_map(relative, [])))
    return stale, fresh


def _keep_last_good(built: dict[str, caching.Entry], old: caching.Cache) -> None:
    """A map that now has errors keeps the pages (and index card) of its last good build."""
    for relative, entry in built.items():
        previous = old.entries.get(relative)
        if previous is not None and _has_errors(entry):
            entry.outputs = sorted({*entry.outputs, *previous.outputs})
            entry.summary = entry.summary or previous.summary


def _has_errors(entry: caching.Entry) -> bool:
    return any(d["severity"] == "error" for d in entry.diagnostics)


def _finish(
    project: Project,
    stage: Stage,
    found: dict[str, str],
    old: caching.Cache,
    entries: dict[str, caching.Entry],
    digests: caching.Digests,
) -> BuildResult:
    """Diagnostics, the shared pages, stale outputs removed, the cache saved."""
    result = BuildResult()
    entries = _with_deps_digest(entries, digests)
    summaries, diagnostics, broken = _collect(project, found, entries, result)
    shown = {page: _from_root(project, problems) for page, problems in broken.items()}
    pages = _shared_pages(project, stage, summaries, shown, old.entries.get(""))
    written = {name for e in entries.values() for name in e.outputs} | set(pages.outputs)
    stage.remove(n for e in old.entries.values() for n in e.outputs if n not in written)
    cache = caching.dumps(caching.Cache(old.key, entries | {"": pages}))
    try:
        stage.write(caching.CACHE_FILE, cache)
    except OSError as exc:
        raise SiteError(f"cannot write the build cache in {stage.live}: {exc.strerror}") from None
    result.diagnostics = sorted(diagnostics, key=Diagnostic.sort_key)
    result.files = len(written)
    return result


def _with_deps_digest(
    entries: dict[str, caching.Entry], digests: caching.Digests
) -> dict[str, caching.Entry]:
    """A built entry's digest is only final once its references are known: recompute it."""
    for relative, entry in entries.items():
        entry.digest = digests.of_map(relative, entry.deps)
    return dict(sorted(entries.items()))


def _collect(
    project: Project, found: dict[str, str], entries: dict[str, caching.Entry], result: BuildResult
) -> tuple[list[Summary], list[Diagnostic], dict[str, list[Diagnostic]]]:
    """Summaries for the pages, every diagnostic, and the problems of each broken map's page."""
    summaries: list[Summary] = []
    diagnostics: list[Diagnostic] = []
    broken: dict[str, list[Diagnostic]] = {}
    for relative, entry in entries.items():
        problems = [Diagnostic.from_data(d) for d in entry.diagnostics]
        diagnostics.extend(problems)
        if any(d.severity is Severity.ERROR for d in problems):
            broken[found[relative]] = problems
            result.errors[found[relative]] = [line(d) for d in problems]
        if entry.summary is not None:
            summaries.append(Summary.from_json(entry.summary))
    result.failed += len(broken)
    result.maps = sum(1 for e in entries.values() if e.kind != "persona")
    diagnostics.extend(_duplicate_ids(project, entries))
    return summaries, diagnostics, broken


def _from_root(project: Project, problems: list[Diagnostic]) -> list[str]:
    """Problem lines with paths relative to the project root, as the site shows them: a
    page must not depend on the directory the build was started from."""
    root = project.root.resolve()
    out = []
    for diagnostic in problems:
        path = Path(diagnostic.path).resolve()
        if path.is_relative_to(root):
            diagnostic = dataclasses.replace(diagnostic, path=path.relative_to(root).as_posix())
        out.append(line(diagnostic))
    return out


def _duplicate_ids(project: Project, entries: dict[str, caching.Entry]) -> list[Diagnostic]:
    """Map ids are unique in the project (JM208), as `validate` checks."""
    reports = [
        FileReport(
            display=project.display(project.root / relative),
            project_root="",
            kind=e.kind,
            map_id=e.map_id,
            id_position=(e.id_position[0], e.id_position[1]) if e.id_position else None,
        )
        for relative, e in entries.items()
    ]
    return duplicate_ids(reports)


def _shared_pages(
    project: Project,
    stage: Stage,
    summaries: list[Summary],
    errors: dict[str, list[str]],
    last: caching.Entry | None,
) -> caching.Entry:
    """Index, personas, channels and backlog, remembered like a map's outputs (so stale
    persona pages go), and made again only when a summary or a problem changed."""
    state = json.dumps([[s.to_json() for s in summaries], errors], sort_keys=True)
    digest = hashlib.sha256(state.encode("utf-8")).hexdigest()
    live = stage.live
    if last and last.digest == digest and all((live / n).is_file() for n in last.outputs):
        return last
    pages = site_pages(summaries, errors, project)
    for name, data in pages.items():
        try:
            stage.write(name, data)
        except OSError as exc:
            raise SiteError(f"cannot write {live / name}: {exc.strerror}") from None
    return caching.Entry(digest=digest, deps=[], outputs=sorted(pages), summary=None)
