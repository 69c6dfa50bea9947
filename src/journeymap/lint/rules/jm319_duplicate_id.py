"""The same id used twice in one map (steps, stages, pain points, opportunities, items).

**Why**: ids are how `next`, `addresses`, `resolves` and `links` refer to things; a second
thing with the same id makes every such reference ambiguous.

**Anti-pattern**: two steps with `id: pays`, or a pain point and a blueprint item both
called `queue`... within its own kind (steps with steps, pain points with pain points).

**Best practice**: make each id unique within its kind in the map.
"""

from __future__ import annotations

from collections.abc import Iterator

from journeymap.lint.rule import Context, Finding
from journeymap.model import BLUEPRINT_ROWS, JourneyMap, Path_

CODE = "JM319"
NAME = "duplicate-id"
SEVERITY = "error"


def check(journey: JourneyMap, context: Context) -> Iterator[Finding]:
    groups: dict[str, list[tuple[str, Path_]]] = {
        "stage": [(s.id, s.at) for s in journey.stages],
        "step": [(s.id, s.at) for _, s in journey.steps()],
        "pain point": [(p.id, p.at) for _, p in journey.pain_points()],
        "opportunity": [(o.id, o.at) for _, s in journey.steps() for o in s.opportunities],
        "blueprint item": [
            (item.id, item.at)
            for _, s in journey.steps()
            for row in BLUEPRINT_ROWS
            for item in s.blueprint_row(row)
            if item.id
        ],
    }
    for what, entries in groups.items():
        seen: set[str] = set()
        for ident, at in entries:
            if ident in seen:
                yield Finding((*at, "id"), f"{what} id {ident!r} is used more than once")
            seen.add(ident)
