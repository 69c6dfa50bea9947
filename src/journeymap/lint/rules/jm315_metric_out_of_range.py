"""A rate or share outside 0..1, or `next` shares that add up to more than 1.

**Why**: metrics named `*_rate`, `*_share` or `*_ratio` are fractions, and the renderer shows
them as percentages. `82` for 82% would print as 8,200%. Shares on the edges leaving a step
split the people who take it; together they cannot exceed 1.

**Anti-pattern**: `metrics: {completion_rate: 82}`, or
`next: [{to: a, share: 0.7}, {to: b, share: 0.6}]`.

**Best practice**: `metrics: {completion_rate: 0.82}`; shares that sum to 1 or less (the
rest drops off).
"""

from __future__ import annotations

from collections.abc import Iterator

from journeymap.lint.rule import Context, Finding
from journeymap.model import JourneyMap

CODE = "JM315"
NAME = "metric-out-of-range"
SEVERITY = "error"
SUFFIXES = ("_rate", "_share", "_ratio")


def check(journey: JourneyMap, context: Context) -> Iterator[Finding]:
    for _, step in journey.steps():
        for name, value in step.metrics.items():
            if not name.endswith(SUFFIXES):
                continue
            if not isinstance(value, int | float) or not 0 <= value <= 1:
                yield Finding(
                    (*step.at, "metrics", name),
                    f"{name} is {value!r}; rates and shares are fractions from 0 to 1",
                    "write 82% as 0.82",
                )
        total = sum(edge.share or 0 for edge in step.next or ())
        if total > 1.0001:
            yield Finding(
                (*step.at, "next"), f"the shares of the next steps add up to {total:g}, more than 1"
            )
