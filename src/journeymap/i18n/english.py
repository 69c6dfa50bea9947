"""Counts in the CLI's own English, by CLDR's rules: `1 file`, `2 files`, `1,200 cases`.

The CLI speaks English whatever a map's locale; the noun's two forms are written where it is
counted (English has no rule that makes "person" into "people"), and Babel decides which
form a number takes and how its digits are grouped.
"""

from __future__ import annotations

from journeymap.i18n.catalog import plural_category


def counted(n: float, one: str, other: str) -> str:
    """`n` and the noun in the form CLDR's English plural rules give for it."""
    from babel.numbers import format_decimal

    noun = one if plural_category("en", n) == "one" else other
    return f"{format_decimal(n, locale='en')} {noun}"
