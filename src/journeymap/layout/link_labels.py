"""Blueprint link labels: each on its own arrow, where it covers no text, card or other line.

Arrows run through the gaps between cards, which are too narrow for words, so a label looks
along its arrow for room: on a segment, or just beside it, nearest the segment's middle
first. Candidates are checked against everything drawn so far (journeymap.layout.footprint),
indexed by x so a long map stays fast. A label that fits nowhere is listed under the grid,
as "from → to: label", and the arrow keeps it as its tooltip.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from journeymap.layout.context import Context, baseline
from journeymap.layout.footprint import Box, Index, path_points, segments, text_boxes, walk
from journeymap.layout.scene import Element, Group, Rect, Text, r1

MAX_WIDTH = 150.0
PAD = 4.0
SKIP_RECTS = frozenset(("background", "moment", "lane-label", "stage"))
SPOTS = (0.5, 0.35, 0.65, 0.2, 0.8, 0.1, 0.9)


def obstacles(elements: Sequence[Element]) -> Index:
    index = Index()
    for box in text_boxes(elements):
        index.add_box(box)
    for element, dx, dy, _ in walk(elements):
        if isinstance(element, Rect) and element.css not in SKIP_RECTS:
            index.add_box(
                Box(
                    element.x + dx,
                    element.y + dy,
                    element.x + dx + element.w,
                    element.y + dy + element.h,
                )
            )
    for line in segments(elements):
        index.add_line(line)
    return index


@dataclass(frozen=True, slots=True)
class Pending:
    """A link's arrow and its label, to place."""

    group: str
    path: str
    label: str
    whole: str
    """"from → to: label", for the list under the grid when the arrow has no room."""


def place(
    ctx: Context, pending: Sequence[Pending], index: Index, area: Box
) -> tuple[dict[str, list[Element]], list[Pending]]:
    """Each label drawn on its arrow where it is free, and the labels that found no room."""
    placed: dict[str, list[Element]] = {}
    left: list[Pending] = []
    for item in pending:
        lines = ctx.lines(item.label, MAX_WIDTH, ctx.small, max_lines=2)
        drawn = _first_free(ctx, item, lines, index, area)
        if drawn is None:
            left.append(item)
        else:
            placed[item.group] = drawn
    return placed, left


def _first_free(
    ctx: Context, item: Pending, lines: tuple[str, ...], index: Index, area: Box
) -> list[Element] | None:
    from journeymap.text import text_width

    w = max(text_width(line, ctx.small) for line in lines) + 2 * PAD
    h = len(lines) * ctx.line_height(ctx.small) + 2
    for x, y in _spots(path_points(item.path), w, h):
        box = Box(x, y, x + w, y + h, item.group)
        inside = area.x1 <= box.x1 and box.x2 <= area.x2 and area.y1 <= box.y1 and box.y2 <= area.y2
        if inside and index.free(box, owner=item.group):
            index.add_box(box)
            return _pill(ctx, lines, box)
    return None


def _spots(
    points: Sequence[tuple[float, float]], w: float, h: float
) -> Iterator[tuple[float, float]]:
    """Top-left corners along each segment, longest segment first: on it, then beside it."""
    pieces = sorted(
        itertools.pairwise(points),
        key=lambda p: -abs(p[1][0] - p[0][0]) - abs(p[1][1] - p[0][1]),
    )
    for (x1, y1), (x2, y2) in pieces:
        for t in SPOTS:
            cx, cy = x1 + (x2 - x1) * t, y1 + (y2 - y1) * t
            yield cx - w / 2, cy - h / 2
            if x1 == x2:
                yield cx + 2, cy - h / 2
                yield cx - w - 2, cy - h / 2
            else:
                yield cx - w / 2, cy + 2
                yield cx - w / 2, cy - h - 2


def _pill(ctx: Context, lines: tuple[str, ...], box: Box) -> list[Element]:
    colors = ctx.theme.colors
    lh = ctx.line_height(ctx.small)
    return [
        Rect(
            r1(box.x1),
            r1(box.y1),
            r1(box.x2 - box.x1),
            r1(box.y2 - box.y1),
            colors.background,
            colors.link,
            4,
            0.8,
            css="link-label",
        ),
        Text(
            r1((box.x1 + box.x2) / 2),
            r1(baseline(box.y1 + 1, 0, ctx.small, lh)),
            lines,
            ctx.small,
            colors.link,
            r1(lh),
            anchor="middle",
            css="link-text",
        ),
    ]


def legend(
    ctx: Context, left: Iterable[tuple[str, str]], x: float, y: float, width: float
) -> tuple[list[Element], float]:
    """The labels that found no room on their arrows, one line each under the grid."""
    colors = ctx.theme.colors
    lh = ctx.line_height(ctx.small)
    out: list[Element] = []
    cursor = y
    for group, text in left:
        lines = ctx.lines(text, width, ctx.small, max_lines=2)
        out.append(
            Group(
                (
                    Text(
                        r1(x),
                        r1(baseline(cursor, 0, ctx.small, lh)),
                        lines,
                        ctx.small,
                        colors.link,
                        r1(lh),
                        css="link-text",
                    ),
                ),
                id=f"{group}-label",
            )
        )
        cursor += len(lines) * lh + 2
    return out, r1(cursor - y)
