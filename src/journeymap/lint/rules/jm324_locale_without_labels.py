"""The map's locale has no built-in labels, so lane and stage names appear in English.

**Why**: a map written in German with `locale: de` gets English lane names; that may be
fine, but it should not come as a surprise on the printed poster.

**Anti-pattern**: `locale: de` expecting German labels.

**Best practice**: use a built-in locale (en, hu, zh-TW, zh-CN, nb, el) or name your stages
with `title:`; contributions of new label files are welcome. Any BCP 47 tag is accepted: the
labels fall back along CLDR's chain (`zh-Hant-HK` reads Traditional Chinese, `zh-SG`
Simplified, `nn` Norwegian), and the page's `lang`, fonts, direction, plurals and numbers
follow the tag itself. A language CLDR does not know is reported too, since its numbers
and plurals are English as well.
"""

from __future__ import annotations

from collections.abc import Iterator

from journeymap.i18n import resolve_locale
from journeymap.i18n.tags import parse
from journeymap.lint.rule import Context, Finding
from journeymap.model import JourneyMap

CODE = "JM324"
NAME = "locale-without-labels"
SEVERITY = "info"


def check(journey: JourneyMap, context: Context) -> Iterator[Finding]:
    resolved = resolve_locale(journey.locale)
    if resolved != "en" or journey.locale.lower().split("-")[0] == "en":
        return
    if not parse(journey.locale).known:
        message = f"locale {journey.locale!r} is a language CLDR does not know; English is used"
    else:
        message = f"locale {journey.locale!r} has no built-in labels; English is used"
    yield Finding(("locale",), message)
