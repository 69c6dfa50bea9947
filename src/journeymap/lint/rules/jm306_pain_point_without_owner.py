"""A pain point of severity 3 or more with no owner.

**Why**: serious friction that nobody owns does not get fixed. The owner is the team or
person who will act on it, and the pain-point backlog is sorted and filtered by owner.

**Anti-pattern**

```yaml
pain_points: [{id: lost-form, text: The paper form gets lost, severity: 4}]
```

**Best practice**

```yaml
pain_points: [{id: lost-form, text: The paper form gets lost, severity: 4, owner: refunds-team}]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeymap.lint.rule import Context, Finding
from journeymap.model import JourneyMap

CODE = "JM306"
NAME = "pain-point-without-owner"
SEVERITY = "warning"
THRESHOLD = 3


def check(journey: JourneyMap, context: Context) -> Iterator[Finding]:
    for _, pain in journey.pain_points():
        if not pain.owner and (pain.severity or 0) >= THRESHOLD:
            yield Finding(
                pain.at, f"pain point {pain.id!r} (severity {pain.severity}) has no owner"
            )
