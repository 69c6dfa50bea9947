"""A map with no persona.

**Why**: a journey is someone's journey. Without a persona, readers fill in their own idea
of the customer, and the map's findings lose their context.

**Anti-pattern**: a map with no `persona` key.

**Best practice**: `persona: personas/maya.yaml`, a persona id, or an inline
`persona: {name: Maya, role: Daily commuter}`.
"""

from __future__ import annotations

from collections.abc import Iterator

from journeymap.lint.rule import Context, Finding
from journeymap.model import JourneyMap

CODE = "JM322"
NAME = "missing-persona"
SEVERITY = "info"


def check(journey: JourneyMap, context: Context) -> Iterator[Finding]:
    if journey.persona is None:
        yield Finding(("id",), f"map {journey.id!r} has no persona")
