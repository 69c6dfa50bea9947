"""Text measurement and line breaking for SVG output, which has no automatic wrapping.

The layout engine must know how wide every label will be before it places boxes, so text is
measured with real advance widths of the first fonts in the stack (Arial and the
metric-compatible Liberation Sans, read from the fonts into ``widths.json`` by
``scripts/font_metrics.py``) and wrapped here, at layout time.

Widths are kept internally as integers in thousandths of an em. Integer sums make every
comparison exact, so a line accepted by :func:`wrap` is never reported wider than the limit by
:func:`text_width` because of floating-point drift.

Characters the table does not cover get a width by rule (see :func:`char_em`). Browsers would
draw them from a later font in the stack whose metrics we cannot know, so the rules aim to be
close on average and generous for the glyphs most likely to overflow (CJK, emoji).
"""

from __future__ import annotations

import functools
import itertools
import json
import math
import re
import statistics
import sys
import unicodedata
from bisect import bisect_right
from collections.abc import Callable
from importlib import resources
from typing import Any

__all__ = ["ELLIPSIS", "LINE_HEIGHT", "char_em", "line_height", "text_width", "wrap"]

LINE_HEIGHT = 1.3
"""Line box height as a multiple of the font size.

Arial's own ascent plus descent is about 1.15 em, while the CJK fallbacks of the stack (Noto
Sans CJK, PingFang, JhengHei) draw taller ideographs; 1.3 leaves room for both without making
Latin-only cells look sparse. It is a fixed factor so the layout never depends on which
fallback font a viewer happens to have.
"""

ELLIPSIS = "\u2026"
"""Appended to the last line when ``wrap`` drops text to honour ``max_lines``."""

_EM = 1000  # table units per em
_ZWJ = "\u200d"
_ZWSP = "\u200b"
_VS16 = "\ufe0f"
_HYPHENS = "-/\u2010"
_WIDE = frozenset("WF")

# Whitespace that collapses and allows a break: everything str.isspace() accepts except the
# no-break spaces, which authors type precisely to keep two words together.
_COLLAPSIBLE = re.compile(r"[^\S\u00a0\u2007\u202f]+")

# A cheap superset test for "this word may hold an East Asian Wide or Fullwidth character";
# words that fail it (in C) get their break opportunities from _SEPARATOR alone, which keeps
# per-character analysis off the hot path. The exact checks happen in _can_break.
_MAYBE_WIDE = re.compile(
    "[\u1100-\u115f\u231a-\u23ff\u25fd\u25fe\u2600-\u27bf\u2b00-\u2bff"
    "\u2e80-\ua4cf\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe10-\ufe6f\uff00-\uffe6"
    "\U00016fe0-\U0001b2ff\U0001f000-\U0001faff\U00020000-\U0003fffd]"
)
# Runs of characters that are all exactly one em by char_em's rules and never extend a
# grapheme: CJK ideographs, kana, hangul syllables, CJK and fullwidth punctuation. Creating a
# str per character to look it up costs more than anything else in wrapping CJK text, so such
# runs get their widths from a range instead (tests check every member of the class).
_FULL_RUN = re.compile(
    "([\u1100-\u115f\u2e80-\u3029\u3030-\u303e\u3041-\u3096\u309b-\u30ff"
    "\u3105-\u312f\u3131-\u318e\u3190-\u31e3\u31f0-\u321e\u3220-\u3247\u3250-\u4dbf"
    "\u4e00-\ua48c\ua490-\ua4c6\uac00-\ud7a3\uf900-\ufaff\ufe10-\ufe19\ufe30-\ufe52"
    "\ufe54-\ufe66\ufe68-\ufe6b\uff01-\uff60\uffe0-\uffe6"
    "\U00020000-\U0002fffd\U00030000-\U0003fffd]+)"
)
# Candidate breaks after a hyphen or slash run inside a word, or after a zero-width space.
_SEPARATOR = re.compile("[^-/\u2010\u200b][-/\u2010]+(?=[^-/\u2010])|\u200b")

# Minimal kinsoku shori: characters that must not start a line (closing punctuation, small
# kana, iteration and prolonged-sound marks) and ones that must not end it (opening brackets).
_NO_START = frozenset(
    ")]}!?,.:;%"
    "，。、！？；：）」』】》〉〕］｝〗〙〟｠｡｣､”’‼⁇⁈⁉‥…・ー゛゜ゝゞヽヾ々〻"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿｧｨｩｪｫｬｭｮｯｰﾞﾟ"
)
_NO_END = frozenset("([{“‘（「『【《〈〔［｛〖〘〝｟｢")

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


# --- character widths -------------------------------------------------------------------


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
        if _FULL_RUN.match(char):  # by construction, whatever this Python's Unicode version
            return _EM
        if _invisible(char):
            return 0
        if unicodedata.east_asian_width(char) in _WIDE or unicodedata.category(char) == "So":
            return _EM
        return self.fallback


class _Face:
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
                    widths[i] = max(0, _EM - widths[i - 1])
        return widths

    def _spaced(self, word: str) -> int:
        if len(word) > 24:  # likely a CJK run that wrapping will split: share its prefix
            return self.prefix(word)[-1] + self.space
        if _VS16 in word:
            return sum(self.units(word)) + self.space
        return sum(map(self.table.__getitem__, word)) + self.space

    def _prefix(self, word: str) -> tuple[int, ...]:
        """Cumulative widths, so any slice is measured by one subtraction and found by bisect."""
        parts = _FULL_RUN.split(word)
        prefix = [0]
        for i, part in enumerate(parts):
            base = prefix[-1]
            if i % 2:  # a one-em run (split puts captured runs at odd indices)
                prefix.extend(range(base + _EM, base + _EM * (len(part) + 1), _EM))
            elif part:
                prefix[-1:] = itertools.accumulate(self.units(part), initial=base)
        return tuple(prefix)


@functools.cache
def _data() -> dict[str, Any]:
    """The shipped table, read once and only when text is first measured."""
    raw = resources.files(__name__).joinpath("widths.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(raw)
    return data


@functools.cache
def _face(bold: bool) -> _Face:
    runs: list[list[Any]] = _data()["bold" if bold else "regular"]
    widths = {chr(start + i): int(w) for start, values in runs for i, w in enumerate(values)}
    return _Face(_Table(widths))


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
    return _face(bold).table[char] / _EM


def _units(face: _Face, text: str) -> int:
    return sum(map(face.spaced, text.split(" "))) - face.space


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Width in px of ``text`` drawn on one line at font size ``size`` px.

    Words (split on spaces) are memoised because layout measures the same vocabulary in every
    cell of maps with thousands of steps. Text is measured as given, without collapsing.
    """
    return _units(_face(bold), text) * size / _EM


def line_height(size: float) -> float:
    """Distance between baselines of consecutive lines; see LINE_HEIGHT for the factor."""
    return LINE_HEIGHT * size


# --- break opportunities ----------------------------------------------------------------

_EXTEND = 1  # belongs to the grapheme before it (marks, ZWJ, selectors, modifiers, jamo)
_JOIN_NEXT = 2  # glues the next character to itself (ZWJ, high surrogate)
_WIDE_CHAR = 4  # East Asian Wide or Fullwidth: breaks allowed on either side
_CLOSE = 8  # may not start a line
_OPEN = 16  # may not end a line
_HYPHEN = 32  # a break may follow it inside a word
_ZWSP_CHAR = 64  # an explicit break opportunity
_REGIONAL = 128  # half of a flag


def _classify(char: str) -> int:
    """The break-relevant properties of one character, as a bit set."""
    code = ord(char)
    extend = (
        char == _ZWJ
        or unicodedata.category(char) in ("Mn", "Me", "Mc")
        or 0xFE00 <= code <= 0xFE0F
        or 0x1F3FB <= code <= 0x1F3FF  # emoji skin tone modifiers
        or 0xE0020 <= code <= 0xE01EF  # emoji tag sequences, supplementary variation selectors
        or 0xDC00 <= code <= 0xDFFF  # low surrogate
        or 0x1160 <= code <= 0x11FF  # conjoining Hangul vowels and final consonants
        or 0xD7B0 <= code <= 0xD7FF
    )
    flags = (
        (_EXTEND if extend else 0)
        | (_JOIN_NEXT if char == _ZWJ or 0xD800 <= code <= 0xDBFF else 0)
        | (_WIDE_CHAR if unicodedata.east_asian_width(char) in _WIDE else 0)
        | (_CLOSE if char in _NO_START else 0)
        | (_OPEN if char in _NO_END else 0)
        | (_HYPHEN if char in _HYPHENS else 0)
        | (_ZWSP_CHAR if char == _ZWSP else 0)
    )
    return flags | (_REGIONAL if 0x1F1E6 <= code <= 0x1F1FF else 0)


class _Classes(dict[str, int]):
    """Memo of _classify: break analysis runs once per line, and a dict hit is cheapest."""

    def __missing__(self, char: str) -> int:
        flags = self[char] = _classify(char)
        return flags


_CLASSES = _Classes()


def _cluster_boundary(word: str, i: int) -> bool:
    """Whether a line may end between ``word[i - 1]`` and ``word[i]`` without tearing a glyph."""
    before, after = _CLASSES[word[i - 1]], _CLASSES[word[i]]
    if before & _JOIN_NEXT or after & _EXTEND:
        return False
    if before & after & _REGIONAL:
        j = i - 1
        while j >= 0 and _CLASSES[word[j]] & _REGIONAL:
            j -= 1
        return (i - 1 - j) % 2 == 0  # flags are pairs: break only after an even count
    return True


def _base(word: str, i: int) -> int:
    """Classes of the base character of the grapheme that ends just before position ``i``."""
    j = i - 1
    while j > 0 and _CLASSES[word[j]] & _EXTEND:
        j -= 1
    return _CLASSES[word[j]]


def _after_hyphen(word: str, i: int, after: int) -> bool:
    """Hyphens and slashes break only inside a word: "well-|known", not "-5" or "a--"."""
    lead = len(word) - len(word.lstrip(_HYPHENS))
    return i - 1 > lead and not after & _HYPHEN


def _can_break(word: str, i: int) -> bool:
    """Whether ``i`` is a real break opportunity inside a word (checked once per line)."""
    before, after = _CLASSES[word[i - 1]], _CLASSES[word[i]]
    if after & (_CLOSE | _EXTEND) or before & (_OPEN | _JOIN_NEXT):
        return False
    if before & after & _REGIONAL:
        return _cluster_boundary(word, i)
    if before & _ZWSP_CHAR:
        return True
    if before & _HYPHEN:
        return _after_hyphen(word, i, after)
    if before & _EXTEND:
        before = _base(word, i)
    return bool((before | after) & _WIDE_CHAR)


_WALK = (-1,)  # _hints: look at every position, the word may hold wide characters


@functools.lru_cache(maxsize=1 << 16)
def _hints(word: str) -> tuple[int, ...]:
    """Where ``word`` may break, memoised: () if nowhere, _WALK if every position is a suspect.

    Latin, Greek or Cyrillic words only break after hyphens, slashes and U+200B, which a
    regex finds in C; words with East Asian characters are checked position by position,
    but only near the end of each line (see _proper_break).
    """
    if _MAYBE_WIDE.search(word):
        return _WALK
    ends = (match.end() for match in _SEPARATOR.finditer(word))
    return tuple(i for i in ends if 0 < i < len(word) and _can_break(word, i))


def _fitting_end(prefix: tuple[int, ...], start: int, avail: float) -> int:
    """Largest end such that ``word[start:end]`` is at most ``avail`` wide (may be < start)."""
    return bisect_right(prefix, prefix[start] + avail) - 1


def _proper_break(word: str, prefix: tuple[int, ...], start: int, avail: float) -> int:
    """Last break opportunity after ``start`` that fits ``avail``, or ``start`` if none."""
    end = min(_fitting_end(prefix, start, avail), len(word) - 1)
    hints = _hints(word)
    if hints is not _WALK:
        k = bisect_right(hints, end) - 1
        return hints[k] if k >= 0 and hints[k] > start else start
    for i in range(end, start, -1):
        if _can_break(word, i):
            return i
    return start


def _forced_break(word: str, prefix: tuple[int, ...], start: int, avail: float) -> int:
    """Last grapheme boundary that fits; if not even one grapheme fits, the end of that one."""
    for i in range(min(_fitting_end(prefix, start, avail), len(word) - 1), start, -1):
        if _cluster_boundary(word, i):
            return i
    i = start + 1
    while i < len(word) and not _cluster_boundary(word, i):
        i += 1
    return i


# --- greedy line filling ----------------------------------------------------------------


class _Wrapper:
    """Greedy filling of one text; the state lives here so each step stays a short method."""

    def __init__(self, face: _Face, limit: float, stop: int) -> None:
        self.face = face
        self.limit = limit
        self.stop = stop  # lines after which nothing more is needed (max_lines + 1)
        self.lines: list[str] = []

    def run(self, text: str) -> list[str]:
        nbsp = "\u00a0" in text or "\u2007" in text or "\u202f" in text
        for paragraph in text.strip().splitlines():
            if nbsp:  # rare: keep no-break spaces inside lines, trim them at line ends
                first = len(self.lines)
                self._paragraph([w for w in _COLLAPSIBLE.split(paragraph) if w])
                self.lines[first:] = [line.strip() for line in self.lines[first:]]
            else:
                self._paragraph(paragraph.split())
            if len(self.lines) >= self.stop:
                break
        return self.lines

    def _paragraph(self, words: list[str]) -> None:
        """Fills lines by bisecting cumulative word widths: Python work per line, not per word.

        ``cum[k]`` is the width of ``words[:k]`` with one space after each word. A line opens
        at ``origin``, the cum value it would have if its ``head`` (the rest of a word split
        earlier, if any) were a whole word, so it ends before the first ``c`` with
        ``cum[c] - origin > limit + space``.
        """
        lines, stop, limit, space = self.lines, self.stop, self.limit, self.face.space
        cum = list(itertools.accumulate(map(self.face.spaced, words), initial=0))
        if cum[-1] <= limit + space:  # the whole paragraph fits: the most common case
            lines.append(" ".join(words))
            return
        head, origin, a, count = "", 0, 0, len(words)
        while len(lines) < stop:
            b = bisect_right(cum, origin + limit + space) - 1
            if b < a:  # an over-wide grapheme opened the line and nothing fits after it
                b = a
            if b == count:
                lines.append(" ".join([head, *words[a:]]) if head else " ".join(words[a:]))
                return
            if (b > a or head) and cum[b + 1] - cum[b] <= limit + space and not _hints(words[b]):
                lines.append(" ".join([head, *words[a:b]]) if head else " ".join(words[a:b]))
                head, origin, a = "", cum[b], b
                continue
            line = [head, *words[a:b]] if head else words[a:b]
            head, rest = self._overflow(line, cum[b] - origin - space, words[b])
            origin, a = cum[b + 1] - rest - space, b + 1

    def _overflow(self, line: list[str], width: float, word: str) -> tuple[str, int]:
        """Closes the current line, splitting ``word`` where allowed.

        Returns the rest of ``word``, which opens the next line, and its width.
        """
        prefix = self.face.prefix(word)
        start = 0
        if line:
            start = _proper_break(word, prefix, 0, self.limit - width - self.face.space)
            if start:
                line.append(word[:start])
            self.lines.append(" ".join(line))
        start = self._long_word(word, prefix, start)
        return word[start:], prefix[-1] - prefix[start]

    def _long_word(self, word: str, prefix: tuple[int, ...], start: int) -> int:
        """Emits whole lines of ``word`` while its remainder is wider than a line.

        In CJK text nearly every position is an opportunity, so the position where the line
        is full is tried first, inline, before the general search.
        """
        limit, walk = self.limit, _hints(word) is _WALK
        while prefix[-1] - prefix[start] > limit and len(self.lines) < self.stop:
            end = bisect_right(prefix, prefix[start] + limit) - 1
            if not (walk and start < end < len(word) and _can_break(word, end)):
                end = _proper_break(word, prefix, start, limit)
            if end == start:
                end = _forced_break(word, prefix, start, limit)
            if end == len(word):  # one over-wide grapheme left: it opens the next line
                break
            self.lines.append(word[start:end])
            start = end
        return start


def _ellipsize(line: str, face: _Face, limit: float) -> str:
    """Trims whole graphemes off ``line`` until it fits with the ellipsis appended."""
    widths = face.units(line)
    excess = sum(widths) + face.ellipsis - limit
    end = len(line)
    while end and (excess > 0 or (end < len(line) and not _cluster_boundary(line, end))):
        end -= 1
        excess -= widths[end]
    return line[:end].rstrip() + ELLIPSIS


@functools.lru_cache(maxsize=1024)
def _limit(max_width: float, size: float) -> float:
    """Largest width in table units that text_width reports as at most ``max_width``."""
    if math.isnan(max_width):
        raise ValueError("max_width must be a number")
    if math.isinf(max_width):
        return max_width
    units = math.floor(max_width * _EM / size)
    while units * size / _EM > max_width:
        units -= 1
    while (units + 1) * size / _EM <= max_width:
        units += 1
    return units


def wrap(
    text: str,
    max_width: float,
    size: float,
    *,
    bold: bool = False,
    max_lines: int | None = None,
) -> list[str]:
    """Greedy line breaking of ``text`` into lines at most ``max_width`` px wide.

    Whitespace runs collapse to one space (no-break spaces excepted); each newline forces a
    break, and a blank line in the middle of the text stays an empty line. Lines may break at
    spaces, after hyphens and slashes inside a word, after U+200B, and around East Asian
    Wide/Fullwidth characters, except where kinsoku forbids it. A word wider than the line is
    cut between graphemes. If more than ``max_lines`` lines are needed, the last kept line is
    trimmed to end with an ellipsis. Only a single grapheme wider than ``max_width`` can
    exceed it, and then it stands alone on its line.
    """
    if not size > 0:
        raise ValueError(f"size must be positive, got {size!r}")
    if max_lines is not None and max_lines < 1:
        raise ValueError(f"max_lines must be at least 1, got {max_lines!r}")
    face = _face(bold)
    limit = _limit(max_width, size)
    stop = sys.maxsize if max_lines is None else max_lines + 1
    lines = _Wrapper(face, limit, stop).run(text)
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = _ellipsize(lines[-1], face, limit)
    return lines
