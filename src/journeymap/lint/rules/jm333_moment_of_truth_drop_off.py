"""A moment of truth where many cases end their journey, with no pain point saying why.

**Why**: a moment of truth decides how customers see the service. When the log shows a
large share of the cases that reach it stop there (by default 20% or more), while the map
records no pain point, the map hides its most expensive problem. The last step of the map
is never reported: journeys end there. Runs only with a measures file (`--measures`, or
`[analytics] measures`); configurable: `[lint.options.JM333] threshold = 0.3`.

**Anti-pattern**

```yaml
- id: buys-pass-in-app
  moment_of_truth: true        # 35% of the cases that reach it go no further
  emotion: 0
```

**Best practice**: find out why people stop and record it as a pain point with a severity
and an owner, so it gets an opportunity and shows in the backlog.
"""

from __future__ import annotations

from collections.abc import Iterator

from journeymap.lint.rule import Context, Finding
from journeymap.lint.rules.jm33_measured import percent
from journeymap.model import JourneyMap

CODE = "JM333"
NAME = "moment-of-truth-drop-off"
SEVERITY = "warning"
THRESHOLD = 0.2


def check(journey: JourneyMap, context: Context) -> Iterator[Finding]:
    measured = context.measures
    if measured is None:
        return
    limit = context.option(CODE, "threshold", THRESHOLD)
    for _, step in journey.steps():
        found = measured.steps.get(step.id)
        if not step.moment_of_truth or step.pain_points or found is None:
            continue
        if not context.transitions.get(step.id) or not found.reach or found.drop_off is None:
            continue
        lost = found.drop_off / found.reach
        if lost >= limit - 1e-9:
            yield Finding(
                (*step.at, "moment_of_truth"),
                f"{found.drop_off} of {found.reach} cases ({percent(lost)}) end their journey"
                f" at moment of truth {step.id!r}, which has no pain point",
                "record why people stop here as a pain point",
                key=True,
            )
