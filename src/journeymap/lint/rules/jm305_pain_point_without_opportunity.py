"""A pain point that no opportunity addresses.

**Why**: a journey map exists to change the journey. A pain point with no opportunity is a
problem the team has seen and not yet answered.

**Anti-pattern**: pain points listed, opportunities missing, or opportunities that do not
say which pain they address.

**Best practice**: add an opportunity in the same step, or anywhere in the map with
`addresses: [pain-point-id]`.
"""

from __future__ import annotations

from collections.abc import Iterator

from journeymap.lint.rule import Context, Finding
from journeymap.model import JourneyMap

CODE = "JM305"
NAME = "pain-point-without-opportunity"
SEVERITY = "info"
KINDS = ("current-state", "day-in-the-life", "service-blueprint")


def check(journey: JourneyMap, context: Context) -> Iterator[Finding]:
    addressed = {
        pain_id for _, s in journey.steps() for o in s.opportunities for pain_id in o.addresses
    }
    for step, pain in journey.pain_points():
        if pain.id not in addressed and not step.opportunities:
            yield Finding(
                pain.at,
                f"pain point {pain.id!r} has no opportunity",
                "add an opportunity with `addresses: [" + pain.id + "]`",
            )
