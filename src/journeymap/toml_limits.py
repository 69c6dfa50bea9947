"""Bounds on journeymap.toml that tomllib does not keep: nesting depth and finite numbers.

tomllib parses nested arrays and inline tables recursively, so a few hundred levels raise
RecursionError (an internal error, not a located problem), and it reads `nan` and `inf` as
floats, which pass every `minimum`/`maximum` of the schema because NaN compares false.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

MAX_DEPTH = 32
"""The same bound as for maps (JM006): no journeymap.toml needs more than a few levels."""

_OPEN, _CLOSE = "[{", "]}"
_QUOTES = ('"""', "'''", '"', "'")


def too_deep(text: str) -> tuple[int, int] | None:
    """Line and column of the first bracket past MAX_DEPTH, outside strings and comments.

    A linear scan that runs before tomllib, so the parser never recurses that deep.
    """
    depth, line, start, i = 0, 1, 0, 0
    while i < len(text):
        char = text[i]
        if char == "\n":
            line, start = line + 1, i + 1
        elif char == "#":
            end = text.find("\n", i)
            i = len(text) if end < 0 else end
            continue
        elif char in "\"'":
            quote = next(q for q in _QUOTES if text.startswith(q, i))
            end = _string_end(text, i + len(quote), quote)
            line += text.count("\n", i, end)
            start = max(start, text.rfind("\n", i, end) + 1)
            i = end
            continue
        elif char in _OPEN:
            depth += 1
            if depth > MAX_DEPTH:
                return line, i - start + 1
        elif char in _CLOSE:
            depth = max(0, depth - 1)
        i += 1
    return None


def _string_end(text: str, i: int, quote: str) -> int:
    """Index just past the closing quote (or the end of the text, or of a one-line string's
    line: tomllib reports the unterminated string itself)."""
    escapes = quote[0] == '"'
    while i < len(text):
        if escapes and text[i] == "\\":
            i += 2
            continue
        if text.startswith(quote, i):
            return i + len(quote)
        if len(quote) == 1 and text[i] == "\n":
            return i
        i += 1
    return len(text)


def non_finite(data: Any, at: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    """Pointers to every NaN or infinity in parsed TOML (depth is already bounded)."""
    if isinstance(data, float) and not math.isfinite(data):
        yield at
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from non_finite(value, (*at, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from non_finite(value, (*at, index))
