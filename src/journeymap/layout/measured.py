"""The measured journey as the views see it: one map's measures, and how a number is shown.

Layout reads `Measured` (built by `journeymap.overlay` from a measures file) and turns it into
positioned primitives, so renderers never see the measures file or the analytics engines.
A suppressed figure (a group smaller than `min_cases`) is always written "< N", never 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from journeymap.i18n import Labels
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


def percent(value: float, labels: Labels) -> str:
    """0.769 as "77%" (as the locale writes it); small shares keep a decimal so 0.4% never
    reads as 0%."""
    scaled = value * 100 + 0.0
    digits = 1 if 0 < abs(scaled) < 9.95 and round(scaled) != scaled else 0
    return labels.percent(value, digits=digits)


def count(value: int | None, measured: Measured, labels: Labels) -> str:
    """A case count, or "< N" where it was suppressed."""
    return suppressed_text(measured, labels) if value is None else format_number(value, labels)


def share(value: float | None, measured: Measured, labels: Labels) -> str:
    return percent(value, labels) if value is not None else suppressed_text(measured, labels)


def suppressed_text(measured: Measured, labels: Labels) -> str:
    return f"< {format_number(measured.min_cases, labels)}" if measured.min_cases else "\u2013"


def period(ctx: Context, measured: Measured) -> str:
    """The measured period as the locale writes dates ("Jan 1 – Mar 31, 2026"), or ""."""
    if not measured.first or not measured.last:
        return ""
    return ctx.labels.dates(measured.first[:10], measured.last[:10])


def duration(seconds: float | None) -> str:
    """A median time in the largest unit that keeps it readable: 45 s, 12 min, 3.5 h, 2.1 d."""
    if seconds is None:
        return "\u2013"
    for unit, size in (("d", 86400.0), ("h", 3600.0), ("min", 60.0)):
        if seconds >= size:
            value = seconds / size
            return f"{value:.0f} {unit}" if value >= 10 else f"{value:.1f} {unit}"
    return f"{seconds:.0f} s"
