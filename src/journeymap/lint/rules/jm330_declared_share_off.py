"""A declared `share` on a `next` edge is far from the share measured in the event log.

**Why**: shares say how a team believes customers split at a branch. When the log shows a
very different split (by default, 0.15 or more apart), decisions built on the map rest on a
wrong belief. Declared edges nobody took count as measured 0. Runs only with a measures
file (`--measures`, or `[analytics] measures`); the distance is configurable:
`[lint.options.JM330] threshold = 0.2`.

**Anti-pattern**

```yaml
- id: buys-pass-in-app
  next:
    - {to: shows-qr-ticket, share: 0.78}   # measured: 0.52 of the cases at this step
    - {to: buys-at-machine, share: 0.22}   # measured: 0.41
```

**Best practice**: update the shares to what the log shows (or find out why the binding
misses the cases), and keep the measures file next to the map so the belief stays checked.
"""

from __future__ import annotations

from collections.abc import Iterator

from journeymap.lint.rule import Context, Finding
from journeymap.lint.rules.jm33_measured import edge_at, steps_by_id
from journeymap.model import JourneyMap

CODE = "JM330"
NAME = "declared-share-off"
SEVERITY = "warning"
THRESHOLD = 0.15


def check(journey: JourneyMap, context: Context) -> Iterator[Finding]:
    measured = context.measures
    if measured is None:
        return
    limit = context.option(CODE, "threshold", THRESHOLD)
    steps = steps_by_id(journey)
    pairs = [(t.source, t.target, t.declared_share, t.share) for t in measured.transitions]
    pairs += [(u.source, u.target, u.declared_share, 0.0) for u in measured.unobserved]
    for source, target, declared, share in pairs:
        if declared is None or share is None or source not in steps:
            continue
        if abs(share - declared) >= limit - 1e-9:
            yield Finding(
                edge_at(steps[source], target),
                f"edge {source} -> {target} declares share {declared:g}, the log shows {share:.2f}",
                "update the share, or check the steps' event bindings",
            )
