"""Binding: which events of the log show which step, and what the map declares about order.

The query only sees small integers: a step is its position among the map's bound steps,
and a declared edge is a pair of positions. Steps without `events` are not measured.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from journeymap.analytics.errors import AnalyticsError
from journeymap.model import EventSelector, JourneyMap, transitions

WINDOW = re.compile(r"^\s*([1-9][0-9]{0,8})\s*([smhdw])\s*$")
UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


class BindingError(AnalyticsError):
    """A binding the log cannot be measured with; the message is one line."""


@dataclass(frozen=True, slots=True)
class BoundStep:
    index: int
    id: str
    selectors: tuple[EventSelector, ...]


@dataclass(frozen=True, slots=True)
class DeclaredEdge:
    source: int
    target: int
    share: float | None


@dataclass(frozen=True, slots=True)
class BoundMap:
    """A map as the query needs it: bound steps in document order, edges among them, the
    steps that end the journey (no way on), and the funnel's path."""

    id: str
    path: str
    steps: tuple[BoundStep, ...]
    edges: tuple[DeclaredEdge, ...]
    ends: frozenset[int]
    funnel: tuple[int, ...]

    def step_id(self, index: int) -> str:
        return self.steps[index].id

    def event_names(self) -> list[str]:
        return sorted({s.event for step in self.steps for s in step.selectors})

    def where_columns(self) -> list[str]:
        return sorted({c for step in self.steps for s in step.selectors for c, _ in s.where})


def window_seconds(text: str) -> int:
    """`14d` -> 1209600. Units: s, m, h, d, w."""
    matched = WINDOW.match(text)
    if not matched:
        raise BindingError(f"window {text!r} is not a number and a unit (s, m, h, d, w), e.g. 14d")
    return int(matched.group(1)) * UNIT_SECONDS[matched.group(2)]


def bind(
    journey: JourneyMap, funnel_path: tuple[str, ...] | None = None, shown: str | None = None
) -> BoundMap:
    """The map's binding; `shown` is the path to record (default: the map's own)."""
    bound = [step for _, step in journey.steps() if step.events]
    if not bound:
        raise BindingError(
            f"{journey.path}: no step of map {journey.id!r} lists `events`, so nothing can be "
            "measured; bind steps to events (docs/format.md, `events`)"
        )
    index = {step.id: i for i, step in enumerate(bound)}
    steps = tuple(BoundStep(i, step.id, step.events) for i, step in enumerate(bound))
    flow = transitions(journey)
    edges = tuple(
        DeclaredEdge(index[step.id], index[edge.to], edge.share)
        for step in bound
        for edge in flow.get(step.id, ())
        if edge.to in index and edge.to != step.id
    )
    ends = frozenset(index[step.id] for step in bound if not flow.get(step.id))
    path = _chosen_path(funnel_path, index) if funnel_path else _main_path(journey, index)
    return BoundMap(journey.id, shown or journey.path, steps, _unique(edges), ends, path)


def _unique(edges: tuple[DeclaredEdge, ...]) -> tuple[DeclaredEdge, ...]:
    seen: dict[tuple[int, int], DeclaredEdge] = {}
    for edge in edges:
        seen.setdefault((edge.source, edge.target), edge)
    return tuple(seen.values())


def _main_path(journey: JourneyMap, index: dict[str, int]) -> tuple[int, ...]:
    """From the first step, follow the edge with the highest declared share (the first
    listed on a tie or without shares) until a step with no way on, or a step seen before.
    Steps without `events` on that path are left out: the funnel cannot count them."""
    flow = transitions(journey)
    ordered = journey.step_ids()
    current: str | None = ordered[0] if ordered else None
    seen: list[str] = []
    while current is not None and current not in seen:
        seen.append(current)
        edges = [e for e in flow.get(current, ()) if e.to in flow]
        best = max(edges, key=lambda e: e.share if e.share is not None else -1.0, default=None)
        current = best.to if best else None
    return tuple(index[step] for step in seen if step in index)


def _chosen_path(names: tuple[str, ...], index: dict[str, int]) -> tuple[int, ...]:
    for name in names:
        if name not in index:
            close = difflib.get_close_matches(name, list(index), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise BindingError(f"--path: {name!r} is not a step with `events` in the map{hint}")
    return tuple(index[name] for name in names)
