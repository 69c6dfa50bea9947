"""Colours, font and sizes of the rendered map; defaults meet WCAG AA, `[theme]` overrides them."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any

from journeymap.i18n.scripts import GENERIC, LATIN, css_stack, script_stack

FONT_STACK = css_stack([*LATIN, GENERIC])
"""The families of a map in a Latin-script locale; `for_locale` picks those of other scripts."""


@dataclass(frozen=True, slots=True)
class Colors:
    background: str = "#ffffff"
    text: str = "#1f2933"
    muted: str = "#52606d"
    grid: str = "#d9e2ec"
    lane_label: str = "#f0f4f8"
    header: str = "#f7f9fb"
    card: str = "#f8fafc"
    card_border: str = "#cbd5e1"
    stage_text: str = "#102a43"
    pain: str = "#fdecec"
    pain_border: str = "#d64545"
    pain_text: str = "#7a1d1d"
    opportunity: str = "#e3f6ef"
    opportunity_border: str = "#2f8f6b"
    opportunity_text: str = "#0b4a37"
    positive: str = "#0f7a4f"
    negative: str = "#b42318"
    neutral: str = "#52606d"
    curve: str = "#243b53"
    accent: str = "#1d4ed8"
    moment: str = "#9a5b00"
    link: str = "#334e68"
    line: str = "#243b53"
    new: str = "#1d4ed8"
    new_bg: str = "#dbeafe"
    changed: str = "#8a4b08"
    changed_bg: str = "#fef3c7"
    removed: str = "#4b5563"
    removed_bg: str = "#e5e7eb"
    unchanged: str = "#334155"
    unchanged_bg: str = "#f1f5f9"
    stages: tuple[str, ...] = ("#dbeafe", "#ede9fe", "#fce7f3", "#fef3c7", "#dcfce7", "#e0f2fe")


@dataclass(frozen=True, slots=True)
class Theme:
    colors: Colors = field(default_factory=Colors)
    font_family: str = FONT_STACK
    user_fonts: str = ""
    """The project's `font_family`, quoted, which comes before the locale's families."""
    font_size: float = 13.0
    column_width: float = 220.0
    label_width: float = 150.0
    emotion_height: float = 170.0
    wrap_width: float = 0.0
    """Rows of columns no wider than this many px (0: one row, however long)."""
    padding: float = 28.0
    gap: float = 10.0

    def stage_color(self, index: int) -> str:
        return self.colors.stages[index % len(self.colors.stages)]


def theme_from(settings: Mapping[str, Any]) -> Theme:
    """The default theme with `[theme]` settings from journeymap.toml applied (schema-checked)."""
    colors = settings.get("colors", {})
    known = {f.name for f in fields(Colors)}
    color_values: dict[str, Any] = {
        k: tuple(v) if k == "stages" else v for k, v in colors.items() if k in known
    }
    sizes: dict[str, Any] = {
        k: float(v)
        for k, v in settings.items()
        if k in ("font_size", "column_width", "label_width", "emotion_height", "wrap_width")
    }
    theme = replace(Theme(), colors=replace(Colors(), **color_values), **sizes)
    if "font_family" in settings:
        user = font_stack(settings["font_family"]).removesuffix(FONT_STACK).rstrip(", ")
        theme = replace(theme, font_family=font_stack(settings["font_family"]), user_fonts=user)
    return theme


def for_locale(theme: Theme, tag: str) -> Theme:
    """The theme with the font families of the script `tag` is written in (Simplified or
    Traditional Chinese, Japanese, Korean, Arabic ...) after the project's own."""
    stack = script_stack(tag)
    return replace(theme, font_family=f"{theme.user_fonts}, {stack}" if theme.user_fonts else stack)


_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_CSS_WIDE = frozenset(("inherit", "initial", "unset", "revert", "revert-layer", "default"))


def _bare(name: str) -> bool:
    """A one-word family (Inter, sans-serif) is written as is; any other name is quoted, and
    so are CSS-wide keywords, which would void the whole list unquoted."""
    return bool(_IDENT.fullmatch(name)) and name.lower() not in _CSS_WIDE


def font_stack(families: str) -> str:
    """The project's families, each one quoted once, before the built-in stack.

    The schema allows quotes so that `"Open Sans", Arial` can be written, but it cannot check
    that they pair up; a stray quote would leave a CSS string open and the whole font-family
    declaration (SVG attribute and HTML style alike) would be dropped, silently falling back
    to the browser's serif font. So names are split at commas, stripped of quotes, and quoted
    again where CSS needs it.
    """
    names = [name.replace('"', "").strip(" '") for name in families.split(",")]
    quoted = [n if _bare(n) else f'"{n}"' for n in names if n]
    return ", ".join([*quoted, FONT_STACK])
