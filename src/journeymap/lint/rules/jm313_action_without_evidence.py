"""A blueprint step where the customer acts but sees no physical evidence.

**Why**: evidence (emails, receipts, screens, signs) is what the customer holds on to; a
step with none is often where customers feel lost.

**Anti-pattern**: a step whose `evidence` is empty.

**Best practice**: `evidence: [Confirmation email]`. If the step truly leaves no trace,
that is a finding: say so in a pain point.
"""

from __future__ import annotations

from collections.abc import Iterator

from journeymap.lint.rule import Context, Finding
from journeymap.model import JourneyMap

CODE = "JM313"
NAME = "action-without-evidence"
SEVERITY = "info"
KINDS = ("service-blueprint",)


def check(journey: JourneyMap, context: Context) -> Iterator[Finding]:
    for _, step in journey.steps():
        if not step.evidence:
            yield Finding(step.at, f"step {step.id!r} has no physical evidence")
