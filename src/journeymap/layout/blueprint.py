"""Service blueprint: the three lines between rows, and links routed as orthogonal arrows.

Links travel only through gutters: vertically in the gap between step columns, horizontally
in the gap between lanes, so an arrow never crosses a card's text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from journeymap.layout.context import Context
from journeymap.layout.link_labels import Pending
from journeymap.layout.scene import Element, Group, Line, Path, Text, r1
from journeymap.model import Link

# (line key, the lane the line runs above, dash pattern)
LINES = (
    ("line.interaction", "frontstage", ""),
    ("line.visibility", "backstage", "10 6"),
    ("line.internal", "support", "2 4"),
)
LINE_LANES = frozenset(lane for _, lane, _ in LINES)


@dataclass(frozen=True, slots=True)
class Box:
    """Where a card ended up: absolute rectangle, its column and lane index."""

    x: float
    y: float
    w: float
    h: float
    column: int
    lane: int

    @property
    def cy(self) -> float:
        return self.y + self.h / 2


@dataclass(frozen=True, slots=True)
class Frame:
    """The grid geometry links are routed in."""

    column_left: Sequence[float]
    column_width: float
    lane_top: Sequence[float]
    lane_bottom: Sequence[float]


def lines(
    ctx: Context, lanes: Sequence[str], tops: Sequence[float], x1: float, x2: float
) -> list[Element]:
    """Each line along the top of the lane it separates from the customer's side."""
    colors = ctx.theme.colors
    out: list[Element] = []
    for key, below, dash in LINES:
        if below not in lanes or lanes.index(below) == 0:
            continue
        y = r1(tops[lanes.index(below)])
        out.append(Line(r1(x1), y, r1(x2), y, colors.line, 2.0, dash, "blueprint-line"))
        out.append(
            Text(
                r1(x1 + 6),
                r1(y - 5),
                (ctx.labels[key],),
                ctx.small,
                colors.line,
                r1(ctx.line_height(ctx.small)),
                bold=True,
                css="line-label",
            )
        )
    return out


def links(
    ctx: Context, items: Mapping[str, Box], frame: Frame, map_links: Sequence[Link], prefix: str
) -> tuple[list[Group], list[Pending]]:
    """Each drawable link's arrow (a group named for it), and the labels still to place."""
    out: list[Group] = []
    pending: list[Pending] = []
    for index, link in enumerate(map_links):
        source, target = items.get(link.source), items.get(link.target)
        if source is None or target is None or source == target:
            continue
        offset = ((index % 5) - 2) * 4.0
        d = route(source, target, frame, offset)
        path = Path(
            d,
            stroke=ctx.theme.colors.link,
            stroke_width=1.6,
            marker_end="arrow",
            marker_start="arrow" if link.two_way else "",
            css="link",
        )
        label = f"{link.source} \u2192 {link.target}" + (f": {link.label}" if link.label else "")
        group = f"{prefix}link-{index}"
        out.append(Group((path,), id=group, label=label, css="link"))
        if link.label:
            pending.append(Pending(group, d, link.label, label))
    return out, pending


def route(a: Box, b: Box, frame: Frame, offset: float) -> str:
    """Orthogonal path from a card's side to another card's side, through the gutters."""
    rightward = b.column >= a.column
    start_x = a.x + a.w if rightward else a.x
    gx1 = _gutter(frame, a.column, right=rightward) + offset
    toward_right = b.column < a.column or (b.column == a.column)
    end_x = b.x + b.w if toward_right else b.x
    gx2 = _gutter(frame, b.column, right=toward_right) + offset
    points = [(start_x, a.cy), (gx1, a.cy)]
    if abs(gx1 - gx2) < 0.5:
        points += [(gx1, b.cy)]
    else:
        yg = _lane_gutter(frame, a, b) + offset
        points += [(gx1, yg), (gx2, yg), (gx2, b.cy)]
    points.append((end_x, b.cy))
    return "M" + " L".join(f"{r1(x)} {r1(y)}" for x, y in points)


def _gutter(frame: Frame, column: int, *, right: bool) -> float:
    left = frame.column_left[column]
    return left + frame.column_width if right else left


def _lane_gutter(frame: Frame, a: Box, b: Box) -> float:
    """A horizontal gap between (or beside) the two cards' lanes."""
    if b.lane > a.lane:
        return frame.lane_top[b.lane]
    if b.lane < a.lane:
        return frame.lane_bottom[b.lane]
    return frame.lane_top[a.lane]
