"""`next` names a step that does not exist in the map.

**Why**: a transition to a missing step breaks the flow view and hides where the journey
really goes; usually a typo or a step that was renamed.

**Anti-pattern**

```yaml
- id: compares-fares
  next: [buy-pass]          # the step is called buys-pass
```

**Best practice**: refer to existing step ids; rename steps and their references together.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from journeymap.lint.rule import Context, Finding
from journeymap.model import JourneyMap

CODE = "JM301"
NAME = "unknown-next-step"
SEVERITY = "error"


def check(journey: JourneyMap, context: Context) -> Iterator[Finding]:
    ids = journey.step_ids()
    for _, step in journey.steps():
        for index, edge in enumerate(step.next or ()):
            if edge.to not in ids:
                close = difflib.get_close_matches(edge.to, ids, n=1)
                hint = f"did you mean {close[0]!r}?" if close else None
                yield Finding(
                    (*step.at, "next", index), f"next step {edge.to!r} does not exist", hint
                )
