"""The map's steps claim only a small part of the event log.

**Why**: when most events of the log (by default more than half) belong to no step, the
map has blind spots: whole activities customers do that it does not show, or bindings that
miss renamed events. `journeymap measure` lists the top unclaimed event names. Runs only
with a measures file (`--measures`, or `[analytics] measures`); configurable:
`[lint.options.JM334] threshold = 0.3`.

**Anti-pattern**: a map of the purchase journey measured against the whole product log,
where 80% of the events are `search_performed` and `screen_viewed`.

**Best practice**: bind the steps that those events show, add the steps the map is
missing, or measure against a log filtered to the journey.
"""

from __future__ import annotations

from collections.abc import Iterator

from journeymap.lint.rule import Context, Finding
from journeymap.lint.rules.jm33_measured import percent
from journeymap.model import JourneyMap

CODE = "JM334"
NAME = "low-log-coverage"
SEVERITY = "warning"
THRESHOLD = 0.5


def check(journey: JourneyMap, context: Context) -> Iterator[Finding]:
    measured = context.measures
    if measured is None or measured.coverage.events is None:
        return
    limit = context.option(CODE, "threshold", THRESHOLD)
    coverage = measured.coverage
    if coverage.events is not None and coverage.events < limit:
        top = ", ".join(f"{u.name} ({u.events})" for u in coverage.top_unclaimed[:3])
        yield Finding(
            ("id",),
            f"the map's steps claim {percent(coverage.events)} of the log's events"
            + (f"; most common unclaimed: {top}" if top else ""),
            "bind the steps those events show, or add the steps the map is missing",
        )
