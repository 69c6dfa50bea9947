"""The HTML report: one self-contained page (inline CSS and SVG, no script, no requests).

Each modified map shows the NEW version's grid with its added and changed steps outlined;
removed steps are not in the new map, so they are listed under it. The change list uses
the same sentences as the other formats, escaped by markupsafe.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup, escape

from journeymap.config import Project
from journeymap.diff.api import DiffResult
from journeymap.diff.changes import Change, MapDiff
from journeymap.diff.describe import Arg, safe, sentence
from journeymap.diff.future import FutureReport, PainStatus
from journeymap.diff.highlight import FUTURE_MARKS, MARKS, Mark, highlight
from journeymap.diff.text import future_summary, step_note
from journeymap.diff.words import map_summary, overall
from journeymap.model import JourneyMap

CSS_KIND = {"+": "added", "-": "removed", "~": "changed", ">": "moved"}


@dataclass
class Section:
    """What the template shows for one map."""

    label: str
    title: str
    summary: str
    svg: Markup | None = None
    removed: list[tuple[str, str, str]] = field(default_factory=list)
    lines: list[tuple[str, str, Markup]] = field(default_factory=list)


def quoted(value: str) -> Markup:
    """Map text, escaped, quoted and isolated so its direction cannot reorder our words."""
    return Markup("“<bdi>{}</bdi>”").format(safe(value))


def html_arg(arg: Arg) -> Markup:
    """A sentence argument as markup: ids as code, map text quoted, all of it escaped."""
    if arg.kind == "texts":
        return Markup(", ").join(quoted(v) for v in arg.value)
    if arg.kind == "id":
        return Markup("<code>{}</code>").format(safe(str(arg.value)))
    if arg.kind == "text":
        return quoted(str(arg.value))
    return escape(str(arg.value))


def render_html(result: DiffResult) -> str:
    """The whole page; the jinja2 environment and the layout load only for this format."""
    from journeymap.render.env import environment
    from journeymap.render.scripts import policy

    template = environment().get_template("diff.html.j2")
    if result.future is not None:
        future = result.future
        return template.render(
            title=f"Future state: {safe(future.title)}",
            summary=future_summary(future),
            sections=[],
            future=_future_view(future),
            marks=FUTURE_MARKS,
            moved_color=MARKS["moved"].color,
            policy=Markup(policy()),
        )
    sections = [_section(diff, f"d{index}-") for index, diff in enumerate(result.maps)]
    title = "journeymap diff" + (f" against {result.revision}" if result.revision else "")
    return template.render(
        title=title,
        summary=overall(result.maps),
        sections=sections,
        future=None,
        marks=MARKS,
        moved_color=MARKS["moved"].color,
        policy=Markup(policy()),
    )


def _section(diff: MapDiff, prefix: str) -> Section:
    """One map: its sentences, its removed steps, and the new grid for modified maps."""
    section = Section(safe(diff.label, 400), safe(diff.title), map_summary(diff))
    for change in diff.changes:
        words = sentence(change)
        line = Markup(escape(words.template)).format(*(html_arg(a) for a in words.args))
        section.lines.append((words.marker, CSS_KIND[words.marker], line))
        if change.element == "step" and change.kind == "removed":
            data = change.before
            label = safe(data.get("title") or data["action"])
            section.removed.append((change.id, data["stage"], label))
    if diff.status == "modified":
        section.svg = _svg(diff.journey, diff.project, step_marks(diff.changes), prefix)
    return section


def step_marks(changes: list[Change]) -> dict[str, str]:
    """Step id -> `added`, `moved` (it only moved) or `changed` for every step of the new
    map that a change touches."""
    marks: dict[str, str] = {}
    removed = {c.id for c in changes if c.element == "step" and c.kind == "removed"}
    for change in changes:
        if change.element == "step" and change.kind == "added":
            marks[change.id] = "added"
        elif change.step and change.step not in removed and marks.get(change.step) != "added":
            moving = change.element == "step" and change.kind in _MOVES
            marks[change.step] = _merged(marks.get(change.step), "moved" if moving else "changed")
    return marks


_MOVES = frozenset({"moved", "reordered"})


def _merged(before: str | None, mark: str) -> str:
    """`moved` stays only while every change of the step is a move."""
    return mark if before in (None, mark) else "changed"


def _future_view(report: FutureReport) -> dict[str, object]:
    """What the template shows of a future-vs-current report, map text made safe."""

    def pain(p: PainStatus) -> dict[str, object]:
        owner = safe(p.owner) if p.owner else None
        return {
            "id": p.id,
            "severity": p.severity,
            "step": p.step,
            "owner": owner,
            "text": safe(p.text),
            "resolved_by": p.resolved_by,
            "note": step_note(p.step_note) if p.step_note else None,
        }

    groups = {
        status: [(s.id, safe(s.label), s.mismatch) for s in steps]
        for status, steps in report.by_status().items()
    }
    return {
        "future": safe(report.future, 400),
        "based_on": safe(report.based_on, 400),
        "based_on_id": report.based_on_id,
        "based_on_title": safe(report.based_on_title),
        "resolved": [pain(p) for p in report.resolved],
        "open": [pain(p) for p in report.open],
        "groups": groups,
        "unmatched": [(key, stage, safe(label)) for key, stage, label in report.unmatched],
        "svg": _svg(report.journey, report.project, _future_marks(report), "f-", FUTURE_MARKS),
    }


def _future_marks(report: FutureReport) -> dict[str, str]:
    """The future map's own statuses drive the marks (`unchanged` steps are left plain)."""
    kinds = {"new": "added", "changed": "changed", "removed": "removed"}
    return {s.id: kinds[s.status] for s in report.steps if s.status in kinds}


def _svg(
    journey: JourneyMap | None,
    project: Project | None,
    marks: dict[str, str],
    prefix: str,
    styles: Mapping[str, Mark] = MARKS,
) -> Markup | None:
    """The map's grid view with the marks, as inline SVG (ids prefixed per map)."""
    from journeymap.layout.grid import lay_out_grid
    from journeymap.render.svg import render_svg
    from journeymap.rendering import context_for

    if journey is None:
        return None
    ctx = context_for(journey, project or Project(root=Path.cwd()))
    scene = lay_out_grid(journey, ctx, prefix=prefix)
    scene = highlight(scene, journey, ctx.theme, marks, styles)
    return Markup(render_svg(scene))
