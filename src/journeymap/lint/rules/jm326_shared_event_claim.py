"""Two steps claim the same event, and no `where` filter tells them apart.

**Why**: `journeymap measure` turns each event of the log into exactly one step. When two
steps claim one event name without filters that exclude each other, every such event goes
to the step written first, and the other step is never measured for it.

**Anti-pattern**: `events: [page_view]` on both `compares-fares` and `reads-faq`.

**Best practice**: tell the steps apart with a column of the log that differs, such as
`{event: page_view, where: {path: /fares}}` and `{event: page_view, where: {path: /faq}}`,
or bind one of the steps to a more specific event.
"""

from __future__ import annotations

from collections.abc import Iterator

from journeymap.lint.rule import Context, Finding
from journeymap.model import EventSelector, EventValue, JourneyMap

CODE = "JM326"
NAME = "shared-event-claim"
SEVERITY = "warning"


def check(journey: JourneyMap, context: Context) -> Iterator[Finding]:
    claimed: dict[str, list[tuple[str, EventSelector]]] = {}
    for _, step in journey.steps():
        for selector in step.events:
            earlier = claimed.setdefault(selector.event, [])
            other = next((s for s, e in earlier if s != step.id and overlap(e, selector)), None)
            if other is not None:
                yield Finding(
                    selector.at,
                    f"step {step.id!r} claims event {selector.event!r}, and so does step "
                    f"{other!r}; no `where` filter tells them apart",
                    "add a `where` column whose values differ between the two steps",
                )
            earlier.append((step.id, selector))


def overlap(a: EventSelector, b: EventSelector) -> bool:
    """True when some event could match both: every column both filter on shares a value."""
    first, second = dict(a.where), dict(b.where)
    for column in first.keys() & second.keys():
        if not {_key(v) for v in first[column]} & {_key(v) for v in second[column]}:
            return False
    return True


def _key(value: EventValue) -> tuple[str, object]:
    """Compare as the log would: `true` is not the number 1, and 1 equals 1.0."""
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, int | float):
        return ("number", float(value))
    return ("text", value)
