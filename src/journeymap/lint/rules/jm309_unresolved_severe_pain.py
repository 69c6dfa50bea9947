"""A future-state map leaves severe pain points of its `based_on` map unresolved.

**Why**: the point of a future state is to answer the current state. Pain points of severity
4 or 5 that no future step resolves are the gaps reviewers most need to see.

**Anti-pattern**: `based_on: current.yaml` where `card-declined` (severity 5) appears in no
step's `resolves`.

**Best practice**: resolve it (`resolves: [card-declined]`) in the step that changes, or
keep it visible on purpose by suppressing this rule with a comment saying why.
"""

from __future__ import annotations

from collections.abc import Iterator

from journeymap.lint.rule import Context, Finding
from journeymap.model import JourneyMap

CODE = "JM309"
NAME = "unresolved-severe-pain-point"
SEVERITY = "warning"
KINDS = ("future-state",)
THRESHOLD = 4


def check(journey: JourneyMap, context: Context) -> Iterator[Finding]:
    base = journey.based_on
    if base is None:
        return
    resolved = {pain_id for _, step in journey.steps() for pain_id in step.resolves}
    for _, pain in base.pain_points():
        if (pain.severity or 0) >= THRESHOLD and pain.id not in resolved:
            yield Finding(
                ("based_on",),
                f"severity-{pain.severity} pain point {pain.id!r} of {base.id!r} is not resolved",
            )
