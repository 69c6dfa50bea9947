"""A step after which the journey can never end: every path from it loops forever.

**Why**: a journey ends somewhere (a purchase, a drop-off, an explicit `next: []`). A loop
with no exit is almost always a `next` that points back by mistake, and it makes the flow
view circular.

**Anti-pattern**

```yaml
- {id: retries, action: Retries the payment, next: [fails]}
- {id: fails, action: Sees an error, next: [retries]}
```

**Best practice**: give every loop an exit, for example `next: [retries, gives-up]`.
"""

from __future__ import annotations

from collections.abc import Iterator

from journeymap.lint.rule import Context, Finding
from journeymap.model import JourneyMap

CODE = "JM303"
NAME = "no-way-out"
SEVERITY = "warning"


def check(journey: JourneyMap, context: Context) -> Iterator[Finding]:
    if not journey.branches():
        return
    edges = context.transitions
    predecessors: dict[str, list[str]] = {step_id: [] for step_id in edges}
    for source, outgoing in edges.items():
        for edge in outgoing:
            if edge.to in predecessors:
                predecessors[edge.to].append(source)
    ending = [s for s, outgoing in edges.items() if not any(e.to in edges for e in outgoing)]
    can_end = set(ending)
    stack = list(ending)
    while stack:
        for before in predecessors[stack.pop()]:
            if before not in can_end:
                can_end.add(before)
                stack.append(before)
    for _, step in journey.steps():
        if step.id not in can_end:
            yield Finding(
                step.at,
                f"after step {step.id!r} the journey can never end",
                "add an exit to the loop, or `next: []` where the journey ends",
            )
