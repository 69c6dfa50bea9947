"""BCP 47 tags read through CLDR (Babel): canonical spelling, script, direction, fallback chain.

Babel is imported inside the functions that need CLDR data, so commands that never meet a
locale other than a built-in one (most `validate` runs) do not pay for its import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel import Locale

_SUBTAG = re.compile(r"[A-Za-z0-9]{1,8}")
_RTL_SCRIPTS = frozenset({"Arab", "Hebr", "Syrc", "Thaa", "Nkoo", "Adlm", "Rohg", "Mand", "Samr"})
"""Scripts written right to left (Unicode's Bidi_Class R/AL scripts in use today), for tags
CLDR has no locale for; for the others CLDR's own `character_order` decides."""


@dataclass(frozen=True, slots=True)
class Tag:
    """A language tag as CLDR understands it: the parts the labels, fonts and page need."""

    text: str
    """The tag as written, in canonical case (`zh-Hant-TW`, `de-CH`): the page's `lang`."""
    language: str
    script: str
    """Explicit or likely script (`zh-CN` is Hans, `ja` is Jpan, unknown languages Latn)."""
    territory: str
    ident: str
    """Babel's identifier of the tag as written, without variants and extensions (`de_CH`)."""
    known: bool
    """CLDR has data for the language, so plurals, numbers and lists follow it."""
    rtl: bool


def canonical(tag: str) -> str:
    """BCP 47 case conventions: language lower, script title, region upper (`zh-hant-tw`
    becomes `zh-Hant-TW`); everything after a singleton (`-u-`, `-x-`) is kept lower case."""
    parts = [p for p in tag.strip().replace("_", "-").split("-") if p]
    singleton = next((i for i, p in enumerate(parts) if i and len(p) == 1), len(parts))
    head = [_case(p, first=i == 0) for i, p in enumerate(parts[:singleton])]
    return "-".join([*head, *(p.lower() for p in parts[singleton:])])


def _case(part: str, *, first: bool) -> str:
    if first:
        return part.lower()
    if len(part) == 4 and part.isalpha():
        return part.title()
    if (len(part) == 2 and part.isalpha()) or (len(part) == 3 and part.isdigit()):
        return part.upper()
    return part.lower()


def is_well_formed(tag: str) -> bool:
    """Shape of a BCP 47 tag: a 2-8 letter language, then 1-8 character subtags."""
    parts = tag.split("-")
    return (
        bool(parts[0])
        and parts[0].isalpha()
        and 2 <= len(parts[0]) <= 8
        and all(_SUBTAG.fullmatch(p) for p in parts)
    )


@cache
def parse(tag: str) -> Tag:
    """The tag's language, likely script and region by CLDR's likely subtags; a tag CLDR
    does not know keeps what it says and counts as Latin script, left to right."""
    text = canonical(tag) or "en"
    core = _core(text)
    locale = _babel_locale(core)
    language, script, territory = _maximize(core)
    if locale is not None:
        rtl = locale.character_order == "right-to-left"
    else:
        rtl = script in _RTL_SCRIPTS
    return Tag(text, language, script, territory, "_".join(core), locale is not None, rtl)


def _core(text: str) -> list[str]:
    """Language, script and region subtags only: variants and extensions (`-u-`, `-x-`)
    change neither labels nor fonts."""
    parts = text.split("-")
    core = [parts[0]]
    for part in parts[1:]:
        if len(part) == 1:
            break
        if (len(part) == 4 and part.isalpha()) or (len(part) in (2, 3) and len(core) < 3):
            core.append(part)
    return core


def _babel_locale(core: list[str]) -> Locale | None:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse("_".join(core))
    except (UnknownLocaleError, ValueError):
        return None


def _maximize(core: list[str]) -> tuple[str, str, str]:
    """CLDR's "add likely subtags": `zh-SG` is zh-Hans-SG, `zh-MO` zh-Hant-MO, `ja` ja-Jpan-JP."""
    from babel.core import get_global

    likely = get_global("likely_subtags")
    language = core[0]
    script = next((p for p in core[1:] if len(p) == 4), "")
    region = next((p for p in core[1:] if len(p) != 4), "")
    for key in (f"{language}_{region}" if region else "", language):
        found = likely.get(key) if key else None
        if found:
            parts = found.split("_")
            language = parts[0]
            script = script or next((p for p in parts[1:] if len(p) == 4), "")
            region = region or next((p for p in parts[1:] if len(p) != 4), "")
            break
    return language, script or "Latn", region


def chain(tag: Tag) -> tuple[str, ...]:
    """Babel identifiers from the most to the least specific, each followed by its CLDR
    parent where CLDR names one (`nn` falls back to `no`, `zh_Hant_MO` to `zh_Hant_HK`)."""
    from babel.core import get_global

    parents = get_global("parent_exceptions")
    lang, script, region = tag.language, tag.script, tag.territory
    names = [
        f"{lang}_{script}_{region}" if region else "",
        f"{lang}_{script}",
        f"{lang}_{region}" if region else "",
        lang,
    ]
    out: list[str] = []
    for name in names:
        while name and name not in out:
            out.append(name)
            name = parents.get(name, "")
    return tuple(out)
