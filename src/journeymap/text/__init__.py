"""Text handling: the character policy for every output; measuring and wrapping for SVG.

clean     journeymap.text.clean     the character policy: invisible, reordering characters
measure   journeymap.text.measure   glyph widths of the font stack, in em
breaking  journeymap.text.breaking  break opportunities and grapheme boundaries in a word
fill      journeymap.text.fill      greedy line filling to a width (`wrap`), with ellipsis
"""

from __future__ import annotations

from journeymap.text.clean import clean_text, plain_text
from journeymap.text.fill import wrap
from journeymap.text.measure import (
    ELLIPSIS,
    FULL_RUN,
    LINE_HEIGHT,
    char_em,
    line_height,
    text_width,
)

__all__ = [
    "ELLIPSIS",
    "FULL_RUN",
    "LINE_HEIGHT",
    "char_em",
    "clean_text",
    "line_height",
    "plain_text",
    "text_width",
    "wrap",
]
