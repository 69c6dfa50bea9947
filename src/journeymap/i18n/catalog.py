"""Built-in label catalogues, and `Labels`: one locale's words, plurals and number formats.

A catalogue is a JSON object of keys to texts. A text that counts something is an object of
CLDR plural categories instead (`{"one": "{n} step", "other": "{n} steps"}`; Chinese has
only `other`), and Babel's `plural_form` for the catalogue's language picks the category.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator, Mapping
from datetime import date
from functools import cache, cached_property
from importlib import resources
from types import MappingProxyType
from typing import TYPE_CHECKING

from journeymap.i18n.tags import Tag, chain, parse

if TYPE_CHECKING:
    from babel import Locale

Entry = str | Mapping[str, str]

CATALOGS: dict[str, tuple[str, ...]] = {
    "en": ("en",),
    "hu": ("hu",),
    "zh-TW": ("zh_Hant",),
    "zh-CN": ("zh_Hans",),
    "nb": ("nb", "no"),
    "el": ("el",),
}
"""Each catalogue file and the CLDR identifiers it serves (`no`: CLDR's parent of nb and nn)."""

FALLBACK = "en"
_GREEK_ACCENTS = frozenset("\u0300\u0301\u0313\u0314\u0342\u0345")
_SERVES = {ident: name for name, idents in CATALOGS.items() for ident in idents}
_BY_NAME = {name.lower(): name for name in CATALOGS}


def resolve_locale(tag: str) -> str:
    """The catalogue for any BCP 47 tag, along CLDR's fallback chain (`zh-Hans-SG`, `zh-Hans`,
    `zh`, then English): `zh-HK` reads Traditional, `zh-SG` Simplified, `de-CH` English."""
    direct = _BY_NAME.get(tag.strip().lower())
    if direct is not None:  # a catalogue's own name needs no CLDR data
        return direct
    for ident in chain(parse(tag)):
        if ident in _SERVES:
            return _SERVES[ident]
    return FALLBACK


@cache
def load(name: str) -> Mapping[str, Entry]:
    """A catalogue shipped inside the package, so installs need no data path."""
    source = resources.files("journeymap.i18n").joinpath(f"{name}.json")
    data = json.loads(source.read_text(encoding="utf-8"))
    return MappingProxyType({str(key): _entry(value) for key, value in data.items()})


def _entry(value: object) -> Entry:
    if isinstance(value, dict):
        return MappingProxyType({str(k): str(v) for k, v in value.items()})
    return str(value)


@cache
def cldr_locale(tag: str) -> Locale:
    """Babel's locale for a tag, along its CLDR chain (`no-NO` has no data of its own, `no`
    has); English for a language CLDR does not know."""
    from babel import Locale, UnknownLocaleError

    for ident in (parse(tag).ident, *chain(parse(tag)), FALLBACK):
        try:
            return Locale.parse(ident)
        except (UnknownLocaleError, ValueError):
            continue
    raise AssertionError("CLDR has English")  # pragma: no cover


class Labels(Mapping[str, str]):
    """Read-only labels of one locale that fall back to English key by key."""

    __slots__ = ("__dict__", "_english", "_tag", "_texts", "catalog")

    def __init__(
        self, tag: str, texts: Mapping[str, Entry], english: Mapping[str, Entry], *, catalog: str
    ) -> None:
        self._tag: Tag = parse(tag)
        self.catalog = catalog
        self._texts = texts
        self._english = english

    @property
    def locale(self) -> str:
        """The map's own tag, in canonical case: the `lang` of every page and drawing."""
        return self._tag.text

    @property
    def direction(self) -> str:
        """`rtl` for right-to-left scripts (Arabic, Hebrew), else `ltr`."""
        return "rtl" if self._tag.rtl else "ltr"

    @property
    def script(self) -> str:
        return self._tag.script

    def _entry(self, key: str) -> tuple[Entry, str]:
        """The text or plural forms of `key`, and the catalogue they come from."""
        text = self._texts.get(key)
        if text:
            return text, self.catalog
        return self._english[key], FALLBACK

    def __getitem__(self, key: str) -> str:
        entry, _ = self._entry(key)
        return entry if isinstance(entry, str) else entry["other"]

    def __iter__(self) -> Iterator[str]:
        return iter(self._english)

    def __len__(self) -> int:
        return len(self._english)

    def __repr__(self) -> str:
        return f"Labels({self.locale!r})"

    def format(self, key: str, **values: object) -> str:
        """Fill a label's `{placeholders}`; the translator decides where they go."""
        return self[key].format(**values)

    def count(self, key: str, n: float | str, **values: object) -> str:
        """The plural form of `key` for `n` by CLDR, `{n}` filled with `n` as a number. A text
        (`< 10` for a suppressed count) takes the `other` form as it is."""
        entry, source = self._entry(key)
        if isinstance(entry, str):
            text = entry
        else:
            category = "other" if isinstance(n, str) else plural_category(source, n)
            text = entry.get(category) or entry["other"]
        shown = n if isinstance(n, str) else self.number(n)
        return text.format(**{"n": shown, **values})

    @cached_property
    def _numbers(self) -> Locale:
        return cldr_locale(self._tag.text)

    def number(self, value: float) -> str:
        """`value` with the locale's grouping and decimal sign (CLDR): integers whole, up to
        two decimals, three significant digits below 1; beyond 1e15 (where float noise
        would print as digits) and near zero in scientific notation."""
        if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
            value = int(value)
        if isinstance(value, float) and (abs(value) >= 1e15 or 0 < abs(value) < 0.001):
            return self._apply("#.##E0", value)
        if isinstance(value, float) and abs(value) < 1:
            return self._apply(None, value, decimals=3)
        return self._apply(None, value, decimals=2)

    def percent(self, share: float, *, digits: int = 1) -> str:
        """A share (0..1) as the locale writes percentages, up to `digits` decimals."""
        return self._apply("%", share + 0.0, decimals=digits)

    def _apply(self, pattern: str | None, value: float, *, decimals: int = 0) -> str:
        from babel.numbers import parse_pattern

        locale = self._numbers
        if pattern is None or pattern == "%":
            formats = locale.percent_formats if pattern else locale.decimal_formats
            parsed = parse_pattern(formats[None].pattern)
            parsed.frac_prec = (0, decimals)
        else:
            parsed = parse_pattern(pattern)
        return str(parsed.apply(value + 0 if isinstance(value, int) else value + 0.0, locale))

    def upper(self, text: str) -> str:
        """Capitals as the language writes them: Greek drops its accents (ΣΕΝΑΡΙΟ, not
        ΣΕΝΆΡΙΟ), as CSS `text-transform` does for `lang="el"`."""
        capitals = text.upper()
        if self._tag.script != "Grek":
            return capitals
        bare = "".join(c for c in unicodedata.normalize("NFD", capitals) if c not in _GREEK_ACCENTS)
        return unicodedata.normalize("NFC", bare)

    def date(self, iso: str) -> str:
        """An ISO date (`2026-03-31`) as the locale writes it (`Mar 31, 2026`, `2026年3月31日`);
        anything else as written."""
        from babel.dates import format_date

        day = _day(iso)
        return iso if day is None else str(format_date(day, "medium", locale=self._numbers))

    def dates(self, first: str, last: str) -> str:
        """Two ISO dates as the locale writes a range (`Jan 1 – Mar 31, 2026`)."""
        from babel.dates import format_interval

        start, end = _day(first), _day(last)
        if start is None or end is None:
            return first if first == last else f"{first} \u2013 {last}"
        if start == end:
            return self.date(first)
        return str(format_interval(start, end, "yMMMd", locale=self._numbers))

    def join(self, items: list[str], *, style: str = "standard") -> str:
        """Items as the locale lists them (`a, b and c`; `a、b和c`)."""
        from babel.lists import format_list

        return str(format_list(items, style=style, locale=self._numbers))  # type: ignore[arg-type]


@cache
def plural_category(catalog: str, n: float) -> str:
    """CLDR's plural category (one, few, many, other ...) of `n` in a catalogue's language."""
    return str(cldr_locale(catalog).plural_form(n))


@cache
def labels(tag: str) -> Labels:
    """Labels for any tag, resolved to a built-in catalogue and loaded once."""
    catalog = resolve_locale(tag)
    english = load(FALLBACK)
    return Labels(tag, load(catalog), english, catalog=catalog)


def _day(iso: str) -> date | None:
    try:
        return date.fromisoformat(iso)
    except ValueError:
        return None
