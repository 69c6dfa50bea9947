"""The grid's shared geometry: columns, lanes and what has been placed so far.

It lives apart from the grid engine so that the parts the engine calls (steps, lanes) can
use it without importing the engine.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from journeymap.layout import blueprint
from journeymap.layout.context import Context
from journeymap.layout.scene import Element, r1
from journeymap.model import JourneyMap, Stage, Step


@dataclass
class Grid:
    """Geometry shared by every part of the grid, and what has been placed so far."""

    ctx: Context
    journey: JourneyMap
    steps: list[tuple[int, Stage, Step]]
    left: float
    width: float
    elements: list[Element] = field(default_factory=list)
    lane_names: list[str] = field(default_factory=list)
    lane_top: list[float] = field(default_factory=list)
    lane_bottom: list[float] = field(default_factory=list)
    boxes: dict[str, blueprint.Box] = field(default_factory=dict)
    pain_tops: dict[str, tuple[float, float, int]] = field(default_factory=dict)
    faces: dict[str, tuple[float, float, int]] = field(default_factory=dict)
    first: int = 0
    """The map-wide index of this row's first step (a wrapped map has several rows)."""

    @property
    def column(self) -> float:
        return self.ctx.theme.column_width

    def x(self, index: int) -> float:
        return r1(self.left + index * self.column)

    def center(self, index: int) -> float:
        return r1(self.left + index * self.column + self.column / 2)

    @property
    def right(self) -> float:
        return r1(self.left + len(self.steps) * self.column)
