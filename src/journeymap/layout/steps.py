"""The column headers: stage bands, step headers with badges, and the day's time axis."""

from __future__ import annotations

from itertools import pairwise

from journeymap.layout.context import Context, baseline
from journeymap.layout.geometry import Grid
from journeymap.layout.scene import Circle, Element, Icon, Line, Rect, Text, r1
from journeymap.model import Stage, Step

STAGE_PAD = 10.0
STATUS_COLORS = {
    "new": ("new", "new_bg", "new"),
    "changed": ("changed", "changed_bg", "changed"),
    "removed": ("removed", "removed_bg", "removed"),
    "unchanged": ("unchanged", "unchanged_bg", "check"),
}


def stage_title(ctx: Context, stage: Stage) -> str:
    if stage.title:
        return stage.title
    return ctx.labels[f"phase.{stage.id}"]


def stage_row(grid: Grid, y: float) -> float:
    ctx = grid.ctx
    spans = _spans(grid)
    built = [_stage_band(grid, stage, index, first, last, y) for index, stage, first, last in spans]
    height = max([0.0] + [h for _, h in built])
    for (rect_fill, _), (index, _, first, last) in zip(built, spans, strict=True):
        x1, x2 = grid.x(first) + 3, grid.x(last) + grid.column - 3
        grid.elements.append(
            Rect(
                r1(x1),
                r1(y),
                r1(x2 - x1),
                r1(height),
                ctx.theme.stage_color(index),
                radius=8,
                css="stage",
            )
        )
        grid.elements.extend(rect_fill)
    return r1(y + height + 8)


def _spans(grid: Grid) -> list[tuple[int, Stage, int, int]]:
    """Each stage with the first and last column of its steps (empty stages are skipped)."""
    out = []
    for stage_index, stage in enumerate(grid.journey.stages):
        columns = [i for i, (s, _, _) in enumerate(grid.steps) if s == stage_index]
        if columns:
            out.append((stage_index, stage, columns[0], columns[-1]))
    return out


def _stage_band(
    grid: Grid, stage: Stage, index: int, first: int, last: int, y: float
) -> tuple[list[Element], float]:
    ctx = grid.ctx
    colors = ctx.theme.colors
    width = (last - first + 1) * grid.column - 6 - 2 * STAGE_PAD
    x = grid.x(first) + 3 + STAGE_PAD
    size = round(ctx.size * 1.15, 1)
    lh = ctx.line_height(size)
    lines = ctx.lines(stage_title(ctx, stage), width, size, bold=True, max_lines=2)
    out: list[Element] = [
        Text(
            r1(x),
            r1(baseline(y + STAGE_PAD, 0, size, lh)),
            lines,
            size,
            colors.stage_text,
            r1(lh),
            bold=True,
            css="stage-title",
        )
    ]
    cursor = y + STAGE_PAD + len(lines) * lh
    phase = stage.phase if stage.phase and stage.phase != stage.id else None
    if phase and stage.title:
        small_lh = ctx.line_height(ctx.small)
        out.append(
            Text(
                r1(x),
                r1(baseline(cursor, 0, ctx.small, small_lh)),
                (ctx.labels[f"phase.{phase}"],),
                ctx.small,
                colors.stage_text,
                r1(small_lh),
                css="stage-phase",
            )
        )
        cursor += small_lh
    return out, r1(cursor + STAGE_PAD - y)


def step_row(grid: Grid, y: float) -> float:
    headers = [_step_header(grid, index, step, y) for index, (_, _, step) in enumerate(grid.steps)]
    height = max([0.0] + [h for _, h in headers])
    for elements, _ in headers:
        grid.elements.extend(elements)
    bottom = r1(y + height + 6)
    grid.elements.append(
        Line(r1(grid.left), bottom, grid.right, bottom, grid.ctx.theme.colors.grid, 1.0, css="rule")
    )
    return bottom


def _step_header(grid: Grid, index: int, step: Step, y: float) -> tuple[list[Element], float]:
    ctx = grid.ctx
    colors = ctx.theme.colors
    x = grid.x(index) + 10
    width = grid.column - 20
    out: list[Element] = [
        Circle(r1(x + 11), r1(y + 12), 11, colors.text, "none", css="step-number"),
        Text(
            r1(x + 11),
            r1(y + 12 + 0.35 * ctx.small),
            (str(grid.first + index + 1),),
            ctx.small,
            colors.background,
            r1(ctx.line_height(ctx.small)),
            bold=True,
            anchor="middle",
        ),
    ]
    cursor = y
    heading = step.time or step.title
    if heading:
        size = round(ctx.size * (1.25 if step.time else 1.0), 1)
        lh = ctx.line_height(size)
        lines = ctx.lines(heading, width - 30, size, bold=True, max_lines=3)
        out.append(
            Text(
                r1(x + 30),
                r1(baseline(cursor, 0, size, lh)),
                lines,
                size,
                colors.muted if step.status == "removed" else colors.text,
                r1(lh),
                bold=True,
                strike=step.status == "removed",
                css="step-title",
            )
        )
        cursor += len(lines) * lh
    if step.time and step.title:
        lh = ctx.line_height(ctx.size)
        lines = ctx.lines(step.title, width - 30, ctx.size, max_lines=2)
        out.append(
            Text(
                r1(x + 30),
                r1(baseline(cursor, 0, ctx.size, lh)),
                lines,
                ctx.size,
                colors.text,
                r1(lh),
                css="step-subtitle",
            )
        )
        cursor += len(lines) * lh
    cursor = max(cursor, y + 24) + 4
    for badge in _badges(ctx, step):
        elements, used = _badge(ctx, x, cursor, width, *badge)
        out.extend(elements)
        cursor += used + 4
    return out, r1(cursor - y)


def _badges(ctx: Context, step: Step) -> list[tuple[str, str, str, str]]:
    """(icon, label, text colour, fill) for each badge a step header shows."""
    colors = ctx.theme.colors
    out = []
    if step.status:
        fg, bg, icon = STATUS_COLORS[step.status]
        out.append(
            (icon, ctx.labels[f"status.{step.status}"], getattr(colors, fg), getattr(colors, bg))
        )
    if step.moment_of_truth:
        out.append(("moment", ctx.labels["label.moment_of_truth"], colors.moment, "#fff4dc"))
    return out


def _badge(
    ctx: Context, x: float, y: float, width: float, icon: str, label: str, color: str, fill: str
) -> tuple[list[Element], float]:
    size = ctx.small
    lh = ctx.line_height(size)
    lines = ctx.lines(label, width - 30, size, bold=True, max_lines=1)
    from journeymap.text import text_width

    pill = min(width, text_width(lines[0] if lines else "", size, bold=True) + 30)
    height = lh + 6
    return [
        Rect(r1(x), r1(y), r1(pill), r1(height), fill, color, r1(height / 2), 1.0, css="badge"),
        Icon(icon, r1(x + 7), r1(y + (height - 12) / 2), 12, color),
        Text(r1(x + 23), r1(baseline(y + 3, 0, size, lh)), lines, size, color, r1(lh), bold=True),
    ], r1(height)


def time_axis(grid: Grid, y: float) -> float:
    """Hour ticks placed between the steps' times, so gaps in the day stay visible."""
    ctx = grid.ctx
    colors = ctx.theme.colors
    marks = [(grid.center(i), _minutes(step.time)) for i, (_, _, step) in enumerate(grid.steps)]
    axis_y = r1(y + 22)
    grid.elements.append(
        Line(r1(grid.left), axis_y, grid.right, axis_y, colors.muted, 1.0, css="time-axis")
    )
    grid.elements.append(Icon("time", r1(ctx.theme.padding + 10), r1(axis_y - 8), 15, colors.muted))
    size = ctx.small
    lh = ctx.line_height(size)
    for (x1, t1), (x2, t2) in pairwise(marks):
        if t1 is None or t2 is None or t2 <= t1:
            continue
        first_hour = t1 // 60 + 1
        for hour in range(first_hour, t2 // 60 + 1):
            x = r1(x1 + (x2 - x1) * (hour * 60 - t1) / (t2 - t1))
            grid.elements.append(Line(x, r1(axis_y - 4), x, r1(axis_y + 4), colors.muted, 1.0))
            grid.elements.append(
                Text(
                    x,
                    r1(axis_y - 8),
                    (f"{hour:02d}:00",),
                    size,
                    colors.muted,
                    r1(lh),
                    anchor="middle",
                    css="hour",
                )
            )
    for x, minutes in marks:
        if minutes is not None:
            grid.elements.append(Circle(x, axis_y, 4, colors.accent, colors.background, 1.5))
    return r1(axis_y + 14)


def _minutes(time: str | None) -> int | None:
    if not time:
        return None
    hours, minutes = time.split(":")
    return int(hours) * 60 + int(minutes)
