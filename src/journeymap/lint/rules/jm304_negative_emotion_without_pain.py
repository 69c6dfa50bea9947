"""A step where the persona feels bad, with no pain point saying why.

**Why**: a dip in the emotion curve is a finding; without a pain point it cannot be owned,
prioritised or resolved by a future-state map.

**Anti-pattern**

```yaml
- id: waits
  action: Waits on hold
  emotion: -2
```

**Best practice**

```yaml
- id: waits
  action: Waits on hold
  emotion: -2
  pain_points: [{id: long-hold, text: 20 minutes on hold, severity: 4, owner: contact-centre}]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeymap.lint.rule import Context, Finding
from journeymap.model import JourneyMap

CODE = "JM304"
NAME = "negative-emotion-without-pain-point"
SEVERITY = "warning"


def check(journey: JourneyMap, context: Context) -> Iterator[Finding]:
    for _, step in journey.steps():
        if step.emotion is not None and step.emotion < 0 and not step.pain_points:
            yield Finding(
                (*step.at, "emotion"),
                f"emotion {step.emotion} at step {step.id!r} has no pain point",
            )
