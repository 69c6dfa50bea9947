"""Built-in UI labels per locale, so rendered maps speak the reader's language.

`catalog` holds the label files and `Labels`; `tags` reads BCP 47 tags through CLDR;
`scripts` chooses font families by script; `english` counts nouns in the CLI's English.
"""

from __future__ import annotations

from journeymap.i18n.catalog import CATALOGS, FALLBACK, Labels, labels, resolve_locale

LOCALES: tuple[str, ...] = tuple(CATALOGS)

__all__ = ["FALLBACK", "LOCALES", "Labels", "labels", "resolve_locale"]
