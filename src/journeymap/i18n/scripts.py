"""The font families a map asks for, by the script of its locale: one place for SVG, HTML and PNG.

Han characters are drawn differently in Simplified Chinese, Traditional Chinese, Japanese and
Korean, so a CJK map asks for the family of its own region first; Arabic and Hebrew need
families that shape them. Every stack starts with the Latin families (ids, numbers and
English words in a map are Latin) and ends with `sans-serif`. The PNG renderer calls
`families_for` with the same tag, so it draws with the family the SVG asks for.
"""

from __future__ import annotations

from journeymap.i18n.tags import parse

LATIN: tuple[str, ...] = ("Arial", "Liberation Sans", "Helvetica", "Noto Sans")
GENERIC = "sans-serif"

SCRIPT_FAMILIES: dict[str, tuple[str, ...]] = {
    "Hans": (
        "Noto Sans CJK SC",
        "Noto Sans SC",
        "Source Han Sans SC",
        "PingFang SC",
        "Microsoft YaHei",
    ),
    "Hant": (
        "Noto Sans CJK TC",
        "Noto Sans TC",
        "Source Han Sans TC",
        "PingFang TC",
        "Microsoft JhengHei",
    ),
    "Jpan": (
        "Noto Sans CJK JP",
        "Noto Sans JP",
        "Source Han Sans JP",
        "Hiragino Sans",
        "Yu Gothic",
        "Meiryo",
    ),
    "Kore": (
        "Noto Sans CJK KR",
        "Noto Sans KR",
        "Source Han Sans KR",
        "Apple SD Gothic Neo",
        "Malgun Gothic",
    ),
    "Grek": ("Noto Sans Greek", "DejaVu Sans"),
    "Cyrl": ("DejaVu Sans",),
    "Arab": ("Noto Sans Arabic", "Noto Naskh Arabic", "Geeza Pro", "Segoe UI", "Tahoma"),
    "Hebr": ("Noto Sans Hebrew", "Arial Hebrew", "Segoe UI", "Tahoma"),
}
"""Families per ISO 15924 script, after the Latin ones. Greek and Cyrillic are in Arial,
Liberation Sans and Noto Sans already; the extra names cover systems without them."""


def families_for(tag: str) -> tuple[str, ...]:
    """Family names, most wanted first, for a map in `tag` (without the generic fallback)."""
    return (*LATIN, *SCRIPT_FAMILIES.get(parse(tag).script, ()))


def script_stack(tag: str) -> str:
    """The CSS `font-family` value for `tag`: each family quoted where CSS needs it."""
    return css_stack([*families_for(tag), GENERIC])


def css_stack(names: list[str]) -> str:
    return ", ".join(name if _bare(name) else f'"{name}"' for name in names)


def _bare(name: str) -> bool:
    """One word of letters (Arial, sans-serif) needs no quotes; a CSS-wide keyword would."""
    return name.replace("-", "").isalpha() and name.lower() not in _CSS_WIDE


_CSS_WIDE = frozenset(("inherit", "initial", "unset", "revert", "revert-layer", "default"))
