"""A current-state step with no touchpoint.

**Why**: a current-state map records where the customer meets the service. A step without
a touchpoint cannot be tied to a channel, and drops out of the channel-by-stage matrix.

**Anti-pattern**: `action: Compares prices` with no `touchpoints`.

**Best practice**: name the channel and the touchpoint,
`touchpoints: [{channel: web, name: Price comparison page}]`. Steps away from the service
(thinking, talking to a friend) can use the `other` channel or suppress this rule.
"""

from __future__ import annotations

from collections.abc import Iterator

from journeymap.lint.rule import Context, Finding
from journeymap.model import JourneyMap

CODE = "JM307"
NAME = "step-without-touchpoint"
SEVERITY = "info"
KINDS = ("current-state",)


def check(journey: JourneyMap, context: Context) -> Iterator[Finding]:
    for _, step in journey.steps():
        if not step.touchpoints:
            yield Finding(step.at, f"step {step.id!r} has no touchpoint")
