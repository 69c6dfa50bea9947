"""Where a scene puts ink: every text's box and every drawn line's segments, absolute.

Layout knows each text's width (the same table it wrapped with), so overlaps are decided
here exactly, not by looking at pixels. Link labels are placed with it, and the tests check
with it that no text box meets another text box or a line.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise

from journeymap.layout.scene import Element, Group, Line, Path, Text
from journeymap.text import text_width

BACKGROUND_LINES = frozenset(("guide", "baseline"))
"""Faint grid lines of the emotion lane: texts over them carry a halo, as on any chart."""
BIN = 64.0
CURVE_STEPS = 12
"""Straight pieces per cubic when a curve is turned into segments (error well under 1 px)."""


@dataclass(frozen=True, slots=True)
class Box:
    x1: float
    y1: float
    x2: float
    y2: float
    owner: str = ""
    """The group id the ink belongs to (a link and its label share one), or ""."""

    def meets(self, other: Box, margin: float = 0.0) -> bool:
        return (
            self.x1 < other.x2 + margin
            and other.x1 < self.x2 + margin
            and self.y1 < other.y2 + margin
            and other.y1 < self.y2 + margin
        )

    def crosses(self, segment: Segment, margin: float = 0.0) -> bool:
        """Whether the segment passes through the box (grown by `margin`): Liang-Barsky."""
        x1, y1, x2, y2 = self.x1 - margin, self.y1 - margin, self.x2 + margin, self.y2 + margin
        dx, dy = segment.x2 - segment.x1, segment.y2 - segment.y1
        low, high = 0.0, 1.0
        checks = (
            (-dx, segment.x1 - x1),
            (dx, x2 - segment.x1),
            (-dy, segment.y1 - y1),
            (dy, y2 - segment.y1),
        )
        for p, q in checks:
            if p == 0:
                if q <= 0:
                    return False
                continue
            t = q / p
            if p < 0:
                low = max(low, t)
            else:
                high = min(high, t)
            if low >= high:
                return False
        return True


@dataclass(frozen=True, slots=True)
class Segment:
    x1: float
    y1: float
    x2: float
    y2: float
    owner: str = ""
    css: str = ""


@dataclass
class Index:
    """Boxes and segments in vertical strips of BIN px, to look only at what is near: a map
    of a thousand steps has tens of thousands of them."""

    boxes: dict[int, list[Box]] = field(default_factory=dict)
    lines: dict[int, list[Segment]] = field(default_factory=dict)

    def add_box(self, box: Box) -> None:
        for strip in _strips(box.x1, box.x2):
            self.boxes.setdefault(strip, []).append(box)

    def add_line(self, line: Segment) -> None:
        for strip in _strips(min(line.x1, line.x2), max(line.x1, line.x2)):
            self.lines.setdefault(strip, []).append(line)

    def free(self, box: Box, *, owner: str = "", gap: float = 1.0) -> bool:
        """Whether the box keeps `gap` from every box and line (but those of `owner`)."""
        for strip in _strips(box.x1, box.x2):
            if any(box.meets(other, gap) for other in self.boxes.get(strip, ())):
                return False
            for line in self.lines.get(strip, ()):
                if (not owner or line.owner != owner) and box.crosses(line, 1.0):
                    return False
        return True


def _strips(x1: float, x2: float) -> range:
    return range(int(x1 // BIN), int(x2 // BIN) + 1)


def text_box(text: Text, dx: float = 0.0, dy: float = 0.0, owner: str = "") -> Box:
    """The box the glyphs of a text occupy: line boxes from the first line's top."""
    width = max((text_width(line, text.size, bold=text.bold) for line in text.lines), default=0)
    top = text.y - text.line_height / 2 - 0.35 * text.size
    left = text.x - (width if text.anchor == "end" else width / 2 if text.anchor == "middle" else 0)
    bottom = top + len(text.lines) * text.line_height
    return Box(dx + left, dy + top, dx + left + width, dy + bottom, owner)


def walk(
    elements: Iterable[Element], dx: float = 0.0, dy: float = 0.0, owner: str = ""
) -> Iterator[tuple[Element, float, float, str]]:
    """Every primitive with the offset of the groups around it and its nearest group id."""
    for element in elements:
        if isinstance(element, Group):
            inner = element.id or owner
            yield from walk(element.children, dx + element.dx, dy + element.dy, inner)
        else:
            yield element, dx, dy, owner


def text_boxes(elements: Iterable[Element]) -> list[Box]:
    """Every non-empty text's box."""
    return [
        text_box(e, dx, dy, owner)
        for e, dx, dy, owner in walk(elements)
        if isinstance(e, Text) and any(e.lines)
    ]


def segments(elements: Iterable[Element]) -> list[Segment]:
    """Every line that carries meaning (rules, stems, links, the curve) as straight segments;
    the emotion lane's faint guides and the shapes inside icons and faces are left out."""
    out: list[Segment] = []
    for e, dx, dy, owner in walk(elements):
        if isinstance(e, Line) and e.css not in BACKGROUND_LINES:
            out.append(Segment(e.x1 + dx, e.y1 + dy, e.x2 + dx, e.y2 + dy, owner, e.css))
        elif isinstance(e, Path) and e.stroke != "none" and e.css in ("curve", "link"):
            points = path_points(e.d)
            out.extend(
                Segment(a[0] + dx, a[1] + dy, b[0] + dx, b[1] + dy, owner, e.css)
                for a, b in pairwise(points)
            )
    return out


def path_points(d: str) -> list[tuple[float, float]]:
    """The points of a path of M, L and C commands (absolute), cubics sampled."""
    tokens = d.replace(",", " ").replace("M", " M ").replace("L", " L ").replace("C", " C ")
    parts = tokens.split()
    points: list[tuple[float, float]] = []
    command = "M"
    numbers: list[float] = []
    for part in [*parts, "M"]:
        if part in ("M", "L", "C"):
            points.extend(_command(command, numbers, points))
            command, numbers = part, []
        else:
            numbers.append(float(part))
    return points


def _command(
    command: str, numbers: list[float], points: list[tuple[float, float]]
) -> list[tuple[float, float]]:
    pairs = list(zip(numbers[0::2], numbers[1::2], strict=False))
    if command != "C" or not points:
        return pairs
    out = []
    start = points[-1]
    for i in range(0, len(pairs) - 2, 3):
        c1, c2, end = pairs[i], pairs[i + 1], pairs[i + 2]
        out.extend(_cubic(start, c1, c2, end))
        start = end
    return out


def _cubic(
    p0: tuple[float, float],
    p1: tuple[float, float],
    p2: tuple[float, float],
    p3: tuple[float, float],
) -> list[tuple[float, float]]:
    out = []
    for step in range(1, CURVE_STEPS + 1):
        t = step / CURVE_STEPS
        u = 1 - t
        a, b, c, d = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
        out.append(
            (
                a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0],
                a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1],
            )
        )
    return out


def collisions(elements: Iterable[Element], margin: float = 0.0) -> list[str]:
    """Each text box that meets another text box or a line, described (empty: none)."""
    elements = list(elements)
    boxes, lines = text_boxes(elements), segments(elements)
    found = []
    for i, box in enumerate(boxes):
        for other in boxes[i + 1 :]:
            if box.meets(other, margin):
                found.append(f"text {box} meets text {other}")
        for line in lines:
            if line.owner and line.owner == box.owner:
                continue
            if box.crosses(line, margin):
                found.append(f"text {box} crosses line {line}")
    return found
