"""A step that no path from the first step reaches.

**Why**: in a branching map every step should be reachable from where the journey starts;
an unreachable step is usually a missing `next` edge, and it silently drops out of the flow
view's story.

**Anti-pattern**

```yaml
- {id: start, action: Opens the app, next: [pays]}
- {id: browses, action: Browses offers}     # nothing leads here
- {id: pays, action: Pays}
```

**Best practice**: add the edge that leads to the step, or remove the step. A future-state
step with `status: removed` is meant to stand apart (see JM325), so it is never reported.
"""

from __future__ import annotations

from collections.abc import Iterator

from journeymap.lint.rule import Context, Finding
from journeymap.model import JourneyMap

CODE = "JM302"
NAME = "unreachable-step"
SEVERITY = "warning"


def check(journey: JourneyMap, context: Context) -> Iterator[Finding]:
    steps = [step for _, step in journey.steps()]
    if not steps or not journey.branches():
        return
    edges = context.transitions
    seen = {steps[0].id}
    stack = [steps[0].id]
    while stack:
        for edge in edges.get(stack.pop(), ()):
            if edge.to in edges and edge.to not in seen:
                seen.add(edge.to)
                stack.append(edge.to)
    for step in steps:
        if step.id not in seen and step.status != "removed":
            yield Finding(step.at, f"step {step.id!r} cannot be reached from the first step")
