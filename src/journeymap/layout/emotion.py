"""The emotion curve: a smooth line through every step's emotion, never shown by colour alone.

Each point is a face whose mouth shows the score, with the signed score written beside it and
a stem to the neutral baseline, so the curve reads in greyscale and for colour-blind readers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from journeymap.layout.context import Context
from journeymap.layout.emotion_labels import GAP, Mark, Obstacles, annotate
from journeymap.layout.footprint import Box, Index, segments
from journeymap.layout.scene import Circle, Element, Line, Path, r1

FACE = 10.0
MARGIN = 20.0
"""Room above the +2 faces and below the -2 faces for a score and a one-line feeling."""
CLEAR = 10.0
"""Words keep this far from the lane's edges and the column's sides, where links run."""
SCORES = (2, 1, 0, -1, -2)


@dataclass(frozen=True, slots=True)
class Point:
    x: float
    y: float
    score: int
    feeling: str | None = None
    pains: int = 0
    """Pain points to show as a badge beside the face (0: none, or tied to the pain lane)."""


def score_y(top: float, height: float, score: int) -> float:
    margin = FACE + MARGIN
    return r1(top + margin + (2 - score) * (height - 2 * margin) / 4)


def score_color(ctx: Context, score: int) -> str:
    colors = ctx.theme.colors
    return colors.positive if score > 0 else colors.negative if score < 0 else colors.neutral


def signed(score: int) -> str:
    return f"+{score}" if score > 0 else "\u2212" + str(-score) if score < 0 else "0"


def guides(ctx: Context, top: float, height: float, x1: float, x2: float) -> list[Element]:
    """One faint line per score; the neutral baseline stronger and dashed."""
    colors = ctx.theme.colors
    out: list[Element] = []
    for score in SCORES:
        y = score_y(top, height, score)
        if score == 0:
            out.append(Line(r1(x1), y, r1(x2), y, colors.muted, 1.0, "6 4", "baseline"))
        else:
            out.append(Line(r1(x1), y, r1(x2), y, colors.grid, 1.0, "", "guide"))
    return out


def scale(ctx: Context, top: float, height: float, x: float) -> list[Element]:
    """Faces for +2, 0 and -2 beside the lane label, as the curve's legend."""
    out: list[Element] = []
    for score in (2, 0, -2):
        out.extend(face(ctx, x, score_y(top, height, score), score, radius=7.0))
    return out


def face(ctx: Context, cx: float, cy: float, score: int, *, radius: float = FACE) -> list[Element]:
    color = score_color(ctx, score)
    white = ctx.theme.colors.background
    k = radius / FACE
    eye = 1.4 * k
    mouth_y = cy + 3.5 * k
    bend = score * 2.2 * k
    mouth = (
        f"M{r1(cx - 5 * k)} {r1(mouth_y - bend / 2)} "
        f"Q{r1(cx)} {r1(mouth_y + bend)} {r1(cx + 5 * k)} {r1(mouth_y - bend / 2)}"
    )
    return [
        Circle(r1(cx), r1(cy), r1(radius), color, white, 1.5, "face"),
        Circle(r1(cx - 3.5 * k), r1(cy - 2.5 * k), r1(eye), white),
        Circle(r1(cx + 3.5 * k), r1(cy - 2.5 * k), r1(eye), white),
        Path(mouth, stroke=white, stroke_width=r1(1.6 * k)),
    ]


def curve_path(points: Sequence[Point]) -> str:
    """A monotone cubic through the points: smooth, and never overshooting the -2..+2 range."""
    if len(points) == 1:
        p = points[0]
        return f"M{p.x} {p.y}"
    xs = [p.x for p in points]
    ys = [p.y for p in points]
    tangents = _monotone_tangents(xs, ys)
    parts = [f"M{xs[0]} {ys[0]}"]
    for i in range(len(points) - 1):
        h = (xs[i + 1] - xs[i]) / 3
        parts.append(
            f"C{r1(xs[i] + h)} {r1(ys[i] + tangents[i] * h)} "
            f"{r1(xs[i + 1] - h)} {r1(ys[i + 1] - tangents[i + 1] * h)} {xs[i + 1]} {ys[i + 1]}"
        )
    return " ".join(parts)


def _monotone_tangents(xs: list[float], ys: list[float]) -> list[float]:
    """Fritsch-Carlson tangents."""
    n = len(xs)
    slopes = [(ys[i + 1] - ys[i]) / ((xs[i + 1] - xs[i]) or 1.0) for i in range(n - 1)]
    tangents = (
        [slopes[0]]
        + [
            0.0 if slopes[i - 1] * slopes[i] <= 0 else (slopes[i - 1] + slopes[i]) / 2
            for i in range(1, n - 1)
        ]
        + [slopes[-1]]
    )
    for i, slope in enumerate(slopes):
        if slope == 0:
            tangents[i] = tangents[i + 1] = 0.0
            continue
        a, b = tangents[i] / slope, tangents[i + 1] / slope
        total = a * a + b * b
        if total > 9:
            factor = 3 / total**0.5
            tangents[i], tangents[i + 1] = factor * a * slope, factor * b * slope
    return tangents


def curve(
    ctx: Context,
    top: float,
    height: float,
    points: Sequence[Point],
    span: tuple[float, float, float],
) -> list[Element]:
    """The line, then stems and faces on top of it, then each face's words where they are free
    (`span`: the lane's left and right, and the column width)."""
    if not points:
        return []
    colors = ctx.theme.colors
    d = curve_path(points)
    out: list[Element] = [Path(d, stroke=colors.curve, stroke_width=2.5, css="curve")]
    zero = score_y(top, height, 0)
    stems = [
        Line(p.x, zero, p.x, p.y, score_color(ctx, p.score), 1.5, "2 3", "stem")
        for p in points
        if p.score
    ]
    out.extend(stems)
    for point in points:
        out.extend(face(ctx, point.x, point.y, point.score))
    lane = Box(span[0], top + CLEAR, span[1], top + height - CLEAR)
    return out + _words(ctx, lane, span[2], points, d, stems)


def _words(
    ctx: Context,
    lane: Box,
    column: float,
    points: Sequence[Point],
    d: str,
    stems: Sequence[Element],
) -> list[Element]:
    index = Index()
    for line in segments([Path(d, stroke="#000", css="curve"), *stems]):
        index.add_line(line)
    for p in points:
        index.add_box(Box(p.x - FACE, p.y - FACE, p.x + FACE, p.y + FACE))
    room = Obstacles(lane, index)
    width = column / 2 - FACE - GAP - CLEAR - 2
    out: list[Element] = []
    for p in points:
        mark = Mark(
            p.x, p.y, p.score, signed(p.score), p.feeling, p.pains, score_color(ctx, p.score), FACE
        )
        out.extend(annotate(ctx, mark, width, room))
    return out
