"""The laid-out picture: positioned primitives, all a renderer ever sees.

Coordinates are pixels, rounded to one decimal when built, so output is byte-identical
everywhere. Text is already wrapped into lines; colours are already resolved from the theme.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Anchor = Literal["start", "middle", "end"]


def r1(value: float) -> float:
    """Fixed precision for every coordinate (and no negative zero)."""
    return round(value, 1) + 0.0


@dataclass(frozen=True, slots=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: str = "none"
    stroke: str = "none"
    radius: float = 0.0
    stroke_width: float = 1.0
    dash: str = ""
    css: str = ""


@dataclass(frozen=True, slots=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    stroke: str
    stroke_width: float = 1.0
    dash: str = ""
    css: str = ""


@dataclass(frozen=True, slots=True)
class Path:
    d: str
    stroke: str = "none"
    fill: str = "none"
    stroke_width: float = 1.0
    dash: str = ""
    marker_start: str = ""
    marker_end: str = ""
    opacity: float = 1.0
    css: str = ""


@dataclass(frozen=True, slots=True)
class Circle:
    cx: float
    cy: float
    r: float
    fill: str = "none"
    stroke: str = "none"
    stroke_width: float = 1.0
    css: str = ""


@dataclass(frozen=True, slots=True)
class Text:
    """Wrapped lines; (x, y) is the baseline of the first line."""

    x: float
    y: float
    lines: tuple[str, ...]
    size: float
    color: str
    line_height: float
    bold: bool = False
    italic: bool = False
    anchor: Anchor = "start"
    strike: bool = False
    css: str = ""
    halo: str = ""
    """A background-coloured outline behind the glyphs, so text stays readable over lines."""


@dataclass(frozen=True, slots=True)
class Icon:
    name: str
    x: float
    y: float
    size: float
    color: str


@dataclass(frozen=True, slots=True)
class Group:
    """A part of the picture (a card, a step, a link), its children relative to (dx, dy).

    `id` is stable (derived from map content, never random); `label` is a tooltip and an
    accessible name.
    """

    children: tuple[Element, ...]
    dx: float = 0.0
    dy: float = 0.0
    id: str = ""
    label: str = ""
    css: str = ""


Element = Rect | Line | Path | Circle | Text | Icon | Group


@dataclass(frozen=True, slots=True)
class Frame:
    """Where a grid's parts lie, as geometry only: a page pins the stage and lane headers, crops
    the header band it shows as HTML itself, and prints the map in readable tiles from it."""

    top: float
    """Below the header band (title, persona, scenario, goals)."""
    band: float
    """The top of the stage headers (the time axis of a day in the life)."""
    body: float
    """The top of the first lane, below the step headers."""
    left: float
    """The right edge of the lane labels."""
    columns: tuple[float, ...]
    """Each step column's left edge, then the last one's right edge."""
    rows: tuple[float, ...]
    """Each lane's top, then the last one's bottom."""


@dataclass(frozen=True, slots=True)
class Scene:
    width: float
    height: float
    title: str
    description: str
    background: str
    font_family: str
    id_prefix: str
    elements: tuple[Element, ...] = field(default=())
    lang: str = "en"
    marker_color: str = "#334e68"
    frame: Frame | None = None
    """The grid's parts (None for other views); its header band is the group `header`."""

    def icons(self) -> list[str]:
        """Every icon name used, sorted, so the renderer can emit each symbol once."""
        found: set[str] = set()
        stack = list(self.elements)
        while stack:
            element = stack.pop()
            if isinstance(element, Icon):
                found.add(element.name)
            elif isinstance(element, Group):
                stack.extend(element.children)
        return sorted(found)
