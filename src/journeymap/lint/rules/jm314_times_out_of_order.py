"""Day-in-the-life times that go backwards.

**Why**: the day is drawn on a time axis in step order; a time earlier than the one before
it is usually a typo (`17:30` for `07:30`) or a step in the wrong place.

**Anti-pattern**

```yaml
- {id: breakfast, time: "07:30", action: Eats breakfast}
- {id: alarm, time: "06:45", action: Alarm rings}
```

**Best practice**: keep steps in the order they happen.
"""

from __future__ import annotations

from collections.abc import Iterator

from journeymap.lint.rule import Context, Finding
from journeymap.model import JourneyMap

CODE = "JM314"
NAME = "times-out-of-order"
SEVERITY = "warning"
KINDS = ("day-in-the-life",)


def check(journey: JourneyMap, context: Context) -> Iterator[Finding]:
    previous: tuple[str, str] | None = None
    for _, step in journey.steps():
        if step.time is None:
            continue
        if previous is not None and step.time < previous[0]:
            yield Finding(
                (*step.at, "time"), f"{step.time} comes after {previous[0]} (step {previous[1]!r})"
            )
        previous = (step.time, step.id)
