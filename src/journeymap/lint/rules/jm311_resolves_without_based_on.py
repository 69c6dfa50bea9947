"""A future-state map resolves pain points but does not say which map they come from.

**Why**: without `based_on`, nothing can check that the resolved pain points exist or show
which ones are still open.

**Anti-pattern**: `resolves: [long-queue]` in a future-state map with no `based_on`.

**Best practice**: `based_on: current-state.yaml`.
"""

from __future__ import annotations

from collections.abc import Iterator

from journeymap.lint.rule import Context, Finding
from journeymap.model import JourneyMap

CODE = "JM311"
NAME = "resolves-without-based-on"
SEVERITY = "warning"
KINDS = ("future-state",)


def check(journey: JourneyMap, context: Context) -> Iterator[Finding]:
    if journey.based_on is not None:
        return
    for _, step in journey.steps():
        if step.resolves:
            yield Finding(
                (*step.at, "resolves"),
                "resolves pain points, but the map has no based_on map to check them against",
            )
            return
