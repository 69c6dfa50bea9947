"""An opportunity `addresses` a pain point that does not exist in the map.

**Why**: the link from an idea to the pain it answers feeds the pain-point backlog; a
dangling id silently drops that link.

**Anti-pattern**: `addresses: [long-queue]` when the pain point is `long-queues`.

**Best practice**: refer to pain-point ids of the same map.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from journeymap.lint.rule import Context, Finding
from journeymap.model import JourneyMap

CODE = "JM320"
NAME = "unknown-addressed-pain-point"
SEVERITY = "error"


def check(journey: JourneyMap, context: Context) -> Iterator[Finding]:
    known = [pain.id for _, pain in journey.pain_points()]
    for _, step in journey.steps():
        for idea in step.opportunities:
            for index, pain_id in enumerate(idea.addresses):
                if pain_id not in known:
                    close = difflib.get_close_matches(pain_id, known, n=1)
                    hint = f"did you mean {close[0]!r}?" if close else None
                    yield Finding(
                        (*idea.at, "addresses", index),
                        f"opportunity {idea.id!r} addresses unknown pain point {pain_id!r}",
                        hint,
                    )
