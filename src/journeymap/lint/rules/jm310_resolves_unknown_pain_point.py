"""`resolves` names a pain point that the `based_on` map does not have.

**Why**: a resolved pain point that does not exist makes the future state look better than it
is, and breaks the current-versus-future report.

**Anti-pattern**: `resolves: [card-declined-no-fallback]` when the current-state map calls
it `card-declined`.

**Best practice**: copy pain-point ids from the current-state map; `journeymap dump` lists
them.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from journeymap.lint.rule import Context, Finding
from journeymap.model import JourneyMap

CODE = "JM310"
NAME = "resolves-unknown-pain-point"
SEVERITY = "error"
KINDS = ("future-state",)


def check(journey: JourneyMap, context: Context) -> Iterator[Finding]:
    base = journey.based_on
    if base is None:
        return
    known = [pain.id for _, pain in base.pain_points()]
    for _, step in journey.steps():
        for index, pain_id in enumerate(step.resolves):
            if pain_id not in known:
                close = difflib.get_close_matches(pain_id, known, n=1)
                hint = f"did you mean {close[0]!r}?" if close else None
                yield Finding(
                    (*step.at, "resolves", index),
                    f"{base.id!r} has no pain point {pain_id!r}",
                    hint,
                )
