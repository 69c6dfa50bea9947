"""Two steps with the same action text.

**Why**: identical steps are usually a copy-paste slip, or the same moment mapped twice;
either way the map reads as if the customer repeats themselves.

**Anti-pattern**: two steps with `action: Checks the order status`.

**Best practice**: say what differs (`Checks the status after one day`, `... after a week`),
or merge the steps.
"""

from __future__ import annotations

from collections.abc import Iterator

from journeymap.lint.rule import Context, Finding
from journeymap.model import JourneyMap

CODE = "JM316"
NAME = "duplicate-step-text"
SEVERITY = "warning"


def check(journey: JourneyMap, context: Context) -> Iterator[Finding]:
    first: dict[str, str] = {}
    for _, step in journey.steps():
        text = " ".join(step.action.casefold().split())
        if text in first:
            yield Finding(
                (*step.at, "action"), f"step {step.id!r} repeats the action of step {first[text]!r}"
            )
        else:
            first[text] = step.id
