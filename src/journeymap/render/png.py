"""PNG through resvg (a Rust rasteriser shipped as a wheel): no browser, no system library.

A raster costs 4 bytes a pixel while the SVG grows by a few hundred bytes a step, so a valid
map of 10,000 steps (2.2 million pixels wide) took 5 GB and a minute to rasterise at full
size. Pictures beyond the bounds below are scaled down to fit, keeping their proportions:
the PNG is an overview there, and the SVG stays the exact picture.

Text is drawn in the families the SVG's `font-family` asks for, chosen per character as a
browser does (journeymap.render.fonts); characters no installed family has are named in the
notes the caller shows as warnings.
"""

from __future__ import annotations

import html
import math
import re
from xml.sax.saxutils import escape

from journeymap.render.fonts import Plan, plan

MAX_PIXELS = 40_000_000
"""About 160 MB of canvas; the worst case stays within a laptop's memory and a few seconds."""
MAX_SIDE = 32_000
"""Below the 32,767-pixel side that many image viewers and libraries refuse."""
_RUN = re.compile(r"(<(?:text|tspan)\b[^>]*>)([^<]+)")
_FAMILY = re.compile(r'<svg\b[^>]*?\sfont-family="([^"]*)"')


def zoom_for(width: float, height: float) -> float:
    """1.0, or the largest scale that fits the picture within MAX_PIXELS and MAX_SIDE."""
    area, side = width * height, max(width, height)
    if area <= MAX_PIXELS and side <= MAX_SIDE:
        return 1.0
    return min(math.sqrt(MAX_PIXELS / area), MAX_SIDE / side)


def svg_to_png(svg: str, width: float, height: float, notes: list[str] | None = None) -> bytes:
    """The SVG (whose size is `width` x `height`) as PNG bytes; a note for each script that
    no installed font of the SVG's font-family can draw is appended to `notes`."""
    import resvg_py

    fonts = font_plan(svg)
    if notes is not None:
        notes.extend(missing_notes(fonts))
    zoom = zoom_for(width, height)
    scaled = None if zoom == 1.0 else zoom  # None: resvg's own default, the picture's size
    return bytes(
        resvg_py.svg_to_bytes(
            svg_string=with_font_runs(svg, fonts),
            background="white",
            zoom=scaled,
            skip_system_fonts=bool(fonts.files),  # only the families the SVG asks for
            font_files=fonts.files or None,
            sans_serif_family=fonts.first or None,
        )
    )


def font_plan(svg: str) -> Plan:
    """Which installed family draws each character of the SVG's text."""
    found = _FAMILY.search(svg)
    stack = html.unescape(found.group(1)) if found else "sans-serif"
    text = "".join(html.unescape(content) for _, content in _RUN.findall(svg))
    return plan(stack, text)


def with_font_runs(svg: str, fonts: Plan) -> str:
    """The SVG with each run of characters that its first family lacks in a `<tspan>` of the
    family that has them, so resvg takes the family a browser would take."""

    def runs(match: re.Match[str]) -> str:
        return match.group(1) + _runs(html.unescape(match.group(2)), fonts)

    return _RUN.sub(runs, svg)


def _runs(text: str, fonts: Plan) -> str:
    out: list[str] = []
    current, chunk = fonts.first, ""
    for char in text:
        family = fonts.by_char.get(char, fonts.first)  # spaces too, as a browser does
        if family != current and chunk:
            out.append(_run(chunk, current, fonts.first))
            chunk = ""
        current, chunk = family, chunk + char
    out.append(_run(chunk, current, fonts.first))
    return "".join(out)


def _run(chunk: str, family: str, first: str) -> str:
    text = escape(chunk)
    if family == first or not chunk:
        return text
    return f'<tspan font-family="{escape(family, {chr(34): "&#34;"})}">{text}</tspan>'


def missing_notes(fonts: Plan) -> list[str]:
    """One line per script no installed family of the list has."""
    return [
        f"PNG: no installed font of the map's font-family has {script} characters "
        f"({_sample(chars)}); they are drawn as empty boxes. Install one (for Chinese, "
        "Japanese and Korean, Noto Sans CJK: fonts-noto-cjk) or name one in [theme] font_family"
        for script, chars in sorted(fonts.missing.items())
    ]


def _sample(chars: str) -> str:
    return chars[:8] + ("…" if len(chars) > 8 else "")
