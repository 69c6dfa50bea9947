"""How wide the grid's columns are, and which steps go on which row of a wrapped map.

`[theme] column_width` is the widest a column gets; a map whose steps say little ("掃碼",
"Pays") gets columns as narrow as their widest content, never below MIN_COLUMN, so a
22-step map of short steps is no longer a 5,000 px strip. Content is measured by building
each step's cells unwrapped, stopping at the first step that needs the full width.

A wrapped map (`--wrap WIDTH`, `[theme] wrap_width`) puts as many columns on a row as fit.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from journeymap.layout.blocks import PAD, Block
from journeymap.layout.context import Context
from journeymap.layout.lanes import LANES, MapFacts, lanes_for
from journeymap.layout.scene import Circle, Icon, Rect, Text
from journeymap.model import JourneyMap, Stage, Step
from journeymap.text import text_width

MIN_COLUMN = 110.0
"""Room for a step's number and a word, a face with its score, a card's frame and padding."""
UNBOUNDED = 100_000.0
INSET = 10.0
HEADER = 50.0
"""A step header's number, gaps and insets beside its title."""
FEELING = 2 * 45.0
"""The emotion lane's face, gaps and score, on both sides of the feeling's half-widths."""


def column_width(
    ctx: Context, journey: JourneyMap, steps: Sequence[tuple[int, Stage, Step]]
) -> float:
    """The narrowest column that holds every step's content unwrapped, up to the theme's."""
    widest = ctx.theme.column_width
    facts = MapFacts.of(journey)
    lanes = [LANES[lane] for lane in lanes_for(journey) if lane in LANES]
    emotion = "emotion" in lanes_for(journey)
    need = MIN_COLUMN
    for _, _, step in steps:
        need = max(need, _header(ctx, step), _feeling(ctx, step) if emotion else 0.0)
        for build in lanes:
            if need >= widest:
                return widest
            for block in build(ctx, facts, step, UNBOUNDED):
                need = max(need, _natural(block) + 2 * INSET)
    return min(widest, float(math.ceil(need / 10) * 10))


def _natural(block: Block) -> float:
    """How far right a block's content reaches when nothing wraps, plus its padding."""
    right = 0.0
    for e in block.elements:
        if isinstance(e, Text) and e.anchor == "start":
            width = max((text_width(line, e.size, bold=e.bold) for line in e.lines), default=0)
            right = max(right, e.x + width)
        elif isinstance(e, Circle):
            right = max(right, e.cx + e.r)
        elif isinstance(e, Icon):
            right = max(right, e.x + e.size)
        elif isinstance(e, Rect) and e.w < UNBOUNDED / 2:
            right = max(right, e.x + e.w)
    return right + PAD


def _header(ctx: Context, step: Step) -> float:
    heading = step.time or step.title or ""
    size = ctx.size * (1.25 if step.time else 1.0)
    need = text_width(heading, size, bold=True) + HEADER
    if step.time and step.title:
        need = max(need, text_width(step.title, ctx.size) + HEADER)
    if step.moment_of_truth:
        label = ctx.labels["label.moment_of_truth"]
        need = max(need, text_width(label, ctx.small, bold=True) + HEADER)
    if step.status:
        label = ctx.labels[f"status.{step.status}"]
        need = max(need, text_width(label, ctx.small, bold=True) + HEADER)
    return need


def _feeling(ctx: Context, step: Step) -> float:
    if step.emotion is None or not step.feeling:
        return 0.0
    return FEELING + 2 * text_width(step.feeling, ctx.small)


def rows(count: int, column: float, left: float, right_pad: float, wrap: float) -> list[range]:
    """Step indexes per row: no more columns than fit in `wrap` px (at least one), as few
    rows as that allows, and rows of equal length; `wrap` 0: one row."""
    if wrap <= 0 or count == 0:
        return [range(count)]
    fits = max(1, int((wrap - left - right_pad) // column))
    lines = math.ceil(count / fits)
    sizes = [count // lines + (1 if n < count % lines else 0) for n in range(lines)]
    starts = [sum(sizes[:n]) for n in range(lines)]
    return [range(start, start + size) for start, size in zip(starts, sizes, strict=True)]
