"""What `simulate` walks: a map compiled once into per-step tables (choices, hazard, names).

The walk itself (journeymap.analytics.simulate) then only draws random numbers and indexes
these tables, which keeps 100,000 cases to a few seconds of plain Python.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from journeymap.model import Edge, JourneyMap, Step, transitions

WhereValue = str | int | float | bool

NOISE_NAMES = (
    "app_opened",
    "session_started",
    "screen_viewed",
    "push_received",
    "search_performed",
    "heartbeat",
)
"""Events no step claims; names a binding uses are left out (see `noise_names`)."""

BASE_HAZARD = 0.02
PER_EMOTION = 0.04
PER_SEVERITY = 0.03
MOMENT_FACTOR = 1.5
MAX_HAZARD = 0.5


@dataclass(frozen=True, slots=True)
class Emission:
    """One way a step shows up in the log: an event name and its where-column choices."""

    event: int
    where: tuple[tuple[int, tuple[int, ...]], ...] = ()
    """(column index, indexes into that column's values) — one value is drawn per event."""


@dataclass(frozen=True, slots=True)
class StepPlan:
    id: str
    stage: int
    emissions: tuple[Emission, ...]
    targets: tuple[int, ...]
    cumulative: tuple[float, ...]
    hazard: float
    clock: int | None
    """Seconds after midnight for a day-in-the-life `time`, else None."""


@dataclass(frozen=True, slots=True)
class Plan:
    steps: tuple[StepPlan, ...]
    events: tuple[str, ...]
    """Every event name, bound and noise; an Emission's `event` indexes this."""
    noise: tuple[int, ...]
    columns: tuple[str, ...]
    values: tuple[tuple[WhereValue, ...], ...]
    """Per where-column, the values it can take (indexed by Emission.where)."""


def hazard(step: Step, scale: float) -> float:
    """The chance that a case leaves the journey right after this step (documented in the
    README): worse emotion and more severe pain make people give up, more so at a moment of
    truth. A step with nowhere to go ends the case anyway."""
    severity = max((p.severity or 0 for p in step.pain_points), default=0)
    base = BASE_HAZARD + PER_EMOTION * max(0, -(step.emotion or 0))
    base += PER_SEVERITY * max(0, severity - 2)
    if step.moment_of_truth:
        base *= MOMENT_FACTOR
    return min(MAX_HAZARD, base * scale)


def weights(edges: tuple[Edge, ...]) -> list[float]:
    """Declared shares as given; what they leave is spread evenly over the undeclared edges.
    When every edge is declared, the shares are scaled to add up to 1."""
    declared = sum(e.share for e in edges if e.share is not None)
    undeclared = [e for e in edges if e.share is None]
    if undeclared:
        rest = max(0.0, 1.0 - declared) / len(undeclared)
        chosen = [e.share if e.share is not None else rest for e in edges]
    else:
        chosen = [e.share or 0.0 for e in edges]
    total = sum(chosen)
    if total <= 0:
        return [1.0 / len(edges)] * len(edges)
    return [w / total for w in chosen]


def clock(step: Step) -> int | None:
    if step.time is None:
        return None
    hours, minutes = step.time.split(":")
    return int(hours) * 3600 + int(minutes) * 60


def plan_for(journey: JourneyMap, *, drop_scale: float = 1.0) -> Plan:
    ordered = _stage_steps(journey)
    position = {step.id: i for i, (_, step) in enumerate(ordered)}
    names = _Names()
    edges = transitions(journey)
    steps: list[StepPlan] = []
    for stage, step in ordered:
        kept = [e for e in edges.get(step.id, ()) if e.to in position]
        chances = weights(tuple(kept)) if kept else []
        steps.append(
            StepPlan(
                id=step.id,
                stage=stage,
                emissions=names.emissions(step),
                targets=tuple(position[e.to] for e in kept),
                cumulative=tuple(itertools.accumulate(chances)),
                hazard=hazard(step, drop_scale),
                clock=clock(step),
            )
        )
    noise = tuple(names.event(n) for n in NOISE_NAMES if n not in names.index)
    return Plan(tuple(steps), tuple(names.index), noise, *names.where_tables())


def _stage_steps(journey: JourneyMap) -> list[tuple[int, Step]]:
    return [(i, step) for i, stage in enumerate(journey.stages) for step in stage.steps]


class _Names:
    """Interns event names, where-columns and their values in first-seen order."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.columns: dict[str, int] = {}
        self.values: list[dict[tuple[str, WhereValue], int]] = []

    def event(self, name: str) -> int:
        return self.index.setdefault(name, len(self.index))

    def emissions(self, step: Step) -> tuple[Emission, ...]:
        """A step's selectors; a step bound to nothing is logged under its own id."""
        selectors = step.events
        if not selectors:
            return (Emission(self.event(step.id)),)
        return tuple(
            Emission(
                self.event(s.event),
                tuple((self._column(c), tuple(self._value(c, v) for v in vs)) for c, vs in s.where),
            )
            for s in selectors
        )

    def _column(self, name: str) -> int:
        if name not in self.columns:
            self.columns[name] = len(self.columns)
            self.values.append({})
        return self.columns[name]

    def _value(self, column: str, value: WhereValue) -> int:
        table = self.values[self.columns[column]]
        return table.setdefault((type(value).__name__, value), len(table))

    def where_tables(self) -> tuple[tuple[str, ...], tuple[tuple[WhereValue, ...], ...]]:
        values = tuple(tuple(value for _, value in table) for table in self.values)
        return tuple(self.columns), values
