"""Some steps have an emotion and others do not.

**Why**: the emotion curve is drawn through the steps that have a score; a gap makes the
curve jump over steps as if nothing was felt there.

**Anti-pattern**: emotion on steps 1, 2 and 4, none on step 3.

**Best practice**: score every step (0 is neutral), or none.
"""

from __future__ import annotations

from collections.abc import Iterator

from journeymap.lint.rule import Context, Finding
from journeymap.model import JourneyMap

CODE = "JM323"
NAME = "emotion-gap"
SEVERITY = "info"


def check(journey: JourneyMap, context: Context) -> Iterator[Finding]:
    steps = [step for _, step in journey.steps() if step.status != "removed"]
    if not any(step.emotion is not None for step in steps):
        return
    for step in steps:
        if step.emotion is None:
            yield Finding(step.at, f"step {step.id!r} has no emotion, unlike the others")
