"""Glyph widths: how wide text will be drawn, known before anything is placed.

The layout engine must know how wide every label will be before it places boxes, so text is
measured with real advance widths of the first fonts in the stack (Arial and the
metric-compatible Liberation Sans, read from the fonts into ``widths.json`` by
``scripts/font_metrics.py``).

Widths are kept internally as integers in thousandths of an em. Integer sums make every
comparison exact, so a line accepted by ``wrap`` is never reported wider than the limit by
:func:`text_width` because of floating-point drift.

Characters the table does not cover get a width by rule (see :func:`char_em`). Browsers would
draw them from a later font in the stack whose metrics we cannot know, so the rules aim to be
close on average and generous for the glyphs most likely to overflow (CJK, emoji).
"""

from __future__ import annotations

import functools
import itertools
import json
import re
import statistics
import unicodedata
from collections.abc import Callable
from importlib import resources
from typing import Any

LINE_HEIGHT = 1.3
"""Line box height as a multiple of the font size.

Arial's own ascent plus descent is about 1.15 em, while the CJK fallbacks of the stack (Noto
Sans CJK, PingFang, JhengHei) draw taller ideographs; 1.3 leaves room for both without making
Latin-only cells look sparse. It is a fixed factor so the layout never depends on which
fallback font a viewer happens to have.
"""

ELLIPSIS = "\u2026"
"""Appended to the last line when ``wrap`` drops text to honour ``max_lines``."""

EM = 1000  # table units per em
_VS16 = "\ufe0f"
WIDE = frozenset("WF")

# Runs of characters that are all exactly one em by char_em's rules and never extend a
# grapheme: CJK ideographs, kana, hangul syllables, CJK and fullwidth punctuation. Creating a
# str per character to look it up costs more than anything else in wrapping CJK text, so such
# runs get their widths from a range instead (tests check every member of the class).
FULL_RUN = re.compile(
    "([\u1100-\u115f\u2e80-\u3029\u3030-\u303e\u3041-\u3096\u309b-\u30ff"
    "\u3105-\u312f\u3131-\u318e\u3190-\u31e3\u31f0-\u321e\u3220-\u3247\u3250-\u4dbf"
    "\u4e00-\ua48c\ua490-\ua4c6\uac00-\ud7a3\uf900-\ufaff\ufe10-\ufe19\ufe30-\ufe52"
    "\ufe54-\ufe66\ufe68-\ufe6b\uff01-\uff60\uffe0-\uffe6"
    "\U00020000-\U0002fffd\U00030000-\U0003fffd]+)"
)

# Always invisible, whatever the font says (spec: zero-width spaces and joiners, word joiner
# and invisible operators, BOM, variation selectors).
_ZERO_WIDTH = frozenset(
    [chr(c) for c in range(0x200B, 0x2010)]
    + [chr(c) for c in range(0x2060, 0x2065)]
    + ["\ufeff"]
    + [chr(c) for c in range(0xFE00, 0xFE10)]
    + [chr(c) for c in range(0xE0100, 0xE01F0)]
)
_INVISIBLE_CATEGORIES = frozenset({"Mn", "Me", "Cf", "Cc"})


def _invisible(char: str) -> bool:
    """Marks, joiners and controls take no advance: they attach to or steer other glyphs."""
    return (
        char in _ZERO_WIDTH
        or unicodedata.combining(char) != 0
        or unicodedata.category(char) in _INVISIBLE_CATEGORIES
    )


class _Table(dict[str, int]):
    """Character widths in thousandths of an em; unlisted characters are ruled on first use.

    Subclassing dict keeps ``sum(map(table.__getitem__, word))`` in C for known characters,
    which is what makes measuring thousands of cells cheap.
    """

    def __init__(self, widths: dict[str, int]) -> None:
        super().__init__({char: 0 if _invisible(char) else w for char, w in widths.items()})
        letters = (w for char, w in widths.items() if unicodedata.category(char)[0] == "L")
        self.fallback = int(statistics.median_low(letters))

    def __missing__(self, char: str) -> int:
        units = self._rule(char)
        self[char] = units
        return units

    def _rule(self, char: str) -> int:
        """Width of a character the font does not cover (see char_em for the reasons)."""
        if FULL_RUN.match(char):  # by construction, whatever this Python's Unicode version
            return EM
        if _invisible(char):
            return 0
        if unicodedata.east_asian_width(char) in WIDE or unicodedata.category(char) == "So":
            return EM
        return self.fallback


class Face:
    """One weight: its table plus memoised word widths, the hot path of every layout."""

    def __init__(self, table: _Table) -> None:
        self.table = table
        self.space = table[" "]
        self.ellipsis = table[ELLIPSIS]
        # Width of a word plus the space after it: wrapping accumulates exactly this, and
        # text_width subtracts the one space too many.
        self.spaced: Callable[[str], int] = functools.lru_cache(maxsize=1 << 16)(self._spaced)
        self.prefix: Callable[[str], tuple[int, ...]] = functools.lru_cache(maxsize=1 << 12)(
            self._prefix
        )

    def units(self, text: str) -> list[int]:
        """Per-character widths, widening a base + VS16 pair to one em.

        VS16 asks for emoji presentation, which colour-emoji fonts draw about one em wide
        whatever the text glyph of the base would be ("❤️", keycaps such as "1️⃣").
        """
        widths = list(map(self.table.__getitem__, text))
        if _VS16 in text:
            for i, char in enumerate(text):
                if char == _VS16 and i and text[i - 1] != " ":
                    widths[i] = max(0, EM - widths[i - 1])
        return widths

    def _spaced(self, word: str) -> int:
        if len(word) > 24:  # likely a CJK run that wrapping will split: share its prefix
            return self.prefix(word)[-1] + self.space
        if _VS16 in word:
            return sum(self.units(word)) + self.space
        return sum(map(self.table.__getitem__, word)) + self.space

    def _prefix(self, word: str) -> tuple[int, ...]:
        """Cumulative widths, so any slice is measured by one subtraction and found by bisect."""
        parts = FULL_RUN.split(word)
        prefix = [0]
        for i, part in enumerate(parts):
            base = prefix[-1]
            if i % 2:  # a one-em run (split puts captured runs at odd indices)
                prefix.extend(range(base + EM, base + EM * (len(part) + 1), EM))
            elif part:
                prefix[-1:] = itertools.accumulate(self.units(part), initial=base)
        return tuple(prefix)


@functools.cache
def _data() -> dict[str, Any]:
    """The shipped table, read once and only when text is first measured."""
    raw = resources.files("journeymap.text").joinpath("widths.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(raw)
    return data


@functools.cache
def face_for(bold: bool) -> Face:
    runs: list[list[Any]] = _data()["bold" if bold else "regular"]
    widths = {chr(start + i): int(w) for start, values in runs for i, w in enumerate(values)}
    return Face(_Table(widths))


def char_em(char: str, *, bold: bool = False) -> float:
    """Advance width of one code point in em.

    Rules, in order: combining marks, format and control characters and the zero-width
    characters (U+200B-U+200F, U+2060-U+2064, U+FEFF, variation selectors) are 0, since they
    never advance the pen; then the Liberation Sans table; then East Asian Wide/Fullwidth
    characters and other symbols (category So, mostly emoji and dingbats drawn by a fallback
    font) are 1.0, as CJK and emoji fonts use square glyphs; anything else (Arabic, Hebrew,
    Indic, Thai...) gets the median width of the table's letters, 0.578 em regular and
    0.611 em bold, a typical text letter that errs slightly wide of "n" (0.556 em).
    """
    if len(char) != 1:
        raise ValueError(f"char_em measures one code point, got {char!r}")
    return face_for(bold).table[char] / EM


def _units(face: Face, text: str) -> int:
    return sum(map(face.spaced, text.split(" "))) - face.space


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Width in px of ``text`` drawn on one line at font size ``size`` px.

    Words (split on spaces) are memoised because layout measures the same vocabulary in every
    cell of maps with thousands of steps. Text is measured as given, without collapsing.
    """
    return _units(face_for(bold), text) * size / EM


def line_height(size: float) -> float:
    """Distance between baselines of consecutive lines; see LINE_HEIGHT for the factor."""
    return LINE_HEIGHT * size
