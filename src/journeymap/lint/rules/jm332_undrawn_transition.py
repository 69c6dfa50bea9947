"""Many cases go from one step to another, and the map draws no such edge.

**Why**: when a transition the map does not draw carries a good part of a step's cases (by
default 5% or more), the map misses a real path: a shortcut, a loop back, a workaround.
Runs only with a measures file (`--measures`, or `[analytics] measures`); the share is
configurable: `[lint.options.JM332] min_share = 0.1`.

**Anti-pattern**: `compares-fares` leads only to `calls-about-zones`, but 30% of the cases
that compare fares go straight to `creates-account`.

**Best practice**: draw the edge (`next: [calls-about-zones, creates-account]`, with shares
if you know them), or, if it is an artefact of the log, fix the binding. A transition the
map draws through steps without `events` (which the log cannot show) is not reported.
"""

from __future__ import annotations

from collections.abc import Iterator

from journeymap.i18n.english import counted
from journeymap.lint.rule import Context, Finding
from journeymap.lint.rules.jm33_measured import edge_at, percent, steps_by_id
from journeymap.model import JourneyMap, Step

CODE = "JM332"
NAME = "undrawn-transition"
SEVERITY = "warning"
MIN_SHARE = 0.05


def check(journey: JourneyMap, context: Context) -> Iterator[Finding]:
    measured = context.measures
    if measured is None:
        return
    limit = context.option(CODE, "min_share", MIN_SHARE)
    steps = steps_by_id(journey)
    for transition in measured.transitions:
        source, share = transition.source, transition.share
        if transition.declared or share is None or source not in steps:
            continue
        if transition.target in through_unbound(source, steps, context):
            continue
        if share >= limit - 1e-9 and transition.target in steps:
            yield Finding(
                edge_at(steps[source], transition.target),
                f"{counted(transition.cases or 0, 'case', 'cases')} ({percent(share)} of step"
                f" {source!r}) go on to"
                f" {transition.target!r}, which the map does not draw",
                f"add {transition.target} to `next` of {source}, or check the bindings",
                key=True,
            )


def through_unbound(source: str, steps: dict[str, Step], context: Context) -> set[str]:
    """The bound steps the map leads to from `source` through steps without `events`."""
    found: set[str] = set()
    seen = {source}
    stack = [edge.to for edge in context.transitions.get(source, ())]
    while stack:
        here = stack.pop()
        if here in seen or here not in steps:
            continue
        seen.add(here)
        if steps[here].events:
            found.add(here)
        else:
            stack.extend(edge.to for edge in context.transitions.get(here, ()))
    return found
