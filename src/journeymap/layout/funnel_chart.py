"""The funnel chart of the HTML page: one bar per step of the funnel path, as an SVG scene.

Bars are as long as the conversion from the funnel's first step; the step-to-step
conversion sits between two bars. Numbers are written beside every bar, and a suppressed
step is an outlined bar reading "< N", never an empty bar that would read as 0.
"""

from __future__ import annotations

from journeymap.layout.context import Context, baseline, clean
from journeymap.layout.measured import Measured, count, percent, suppressed_text
from journeymap.layout.scene import Element, Group, Rect, Scene, Text, r1
from journeymap.model import JourneyMap

WIDTH = 820.0
LABEL_W = 250.0
BAR_W = 400.0
ROW = 30.0
GAP = 22.0
PAD = 16.0


def funnel_chart(journey: JourneyMap, ctx: Context, measured: Measured) -> Scene | None:
    steps = measured.map.funnel.steps
    if not steps:
        return None
    names = step_names(journey)
    elements: list[Element] = []
    y = PAD
    for index, row in enumerate(steps):
        if index:
            elements.append(_between(ctx, row.from_previous, y, measured))
            y += GAP
        name = names.get(row.step, row.step)
        value = _value(ctx, row.cases, row.conversion, measured)
        elements.append(_bar(ctx, name, row.conversion, value, y))
        y += ROW
    height = r1(y + PAD)
    colors = ctx.theme.colors
    background = Rect(0, 0, WIDTH, height, colors.background)
    return Scene(
        width=WIDTH,
        height=height,
        title=clean(ctx.labels["analytics.funnel"]),
        description=clean(ctx.labels["analytics.funnel_desc"]),
        background=colors.background,
        font_family=ctx.theme.font_family,
        id_prefix="c-",
        elements=(background, *elements),
        lang=ctx.labels.locale,
        marker_color=colors.link,
    )


def step_names(journey: JourneyMap) -> dict[str, str]:
    """ "3. Compares fares" for every step: its number in the map and its title or action."""
    return {
        step.id: f"{number}. {clean(step.label)}"
        for number, (_, step) in enumerate(journey.steps(), start=1)
    }


def _value(ctx: Context, cases: int | None, conversion: float | None, measured: Measured) -> str:
    if cases is None or conversion is None:
        return f"{suppressed_text(measured, ctx.labels)} ({ctx.labels['funnel.suppressed']})"
    return f"{count(cases, measured, ctx.labels)} \u00b7 {percent(conversion, ctx.labels)}"


def _bar(ctx: Context, name: str, conversion: float | None, value: str, y: float) -> Group:
    colors = ctx.theme.colors
    size = ctx.size
    lh = ctx.line_height(size)
    text_y = r1(baseline(y, 0, size, lh) + (ROW - lh) / 2)
    label = ctx.lines(name, LABEL_W - 12, size, max_lines=1)
    x = PAD + LABEL_W
    parts: list[Element] = [
        Text(PAD, text_y, label, size, colors.text, r1(lh), css="funnel-step"),
        Rect(
            r1(x),
            r1(y),
            BAR_W,
            ROW,
            colors.header,
            colors.grid,
            3,
            1.0,
            "" if conversion is not None else "4 3",
        ),
    ]
    if conversion is not None:
        width = r1(max(2.0, BAR_W * min(1.0, conversion)))
        parts.append(Rect(r1(x), r1(y), width, ROW, colors.accent, colors.accent, 3, css="conv"))
    parts.append(Text(r1(x + BAR_W + 10), text_y, (value,), size, colors.text, r1(lh), bold=True))
    return Group(tuple(parts), label=f"{name}: {value}", css="funnel-row")


def _between(ctx: Context, previous: float | None, y: float, measured: Measured) -> Text:
    """Step-to-step conversion, under the bars' left edge, as "↓ 76% of the step before"."""
    colors = ctx.theme.colors
    size = ctx.small
    lh = ctx.line_height(size)
    share = (
        percent(previous, ctx.labels)
        if previous is not None
        else suppressed_text(measured, ctx.labels)
    )
    text = ctx.labels.format("analytics.from_previous", share=share)
    return Text(
        r1(PAD + LABEL_W + 6),
        r1(baseline(y + (GAP - lh) / 2, 0, size, lh)),
        (f"\u2193 {text}",),
        size,
        colors.muted,
        r1(lh),
        css="funnel-between",
    )
