"""The funnel lane of the grid: what the log says happened at each step, under what the map
believes (the emotion curve and the pain points above it).

Each column gets a reach bar (share of the cases that entered the journey), a funnel bar
(conversion along the funnel path from its first step) and, in red at the top of the reach
bar, the cases whose journey ended at that step. Numbers are written beside the bars, so the
lane reads without colour; suppressed figures read "< N", steps with no events "not bound".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from journeymap.layout.context import Context, baseline
from journeymap.layout.measured import (
    Measured,
    count,
    percent,
    period,
    suppressed_text,
    terminal_steps,
)
from journeymap.layout.scene import Element, Group, Line, Rect, Text, r1
from journeymap.model import Step

if TYPE_CHECKING:
    from journeymap.analytics.measures import FunnelStep
    from journeymap.layout.grid import Grid

LANE = "funnel"
BAR = 84.0
BAR_W = 22.0
PAD = 12.0
INSET = 10.0
REACH_FILL = "#dbeafe"


@dataclass(frozen=True, slots=True)
class _Cell:
    bars: list[Element]
    lines: list[tuple[str, str, bool, bool]]
    """(text, colour, bold, italic), one per line, written beside the bars."""
    label: str
    text_x: float


def lanes_with_funnel(lanes: tuple[str, ...], measured: Measured | None) -> tuple[str, ...]:
    """The funnel lane where the map's `lanes` puts it, else under the pain points (or the
    emotion curve, or the actions): belief first, then what the log says. No measures, no lane.
    """
    if measured is None:
        return tuple(lane for lane in lanes if lane != LANE)
    if LANE in lanes:
        return lanes
    for anchor in ("pain_points", "emotion", "actions"):
        if anchor in lanes:
            index = lanes.index(anchor) + 1
            return (*lanes[:index], LANE, *lanes[index:])
    return (*lanes, LANE)


def funnel_lane(grid: Grid, top: float, measured: Measured) -> tuple[list[Element], float]:
    """Every column's bars and figures, and the lane's height (the grid frames the lane)."""
    ctx = grid.ctx
    funnel = {row.step: row for row in measured.map.funnel.steps}
    ends = terminal_steps(grid.journey)
    cells = [
        _cell(ctx, measured, step, grid.x(i) + INSET, top, funnel, step.id in ends)
        for i, (_, _, step) in enumerate(grid.steps)
    ]
    lh = ctx.line_height(ctx.small)
    tallest = max([0.0] + [ctx.line_height(ctx.size) + (len(c.lines) - 1) * lh for c in cells])
    legend = _legend(ctx, measured, top, grid)
    height = r1(max(BAR + 2 * PAD, tallest + 2 * PAD, legend[1] - top + PAD))
    out: list[Element] = list(legend[0])
    for cell in cells:
        parts = [*cell.bars, *_figures(ctx, cell, top + PAD)]
        out.append(Group(tuple(parts), label=cell.label, css="funnel-step"))
    return out, height


def _cell(
    ctx: Context,
    measured: Measured,
    step: Step,
    x: float,
    top: float,
    funnel: dict[str, FunnelStep],
    terminal: bool,
) -> _Cell:
    labels, colors = ctx.labels, ctx.theme.colors
    floor = top + PAD + BAR
    state = measured.state(step.id)
    if state == "unbound":
        width = ctx.theme.column_width - 2 * INSET
        box = Rect(r1(x), r1(top + PAD), r1(width), BAR, "none", colors.grid, 8, 1.2, "5 4")
        text = labels["funnel.unbound"]
        note = Text(
            r1(x + width / 2),
            r1(top + PAD + BAR / 2 + 0.35 * ctx.small),
            ctx.lines(text, width - 16, ctx.small, max_lines=2),
            ctx.small,
            colors.muted,
            r1(ctx.line_height(ctx.small)),
            italic=True,
            anchor="middle",
            css="funnel-unbound",
        )
        return _Cell([box, note], [], f"{step.label}: {text}", x)
    figures = measured.step(step.id)
    assert figures is not None
    bars: list[Element] = [_track(ctx, x, floor, dashed=state == "suppressed")]
    lines: list[tuple[str, str, bool, bool]] = []
    if state == "suppressed":
        lines.append((suppressed_text(measured), colors.muted, True, False))
        lines.append((labels["funnel.suppressed"], colors.muted, False, True))
    elif state == "unreached":
        lines.append(("0", colors.negative, True, False))
        lines.append((labels["funnel.unreached"], colors.negative, False, False))
    else:
        reach, cases = figures.reach or 0, measured.map.cases or 1
        bars.append(_bar(x, floor, (figures.share or 0.0), REACH_FILL, colors.accent, "reach"))
        lines.append((count(figures.reach, measured), colors.text, True, False))
        lines.append(
            (
                labels.format("funnel.of_cases", share=percent(reach / cases)),
                colors.muted,
                False,
                False,
            )
        )
        if figures.drop_off:
            lines.append(_ended(ctx, measured, figures.drop_off, reach, terminal))
            if not terminal:
                bars.append(_drop(ctx, x, floor, figures.share or 0.0, figures.drop_off / cases))
    row = funnel.get(step.id)
    text_x = x + BAR_W + 8
    if row is not None:
        bars.append(_track(ctx, text_x, floor, dashed=row.suppressed))
        if row.conversion is not None:
            bars.append(_bar(text_x, floor, row.conversion, colors.accent, colors.accent, "conv"))
        lines.append((_funnel_text(ctx, measured, row), colors.accent, False, False))
        text_x += BAR_W + 8
    label = f"{step.label}: " + ", ".join(text for text, *_ in lines)
    return _Cell(bars, lines, label, text_x + 2)


def _ended(
    ctx: Context, measured: Measured, drop_off: int, reach: int, terminal: bool
) -> tuple[str, str, bool, bool]:
    colors = ctx.theme.colors
    key = "funnel.ended" if terminal else "funnel.left"
    text = ctx.labels.format(
        key, n=count(drop_off, measured), share=percent(drop_off / (reach or 1))
    )
    return text, colors.muted if terminal else colors.pain_text, not terminal, False


def _funnel_text(ctx: Context, measured: Measured, row: FunnelStep) -> str:
    conversion, previous = row.conversion, row.from_previous
    text = ctx.labels.format(
        "funnel.conversion",
        share=percent(conversion) if conversion is not None else suppressed_text(measured),
    )
    if previous is not None and previous < 1:
        text += f" (\u2193{percent(previous)})"
    return text


def _track(ctx: Context, x: float, floor: float, *, dashed: bool) -> Rect:
    """The 100% outline behind a bar, so a short bar reads as a share of something."""
    grid = ctx.theme.colors.grid
    return Rect(r1(x), r1(floor - BAR), BAR_W, BAR, "none", grid, 2, 1.0, "3 3" if dashed else "")


def _bar(x: float, floor: float, value: float, fill: str, stroke: str, css: str) -> Rect:
    height = max(0.0, min(1.0, value)) * BAR
    return Rect(r1(x), r1(floor - height), BAR_W, r1(height), fill, stroke, 2, 1.0, css=css)


def _drop(ctx: Context, x: float, floor: float, reach: float, dropped: float) -> Rect:
    """The cases that stopped at this step: the top of the reach bar, in red."""
    colors = ctx.theme.colors
    top = floor - max(0.0, min(1.0, reach)) * BAR
    height = max(1.5, min(1.0, dropped) * BAR)
    return Rect(
        r1(x), r1(top), BAR_W, r1(height), colors.pain_border, colors.pain_border, 2, css="drop"
    )


def _figures(ctx: Context, cell: _Cell, top: float) -> list[Element]:
    out: list[Element] = []
    y = top
    for number, (text, color, bold, italic) in enumerate(cell.lines):
        size = ctx.size if number == 0 else ctx.small
        lh = ctx.line_height(size)
        out.append(
            Text(
                r1(cell.text_x),
                r1(baseline(y, 0, size, lh)),
                (text,),
                size,
                color,
                r1(lh),
                bold=bold,
                italic=italic,
                css="funnel-figure",
            )
        )
        y += lh
    return out


def _legend(
    ctx: Context, measured: Measured, top: float, grid: Grid
) -> tuple[list[Element], float]:
    """Under the lane's name: what each colour means, the cases and the measured period."""
    colors = ctx.theme.colors
    x = ctx.theme.padding + 10
    name = ctx.lines(ctx.labels["lane.funnel"], ctx.theme.label_width - 48, ctx.size, bold=True)
    y = top + 10 + len(name) * ctx.line_height(ctx.size) + 6
    size = ctx.small
    lh = ctx.line_height(size)
    out: list[Element] = []
    for fill, stroke, key in (
        (REACH_FILL, colors.accent, "funnel.legend_reach"),
        (colors.accent, colors.accent, "funnel.legend_funnel"),
        (colors.pain_border, colors.pain_border, "funnel.legend_left"),
    ):
        out.append(Rect(r1(x), r1(y + (lh - 9) / 2), 9, 9, fill, stroke, 1))
        out.append(
            Text(
                r1(x + 14),
                r1(baseline(y, 0, size, lh)),
                (ctx.labels[key],),
                size,
                colors.text,
                r1(lh),
            )
        )
        y += lh
    notes = [ctx.labels.format("funnel.cases", n=count(measured.map.cases, measured))]
    if measured.first and measured.last:
        notes.extend(period(ctx, measured).replace(" \u2013 ", " \u2013\n").split("\n"))
    for note in notes:
        lines = ctx.lines(note, ctx.theme.label_width - 28, size, max_lines=2)
        out.append(
            Text(
                r1(x),
                r1(baseline(y + 2, 0, size, lh)),
                lines,
                size,
                colors.muted,
                r1(lh),
                css="funnel-note",
            )
        )
        y += len(lines) * lh
    floor = top + PAD + BAR
    out.append(
        Line(r1(grid.left), r1(floor), grid.right, r1(floor), colors.grid, 1.0, css="funnel-floor")
    )
    return out, y + 2
