"""The measured journey as the views see it: one map's measures, and how a number is shown.

Layout reads `Measured` (built by `journeymap.overlay` from a measures file) and turns it into
positioned primitives, so renderers never see the measures file or the analytics engines.
A suppressed figure (a group smaller than `min_cases`) is always written "< N", never 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from journeymap.layout.context import Context, format_number
from journeymap.model import JourneyMap, transitions

if TYPE_CHECKING:
    from journeymap.analytics.measures import MapMeasures, StepMeasures

StepState = Literal["measured", "suppressed", "unreached", "unbound"]


@dataclass(frozen=True, slots=True)
class Measured:
    """One map's measures with the file-wide facts every view shows beside them."""

    map: MapMeasures
    first: str | None
    last: str | None
    min_cases: int
    source: str

    def step(self, step_id: str) -> StepMeasures | None:
        return self.map.steps.get(step_id)

    def state(self, step_id: str) -> StepState:
        found = self.map.steps.get(step_id)
        if found is None:
            return "unbound"
        if found.suppressed or found.reach is None:
            return "suppressed"
        return "unreached" if found.reach == 0 else "measured"


def terminal_steps(journey: JourneyMap, measured: Measured | None = None) -> frozenset[str]:
    """Steps the map leads nowhere from: people who stop there finished, not dropped off.
    With measures, also steps that lead only to steps without events: the log cannot show
    anyone going on from them, so stopping there is not a loss it can see."""
    bound = measured.map.steps if measured is not None else None
    return frozenset(
        step_id
        for step_id, edges in transitions(journey).items()
        if not any(bound is None or edge.to in bound for edge in edges)
    )


def percent(value: float) -> str:
    """0.769 as "77%"; small shares keep a decimal so 0.4% never reads as 0%."""
    scaled = value * 100 + 0.0
    if 0 < abs(scaled) < 9.95 and round(scaled) != scaled:
        return f"{scaled:.1f}%"
    return f"{scaled:.0f}%"


def count(value: int | None, measured: Measured) -> str:
    """A case count, or "< N" where it was suppressed."""
    return suppressed_text(measured) if value is None else format_number(value)


def share(value: float | None, measured: Measured) -> str:
    return percent(value) if value is not None else suppressed_text(measured)


def suppressed_text(measured: Measured) -> str:
    return f"< {format_number(measured.min_cases)}" if measured.min_cases else "\u2013"


def period(ctx: Context, measured: Measured) -> str:
    """The measured period as dates ("2026-01-01 – 2026-03-31"), or an empty string."""
    if not measured.first or not measured.last:
        return ""
    first, last = measured.first[:10], measured.last[:10]
    return first if first == last else f"{first} \u2013 {last}"


def duration(seconds: float | None) -> str:
    """A median time in the largest unit that keeps it readable: 45 s, 12 min, 3.5 h, 2.1 d."""
    if seconds is None:
        return "\u2013"
    for unit, size in (("d", 86400.0), ("h", 3600.0), ("min", 60.0)):
        if seconds >= size:
            value = seconds / size
            return f"{value:.0f} {unit}" if value >= 10 else f"{value:.1f} {unit}"
    return f"{seconds:.0f} s"
