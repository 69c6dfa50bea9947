"""The emotion curve's words: each signed score with its feeling, and the pain badge.

A label goes into the first free slot beside its face. Between two points the curve is
monotone, so on each side of a face either the slot above or the slot below the face's
height is clear of it; the stem and the tie to the pain lane run straight up or down from
the face, never beside it. Each candidate is checked against the curve, the stems, the faces,
the lane's edges and the labels already placed (journeymap.layout.footprint), and a feeling
that fits nowhere is shortened to one line, then left to the step's tooltip.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from journeymap.layout.context import Context
from journeymap.layout.footprint import Box, Index, text_box
from journeymap.layout.scene import Anchor, Element, Icon, Rect, Text, r1
from journeymap.text import text_width

GAP = 3.0
"""Clearance between a label and the face, the curve's height at the face and each other."""
BADGE_W, BADGE_H = 34.0, 16.0


@dataclass
class Obstacles:
    """What labels must keep clear of: the lane's edges, and lines and boxes, indexed."""

    lane: Box
    index: Index

    def free(self, box: Box) -> bool:
        inside = (
            self.lane.x1 <= box.x1
            and box.x2 <= self.lane.x2
            and self.lane.y1 <= box.y1
            and box.y2 <= self.lane.y2
        )
        return inside and self.index.free(box, gap=GAP - 1)


@dataclass(frozen=True, slots=True)
class Mark:
    """One face to annotate: where it is, its score, feeling and pain count (0: no badge)."""

    x: float
    y: float
    score: int
    signed: str
    feeling: str | None
    pains: int
    color: str
    face: float


def bounds(elements: Sequence[Element]) -> Box:
    boxes = [text_box(e) for e in elements if isinstance(e, Text)]
    boxes += [Box(e.x, e.y, e.x + e.w, e.y + e.h) for e in elements if isinstance(e, Rect)]
    return Box(
        min(b.x1 for b in boxes),
        min(b.y1 for b in boxes),
        max(b.x2 for b in boxes),
        max(b.y2 for b in boxes),
    )


def annotate(ctx: Context, mark: Mark, width: float, room: Obstacles) -> list[Element]:
    """The score with its feeling, then the badge, each in the first free slot."""
    out: list[Element] = []
    for lines in _feeling_choices(ctx, mark, width):
        placed = _place(room, (_label(ctx, mark, lines, side, up) for side, up in _slots(mark)))
        if placed:
            out.extend(placed)
            break
    if mark.pains:
        badges = (_badge(ctx, mark, side, up) for side, up in _badge_slots(mark))
        out.extend(_place(room, badges))
    return out


def _place(room: Obstacles, candidates: Iterable[list[Element]]) -> list[Element]:
    """The first candidate that is free (built only when the ones before it were not)."""
    for elements in candidates:
        box = bounds(elements)
        if room.free(box):
            room.index.add_box(box)
            return elements
    return []


def _feeling_choices(ctx: Context, mark: Mark, width: float) -> list[tuple[str, ...]]:
    if not mark.feeling:
        return [()]
    avail = width - text_width("\u22122", ctx.size, bold=True) - 4
    two = ctx.lines(mark.feeling, avail, ctx.small, max_lines=2)
    one = ctx.lines(mark.feeling, avail, ctx.small, max_lines=1)
    return [two, one, ()] if len(two) > 1 else [one, ()]


def _slots(mark: Mark) -> list[tuple[int, bool]]:
    """(side, up): away from the neutral baseline first (where the stem is not), right first."""
    away = mark.score > 0
    return [(1, away), (-1, away), (1, not away), (-1, not away)]


def _badge_slots(mark: Mark) -> list[tuple[int, bool]]:
    return [(0, False), (0, True), *_slots(mark)]


def _label(ctx: Context, mark: Mark, lines: tuple[str, ...], side: int, up: bool) -> list[Element]:
    colors = ctx.theme.colors
    score = mark.signed
    score_w = text_width(score, ctx.size, bold=True)
    big, small = ctx.line_height(ctx.size), ctx.line_height(ctx.small)
    above = big / 2 + 0.35 * ctx.size
    below = max(
        big / 2 - 0.35 * ctx.size, small / 2 - 0.35 * ctx.small + small * max(len(lines) - 1, 0)
    )
    base = mark.y - GAP - below if up else mark.y + GAP + above
    edge = mark.x + side * (mark.face + GAP)
    anchor: Anchor = "start" if side > 0 else "end"
    feeling_x = edge + side * (score_w + 4)
    out: list[Element] = [
        Text(
            r1(edge),
            r1(base),
            (score,),
            ctx.size,
            mark.color,
            r1(big),
            bold=True,
            anchor=anchor,
            css="score",
        )
    ]
    if lines:
        out.append(
            Text(
                r1(feeling_x),
                r1(base),
                lines,
                ctx.small,
                colors.muted,
                r1(small),
                anchor=anchor,
                italic=True,
                css="feeling",
                halo=colors.background,
            )
        )
    return out


def _badge(ctx: Context, mark: Mark, side: int, up: bool) -> list[Element]:
    colors = ctx.theme.colors
    if side == 0:
        left = mark.x - BADGE_W / 2
        top = mark.y - mark.face - GAP - BADGE_H if up else mark.y + mark.face + GAP
    else:
        left = mark.x + mark.face + GAP if side > 0 else mark.x - mark.face - GAP - BADGE_W
        top = mark.y - GAP - BADGE_H if up else mark.y + GAP
    return [
        Rect(
            r1(left),
            r1(top),
            BADGE_W,
            BADGE_H,
            colors.pain,
            colors.pain_border,
            8,
            css="pain-badge",
        ),
        Icon("pain", r1(left + 4), r1(top + 2), 12, colors.pain_text),
        Text(
            r1(left + 23),
            r1(top + 8 + 0.35 * ctx.small),
            (str(mark.pains),),
            ctx.small,
            colors.pain_text,
            r1(ctx.line_height(ctx.small)),
            bold=True,
            anchor="middle",
        ),
    ]
