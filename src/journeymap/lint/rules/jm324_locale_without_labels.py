"""The map's locale has no built-in labels, so lane and stage names appear in English.

**Why**: a map written in German with `locale: de` gets English lane names; that may be
fine, but it should not come as a surprise on the printed poster.

**Anti-pattern**: `locale: de` expecting German labels.

**Best practice**: use a built-in locale (en, hu, zh-TW, nb, el) or name your stages with
`title:`; contributions of new label files are welcome.
"""

from __future__ import annotations

from collections.abc import Iterator

from journeymap.i18n import resolve_locale
from journeymap.lint.rule import Context, Finding
from journeymap.model import JourneyMap

CODE = "JM324"
NAME = "locale-without-labels"
SEVERITY = "info"


def check(journey: JourneyMap, context: Context) -> Iterator[Finding]:
    resolved = resolve_locale(journey.locale)
    if resolved == "en" and not journey.locale.lower().startswith("en"):
        yield Finding(
            ("locale",), f"locale {journey.locale!r} has no built-in labels; English is used"
        )
