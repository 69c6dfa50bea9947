"""Steps without a short title (off by default).

**Why**: titles make the step headers readable.

**Anti-pattern**: a step with only an action.

**Best practice**: `title: Pays`.
"""

from __future__ import annotations

from collections.abc import Iterator

from journeymap.lint.rule import Context, Finding
from journeymap.model import JourneyMap

CODE = "ACME102"
NAME = "step-needs-title"
SEVERITY = "info"
ENABLED = False


def check(journey: JourneyMap, context: Context) -> Iterator[Finding]:
    for _, step in journey.steps():
        if not step.title:
            yield Finding(step.at, f"step {step.id!r} has no title")
