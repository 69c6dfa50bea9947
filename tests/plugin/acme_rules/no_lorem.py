"""Placeholder text left in a map.

**Why**: "lorem ipsum" in a map that reaches a stakeholder undermines it.

**Anti-pattern**: `action: Lorem ipsum dolor`.

**Best practice**: write what the persona does.
"""

from __future__ import annotations

from collections.abc import Iterator

from journeymap.lint.rule import Context, Finding
from journeymap.model import JourneyMap

CODE = "ACME101"
NAME = "no-lorem-ipsum"
SEVERITY = "warning"


def check(journey: JourneyMap, context: Context) -> Iterator[Finding]:
    for _, step in journey.steps():
        if "lorem ipsum" in step.action.lower():
            yield Finding((*step.at, "action"), "placeholder text in the action")
