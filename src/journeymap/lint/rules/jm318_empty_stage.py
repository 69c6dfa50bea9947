"""A stage with no steps.

**Why**: an empty stage draws nothing and usually marks unfinished research.

**Anti-pattern**: `- {id: advocacy, steps: []}`.

**Best practice**: add the steps, or remove the stage until there is something to show.
"""

from __future__ import annotations

from collections.abc import Iterator

from journeymap.lint.rule import Context, Finding
from journeymap.model import JourneyMap

CODE = "JM318"
NAME = "empty-stage"
SEVERITY = "warning"


def check(journey: JourneyMap, context: Context) -> Iterator[Finding]:
    for stage in journey.stages:
        if not stage.steps:
            yield Finding(stage.at, f"stage {stage.id!r} has no steps")
