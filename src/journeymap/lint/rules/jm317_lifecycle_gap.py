"""Stages that skip or reorder the lifecycle phases they declare.

**Why**: the five phases (awareness, consideration, conversion, retention, advocacy) run in
that order. A map that declares phases but jumps from awareness to conversion has a hole
exactly where customers weigh their options, or its stages are in the wrong order.

**Anti-pattern**: stages `awareness`, then `conversion`, with no `consideration`.

**Best practice**: map the missing phase, or tie custom stages to phases with `phase:` so
their order can be checked.
"""

from __future__ import annotations

from collections.abc import Iterator

from journeymap.lint.rule import Context, Finding
from journeymap.model import PHASES, JourneyMap

CODE = "JM317"
NAME = "lifecycle-gap"
SEVERITY = "info"
KINDS = ("current-state", "future-state")


def check(journey: JourneyMap, context: Context) -> Iterator[Finding]:
    previous: tuple[int, str] | None = None
    for stage in journey.stages:
        phase = stage.lifecycle_phase
        if phase is None:
            continue
        index = PHASES.index(phase)
        if previous is not None:
            if index < previous[0]:
                yield Finding(stage.at, f"phase {phase!r} comes after {previous[1]!r}")
            elif index > previous[0] + 1:
                missing = ", ".join(PHASES[previous[0] + 1 : index])
                yield Finding(
                    stage.at, f"stages skip from {previous[1]!r} to {phase!r} (missing: {missing})"
                )
        previous = (index, phase)
