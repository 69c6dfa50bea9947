"""A blueprint link starts or ends at an item id that no item has.

**Why**: links show how the service works behind the line of visibility; a link to nothing
is not drawn, so the picture silently loses a dependency.

**Anti-pattern**: `links: [{from: web-form, to: crm}]` with no item `id: crm`.

**Best practice**: give the items ids (`support: [{id: crm, text: CRM}]`) and link those.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from journeymap.lint.rule import Context, Finding
from journeymap.model import BLUEPRINT_ROWS, JourneyMap

CODE = "JM321"
NAME = "unknown-link-endpoint"
SEVERITY = "error"
KINDS = ("service-blueprint",)


def check(journey: JourneyMap, context: Context) -> Iterator[Finding]:
    known = [
        item.id
        for _, step in journey.steps()
        for row in BLUEPRINT_ROWS
        for item in step.blueprint_row(row)
        if item.id
    ]
    for link in journey.links:
        for end, value in (("from", link.source), ("to", link.target)):
            if value not in known:
                close = difflib.get_close_matches(value, known, n=1)
                hint = f"did you mean {close[0]!r}?" if close else "give the item an id"
                yield Finding((*link.at, end), f"link {end} {value!r}: no item has this id", hint)
