"""A step bound to events that no case of the log reached.

**Why**: a step with `events` that the measures count zero times is either a step nobody
takes, an event name that is misspelt or renamed in the product, or a `where` filter that
matches nothing. Each is worth knowing before anyone reads the funnel. Runs only with a
measures file (`--measures`, or `[analytics] measures`).

**Anti-pattern**

```yaml
- id: submits-claim
  action: Submits the delay compensation form
  events: [claim_submited]      # the log says claim_submitted
```

**Best practice**: bind the step to the event name as the log writes it (`journeymap
measure` lists the top unclaimed names), or remove a step that no longer happens.
"""

from __future__ import annotations

from collections.abc import Iterator

from journeymap.lint.rule import Context, Finding
from journeymap.model import JourneyMap

CODE = "JM331"
NAME = "bound-step-never-reached"
SEVERITY = "warning"


def check(journey: JourneyMap, context: Context) -> Iterator[Finding]:
    measured = context.measures
    if measured is None:
        return
    for _, step in journey.steps():
        found = measured.steps.get(step.id)
        if step.events and found is not None and found.reach == 0:
            names = ", ".join(sorted({s.event for s in step.events}))
            yield Finding(
                (*step.at, "events"),
                f"step {step.id!r} is bound to {names} but no case in the log reached it",
                "check the event names and filters against the log",
                key=True,
            )
