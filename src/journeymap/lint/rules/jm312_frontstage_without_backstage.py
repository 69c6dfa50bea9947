"""A blueprint step with frontstage actions and nothing behind them.

**Why**: every visible action of employees or systems is carried by something the customer
does not see. A frontstage with no backstage or support process hides where the service can
fail.

**Anti-pattern**: `frontstage: [Agent answers the chat]` with no `backstage` or `support`.

**Best practice**: add what makes it work: `backstage: [Agent looks up the order]`,
`support: [{text: CRM, system: Salesforce}]`.
"""

from __future__ import annotations

from collections.abc import Iterator

from journeymap.lint.rule import Context, Finding
from journeymap.model import JourneyMap

CODE = "JM312"
NAME = "frontstage-without-backstage"
SEVERITY = "warning"
KINDS = ("service-blueprint",)


def check(journey: JourneyMap, context: Context) -> Iterator[Finding]:
    for _, step in journey.steps():
        if step.frontstage and not step.backstage and not step.support:
            yield Finding(
                (*step.at, "frontstage"),
                f"step {step.id!r} has frontstage actions but no backstage or support",
            )
