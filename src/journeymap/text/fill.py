"""Greedy line filling: text into lines no wider than a column, for SVG, which never wraps.

Reading order: ``wrap`` sets the limit, ``_Wrapper`` fills paragraphs word by word (bisecting
cumulative widths), splits a word that does not fit at its last break opportunity
(``journeymap.text.breaking``) and ellipsizes past ``max_lines``.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
import sys
from bisect import bisect_right

from journeymap.text.breaking import (
    WALK,
    break_hints,
    can_break,
    cluster_boundary,
    forced_break,
    proper_break,
)
from journeymap.text.measure import ELLIPSIS, EM, Face, face_for

# Whitespace that collapses and allows a break: everything str.isspace() accepts except the
# no-break spaces, which authors type precisely to keep two words together.
_COLLAPSIBLE = re.compile(r"[^\S\u00a0\u2007\u202f]+")


class _Wrapper:
    """Greedy filling of one text; the state lives here so each step stays a short method."""

    def __init__(self, face: Face, limit: float, stop: int) -> None:
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
            if (
                (b > a or head)
                and cum[b + 1] - cum[b] <= limit + space
                and not break_hints(words[b])
            ):
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
            start = proper_break(word, prefix, 0, self.limit - width - self.face.space)
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
        limit, walk = self.limit, break_hints(word) is WALK
        while prefix[-1] - prefix[start] > limit and len(self.lines) < self.stop:
            end = bisect_right(prefix, prefix[start] + limit) - 1
            if not (walk and start < end < len(word) and can_break(word, end)):
                end = proper_break(word, prefix, start, limit)
            if end == start:
                end = forced_break(word, prefix, start, limit)
            if end == len(word):  # one over-wide grapheme left: it opens the next line
                break
            self.lines.append(word[start:end])
            start = end
        return start


def _ellipsize(line: str, face: Face, limit: float) -> str:
    """Trims whole graphemes off ``line`` until it fits with the ellipsis appended."""
    widths = face.units(line)
    excess = sum(widths) + face.ellipsis - limit
    end = len(line)
    while end and (excess > 0 or (end < len(line) and not cluster_boundary(line, end))):
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
    units = math.floor(max_width * EM / size)
    while units * size / EM > max_width:
        units -= 1
    while (units + 1) * size / EM <= max_width:
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
    face = face_for(bold)
    limit = _limit(max_width, size)
    stop = sys.maxsize if max_lines is None else max_lines + 1
    lines = _Wrapper(face, limit, stop).run(text)
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = _ellipsize(lines[-1], face, limit)
    return lines
