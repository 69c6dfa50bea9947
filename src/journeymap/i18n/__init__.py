"""Built-in UI labels per locale, so rendered maps speak the reader's language."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from functools import cache
from importlib import resources
from types import MappingProxyType

LOCALES: tuple[str, ...] = ("en", "hu", "zh-TW", "nb", "el")

_FALLBACK = "en"
_TRADITIONAL_REGIONS = frozenset({"tw", "hk", "mo"})
_ALIASES = {"no": "nb", "nn": "nb"}


def resolve_locale(tag: str) -> str:
    """Map any BCP 47 tag to a built-in locale; unknown tags read English rather than fail."""
    parts = [part.lower() for part in tag.strip().replace("_", "-").split("-") if part]
    if not parts:
        return _FALLBACK
    language = _ALIASES.get(parts[0], parts[0])
    if language == "zh":
        return _resolve_chinese(parts[1:])
    return language if language in LOCALES else _FALLBACK


def _resolve_chinese(subtags: list[str]) -> str:
    """Only Traditional is built in; Simplified readers get English, never a silent swap."""
    if "hant" in subtags:
        return "zh-TW"
    if "hans" in subtags:
        return _FALLBACK
    return "zh-TW" if _TRADITIONAL_REGIONS.intersection(subtags) else _FALLBACK


class Labels(Mapping[str, str]):
    """Read-only labels of one locale that fall back to English key by key."""

    __slots__ = ("_english", "_locale", "_texts")

    def __init__(self, locale: str, texts: Mapping[str, str], english: Mapping[str, str]) -> None:
        self._locale = locale
        self._texts = MappingProxyType(dict(texts))
        self._english = MappingProxyType(dict(english))

    @property
    def locale(self) -> str:
        """The built-in locale these labels were resolved to."""
        return self._locale

    def __getitem__(self, key: str) -> str:
        text = self._texts.get(key)
        return text if text else self._english[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._english)

    def __len__(self) -> int:
        return len(self._english)

    def __repr__(self) -> str:
        return f"Labels({self.locale!r})"

    def format(self, key: str, **values: object) -> str:
        """Fill a label's `{placeholders}`; the translator decides where they go."""
        return self[key].format(**values)


@cache
def _load(locale: str) -> Mapping[str, str]:
    """Read a locale file shipped inside the package, so installs need no data path."""
    source = resources.files(__name__).joinpath(f"{locale}.json")
    data = json.loads(source.read_text(encoding="utf-8"))
    return MappingProxyType({str(key): str(value) for key, value in data.items()})


@cache
def labels(locale: str) -> Labels:
    """Labels for any tag, resolved to a built-in locale and loaded once."""
    resolved = resolve_locale(locale)
    english = _load(_FALLBACK)
    texts = english if resolved == _FALLBACK else _load(resolved)
    return Labels(resolved, texts, english)
