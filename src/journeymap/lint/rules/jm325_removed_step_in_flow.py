"""A future-state step marked `removed` that other steps still lead to.

**Why**: a removed step shows what disappears; if the future journey still passes through
it, the future state contradicts itself.

**Anti-pattern**: `status: removed` on a step that the previous step's default `next`
still reaches.

**Best practice**: route around it with `next` on the step before, so the removed step
stands apart.
"""

from __future__ import annotations

from collections.abc import Iterator

from journeymap.lint.rule import Context, Finding
from journeymap.model import JourneyMap

CODE = "JM325"
NAME = "removed-step-in-flow"
SEVERITY = "info"
KINDS = ("future-state",)


def check(journey: JourneyMap, context: Context) -> Iterator[Finding]:
    removed = {step.id for _, step in journey.steps() if step.status == "removed"}
    if not removed:
        return
    reached: set[str] = set()
    for source, edges in context.transitions.items():
        if source in removed:
            continue
        reached.update(edge.to for edge in edges if edge.to in removed)
    for _, step in journey.steps():
        if step.id in reached:
            yield Finding(
                (*step.at, "status"), f"removed step {step.id!r} is still part of the flow"
            )
