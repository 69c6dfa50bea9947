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
from journeymap.layout.scene import Element, Group, Rect, Text, r1
from journeymap.model import Step

if TYPE_CHECKING:
    from journeymap.analytics.measures import FunnelStep
    from journeymap.layout.geometry import Grid

LANE = "funnel"
BAR = 84.0
BAR_W = 22.0
PAD = 12.0
INSET = 10.0


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
    ends = terminal_steps(grid.journey, measured)
    legend, legend_bottom = _legend(ctx, measured, top)
    bar = max(BAR, legend_bottom - top - PAD)
    cells = [
        _cell(ctx, measured, step, grid.x(i) + INSET, (top, bar), funnel, step.id in ends)
        for i, (_, _, step) in enumerate(grid.steps)
    ]
    lh = ctx.line_height(ctx.small)
    tallest = max([0.0] + [ctx.line_height(ctx.size) + (len(c.lines) - 1) * lh for c in cells])
    height = r1(max(bar, tallest) + 2 * PAD)
    out: list[Element] = list(legend)
    for cell in cells:
        parts = [*cell.bars, *_figures(ctx, cell, top + PAD)]
        out.append(Group(tuple(parts), label=cell.label, css="funnel-step"))
    return out, height


def _cell(
    ctx: Context,
    measured: Measured,
    step: Step,
    x: float,
    frame: tuple[float, float],
    funnel: dict[str, FunnelStep],
    terminal: bool,
) -> _Cell:
    """`frame`: the lane's top and the height of a full (100%) bar."""
    labels, colors = ctx.labels, ctx.theme.colors
    top, bar = frame
    floor = top + PAD + bar
    state = measured.state(step.id)
    if state == "unbound":
        width = ctx.theme.column_width - 2 * INSET
        box = Rect(r1(x), r1(top + PAD), r1(width), r1(bar), "none", colors.grid, 8, 1.2, "5 4")
        text = labels["funnel.unbound"]
        note = Text(
            r1(x + width / 2),
            r1(top + PAD + bar / 2 + 0.35 * ctx.small),
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
    bars: list[Element] = [_track(ctx, x, floor, bar, dashed=state == "suppressed")]
    lines: list[tuple[str, str, bool, bool]] = []
    if state == "suppressed":
        lines.append((suppressed_text(measured, ctx.labels), colors.muted, True, False))
        lines.append((labels["funnel.suppressed"], colors.muted, False, True))
    elif state == "unreached":
        lines.append(("0", colors.negative, True, False))
        lines.append((labels["funnel.unreached"], colors.negative, False, False))
    else:
        reach, cases = figures.reach or 0, measured.map.cases or 1
        share = figures.share or 0.0
        bars.append(_bar(x, (floor, bar), share, colors.new_bg, colors.accent, "reach"))
        lines.append((count(figures.reach, measured, ctx.labels), colors.text, True, False))
        lines.append(
            (
                labels.format("funnel.of_cases", share=percent(reach / cases, ctx.labels)),
                colors.muted,
                False,
                False,
            )
        )
        if figures.drop_off:
            lines.append(_ended(ctx, measured, figures.drop_off, reach, terminal))
            if not terminal:
                bars.append(_drop(ctx, x, (floor, bar), share, figures.drop_off / cases))
    row = funnel.get(step.id)
    text_x = x + BAR_W + 8
    if row is not None:
        bars.append(_track(ctx, text_x, floor, bar, dashed=row.suppressed))
        if row.conversion is not None:
            conv = _bar(text_x, (floor, bar), row.conversion, colors.accent, colors.accent, "conv")
            bars.append(conv)
        lines.extend(
            (text, colors.accent, False, False) for text in _funnel_text(ctx, measured, row)
        )
        text_x += BAR_W + 8
    label = f"{step.label}: " + ", ".join(text for text, *_ in lines)
    return _Cell(bars, lines, label, text_x + 2)


def _ended(
    ctx: Context, measured: Measured, drop_off: int, reach: int, terminal: bool
) -> tuple[str, str, bool, bool]:
    colors = ctx.theme.colors
    key = "funnel.ended" if terminal else "funnel.left"
    text = ctx.labels.format(
        key,
        n=count(drop_off, measured, ctx.labels),
        share=percent(drop_off / (reach or 1), ctx.labels),
    )
    return text, colors.muted if terminal else colors.pain_text, not terminal, False


def _funnel_text(ctx: Context, measured: Measured, row: FunnelStep) -> list[str]:
    """ "Funnel 61%", then "80% of the step before" (not on the funnel's first step)."""
    conversion, previous = row.conversion, row.from_previous
    share = (
        percent(conversion, ctx.labels)
        if conversion is not None
        else suppressed_text(measured, ctx.labels)
    )
    lines = [ctx.labels.format("funnel.conversion", share=share)]
    if previous is not None and conversion is not None and conversion < 1:
        lines.append(
            ctx.labels.format("analytics.from_previous", share=percent(previous, ctx.labels))
        )
    return lines


def _track(ctx: Context, x: float, floor: float, bar: float, *, dashed: bool) -> Rect:
    """The 100% outline behind a bar, so a short bar reads as a share of something."""
    grid = ctx.theme.colors.grid
    dash = "3 3" if dashed else ""
    return Rect(r1(x), r1(floor - bar), BAR_W, r1(bar), "none", grid, 2, 1.0, dash)


def _bar(
    x: float, base: tuple[float, float], value: float, fill: str, stroke: str, css: str
) -> Rect:
    """A bar standing on `base` (floor, full height), as tall as `value` (0..1) of it."""
    floor, bar = base
    height = max(0.0, min(1.0, value)) * bar
    return Rect(r1(x), r1(floor - height), BAR_W, r1(height), fill, stroke, 2, 1.0, css=css)


def _drop(ctx: Context, x: float, base: tuple[float, float], reach: float, dropped: float) -> Rect:
    """The cases that stopped at this step: the top of the reach bar, in red."""
    colors = ctx.theme.colors
    floor, bar = base
    top = floor - max(0.0, min(1.0, reach)) * bar
    height = max(1.5, min(1.0, dropped) * bar)
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


def _legend(ctx: Context, measured: Measured, top: float) -> tuple[list[Element], float]:
    """Under the lane's name: what each colour means, the cases and the measured period."""
    colors = ctx.theme.colors
    x = ctx.theme.padding + 10
    name = ctx.lines(ctx.labels["lane.funnel"], ctx.theme.label_width - 48, ctx.size, bold=True)
    y = top + 10 + len(name) * ctx.line_height(ctx.size) + 6
    size = ctx.small
    lh = ctx.line_height(size)
    out: list[Element] = []
    for fill, stroke, key in (
        (colors.new_bg, colors.accent, "funnel.legend_reach"),
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
    notes = [ctx.labels.count("count.cases", _cases(measured))]
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
    return out, y + 2


def _cases(measured: Measured) -> int | str:
    """The measured cases, or the suppression text where there were too few to show."""
    cases = measured.map.cases
    return count(cases, measured) if cases is None else cases
