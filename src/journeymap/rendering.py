"""`render` as a library call: check each map, lay out its views, render, write atomically.

Every output of a map is produced in memory first; files are written only when the map has
no errors, each one whole (temporary file, then rename).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path, PurePath

from journeymap.config import Project, load_project
from journeymap.diagnostics import Diagnostic, Severity, at
from journeymap.layout import FlowUnavailable, lay_out
from journeymap.layout.context import Context, make_context
from journeymap.layout.document import lay_out_document
from journeymap.layout.measured import Measured
from journeymap.layout.scene import Scene
from journeymap.model import JourneyMap
from journeymap.output import write_atomic
from journeymap.pipeline import Session, check_file, open_session
from journeymap.theme import theme_from

VIEWS = ("grid", "flow", "all")
FORMATS = ("svg", "html", "png")


@dataclass(frozen=True)
class Request:
    view: str = "all"
    formats: tuple[str, ...] = ("svg", "html")
    out_dir: Path | None = None
    home: str | None = None
    """For pages of a site: the relative path back to its index."""
    measures: Path | None = None
    """A measures file to draw over the maps; None: the project's `[analytics] measures`."""
    wrap: float | None = None
    """Rows of the grid at most this wide (px); None: the project's `[theme] wrap_width`."""


@dataclass
class Rendered:
    """What rendering one map produced: files (name -> bytes), diagnostics, failures."""

    path: Path
    display: str
    files: dict[str, bytes] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    measured: Measured | None = None
    """The map's measures, when they were drawn (a site's pages list them too)."""
    warnings: list[str] = field(default_factory=list)
    """What the outputs could not do but were written anyway (a PNG's missing glyphs)."""

    @property
    def ok(self) -> bool:
        errors = any(d.severity is Severity.ERROR for d in self.diagnostics)
        return not errors and not self.failures


def context_for(journey: JourneyMap, project: Project) -> Context:
    return make_context(
        locale=journey.locale, theme=theme_from(project.theme), channels=project.channels
    )


def render_journey(journey: JourneyMap, project: Project, request: Request) -> Rendered:
    """The layout and render stages for one checked map, with its measures drawn over it."""
    from journeymap.overlay import MeasuresError, measured_for, read_measures

    result = Rendered(Path(journey.path), journey.path)
    try:
        result.measured = measured_for(read_measures(project, request.measures), journey)
    except MeasuresError as exc:
        result.failures.append(str(exc))
        return result
    ctx = context_for(journey, project)
    if request.wrap is not None:
        ctx = replace(ctx, theme=replace(ctx.theme, wrap_width=request.wrap))
    scenes: dict[str, Scene] = {}
    for view in _views(journey, request.view, measured=result.measured is not None):
        try:
            scenes[view] = lay_out(view, journey, ctx, result.measured)
        except FlowUnavailable as exc:
            result.failures.append(str(exc))
    result.files = _render(journey, ctx, scenes, request, result.measured, result.warnings)
    return result


def _views(journey: JourneyMap, view: str, *, measured: bool = False) -> tuple[str, ...]:
    """`all`: the flow view too when the map branches, or when it is measured (the log may
    show transitions a straight map does not draw)."""
    if view == "all":
        return ("grid", "flow") if journey.branches() or measured else ("grid",)
    return (view,)


def _render(
    journey: JourneyMap,
    ctx: Context,
    scenes: dict[str, Scene],
    request: Request,
    measured: Measured | None,
    warnings: list[str],
) -> dict[str, bytes]:
    from journeymap.render.svg import render_svg, standalone_svg

    formats, stem = request.formats, Path(journey.path).stem
    files: dict[str, bytes] = {}
    svgs = {view: render_svg(scene) for view, scene in scenes.items()}
    for view, svg in svgs.items():
        suffix = "" if view == "grid" else f".{view}"
        if "svg" in formats:
            files[f"{stem}{suffix}.svg"] = standalone_svg(svg).encode("utf-8")
        if "png" in formats:
            from journeymap.render.png import svg_to_png

            scene = scenes[view]
            notes: list[str] = []
            files[f"{stem}{suffix}.png"] = svg_to_png(svg, scene.width, scene.height, notes)
            warnings.extend(n for n in notes if n not in warnings)
    if "html" in formats and "grid" in scenes:
        from journeymap.render.html import render_html

        grid, flow = scenes["grid"], scenes.get("flow")
        document = lay_out_document(journey, ctx, grid, flow, request.home, measured)
        files[f"{stem}.html"] = render_html(document, svgs).encode("utf-8")
    return files


def render_paths(paths: list[Path], request: Request) -> list[Rendered]:
    """Check and render each map; write its files only if it has no errors."""
    projects: dict[Path, tuple[list[Diagnostic], Session]] = {}
    results = []
    for path in paths:
        directory = path.parent.resolve()
        if directory not in projects:
            project, problems = load_project(path)
            session = open_session(project)
            projects[directory] = (problems + session.config_problems(), session)
        results.append(_render_one(path, *projects[directory], request))
    return results


def _render_one(
    path: Path, problems: list[Diagnostic], session: Session, request: Request
) -> Rendered:
    checked = check_file(path, session)
    diagnostics = problems + checked.diagnostics
    if checked.kind == "persona":
        return Rendered(path, checked.display, failures=["a persona file has nothing to render"])
    if checked.journey is None or any(d.severity is Severity.ERROR for d in diagnostics):
        return Rendered(path, checked.display, diagnostics=diagnostics)
    result = render_journey(checked.journey, session.project, request)
    result.path, result.display, result.diagnostics = path, checked.display, diagnostics
    _write(result, request.out_dir or path.parent)
    return result


def _write(result: Rendered, target: Path) -> None:
    names, problems = write_files(result.files, target, result.display)
    result.files = {name: result.files[name] for name in names}
    result.diagnostics.extend(problems)


def write_files(
    files: dict[str, bytes],
    target: Path,
    display: str,
    *,
    shown: PurePath | None = None,
    durable: bool = True,
) -> tuple[list[str], list[Diagnostic]]:
    """Write each file into `target`; one that cannot be written (a file where the folder
    should be, no permission, disk full) is a located JM021 of its map, `display`, and is
    left out of the names written. `shown` is the folder as the message names it."""
    written: list[str] = []
    problems: list[Diagnostic] = []
    for name, data in sorted(files.items()):
        try:
            write_atomic(target / name, data, durable=durable)
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            message = f"cannot write {(shown or target) / name}: {reason}"
            problems.append(at(display, 0, 0, "JM021", message))
            continue
        written.append(name)
    return written, problems
