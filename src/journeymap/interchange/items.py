"""How one CSV cell holds several items, and one item its details.

A list cell holds one item per line. A line break inside an item is written `\\n`, and a
backslash `\\\\`. An item with details ends in a bracketed group:

    Zone boundaries differ between table and map [id: zones-unclear; severity: 4; owner: Pricing]

The group is always the last ` [` of the line; inside it `;`, `[`, `]` and `\\` are escaped
with a backslash, so a value can hold any text. A text that itself ends in `]` always gets a
group (`[]` when it has no details), so it is never mistaken for one. Spaces after the group
are ignored: hand-edited cells often have them.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

_ESCAPE = re.compile(r"\\(.)", re.S)
_FIELD = re.compile(r"(?:\\.|[^\\;])*", re.S)
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?\Z")
_MAX_SAFE_INT = 2**53
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")
END = "(end)"
"""The `next` cell of a step that explicitly ends the journey (`next: []`)."""

Fields = dict[str, str]


class ItemError(ValueError):
    """A cell or an item that cannot be read; the message is shown to the user."""


def escape_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\n", "\\n")


def escape_value(text: str) -> str:
    escaped = escape_text(text)
    return escaped.replace(";", "\\;").replace("[", "\\[").replace("]", "\\]")


def unescape(text: str) -> str:
    """Undo `escape_value` (and so `escape_text`); an unknown escape stays as written."""
    return _ESCAPE.sub(_unescaped, text)


def _unescaped(match: re.Match[str]) -> str:
    char = match.group(1)
    if char == "n":
        return "\n"
    return char if char in "\\;[]" else match.group(0)


def item(text: str, fields: list[tuple[str, str | None]]) -> str:
    """One line: the escaped text, then the details that have a value."""
    present = [(key, value) for key, value in fields if value is not None]
    head = escape_text(text)
    if not present and not head.rstrip().endswith("]"):
        return head
    group = "; ".join(f"{key}: {escape_value(value)}" for key, value in present)
    return f"{head} [{group}]"


def lines(cell: str) -> list[str]:
    """The items of a list cell; blank lines are skipped."""
    return [line for line in cell.split("\n") if line.strip()]


def parse_item(line: str, allowed: tuple[str, ...]) -> tuple[str, Fields]:
    """The text and the details of one item line; keys outside `allowed` are refused."""
    fields: Fields = {}
    trimmed = line.rstrip()  # spaces after the group are an editing slip, not text
    if trimmed.endswith("]"):
        start = trimmed.rfind(" [")
        if start < 0 and trimmed.startswith("["):
            raise ItemError(f"{line[:60]!r} has details but no text before them")
        if start >= 0:
            fields = _fields(trimmed[start + 2 : -1], allowed)
            line = trimmed[:start]
    return unescape(line), fields


def _fields(group: str, allowed: tuple[str, ...]) -> Fields:
    found: Fields = {}
    for part in _split(group):
        if not part.strip():
            continue
        key, colon, value = part.partition(":")
        key = key.strip()
        if not colon:
            raise ItemError(f"{part.strip()[:60]!r} should be `key: value`")
        if key not in allowed:
            raise ItemError(f"unknown detail {key[:60]!r} (known: {', '.join(allowed)})")
        if key in found:
            raise ItemError(f"{key!r} is given twice")
        found[key] = unescape(value[1:] if value.startswith(" ") else value)
    return found


def _split(group: str) -> list[str]:
    """`group` cut at every unescaped `;` (one regex pass, no backtracking)."""
    parts: list[str] = []
    position = 0
    while True:
        match = _FIELD.match(group, position)
        assert match is not None  # the pattern matches the empty string
        parts.append(match.group())
        position = match.end()
        if position >= len(group):
            return parts
        if group[position] == ";":
            position += 1
            continue
        parts[-1] += group[position:]  # a lone backslash at the very end stays as written
        return parts


def show_number(value: float) -> str:
    return str(value)


def read_number(text: str) -> int | float:
    """A number as written in a cell: a JSON-style integer or decimal, finite, in range."""
    text = text.strip()
    if not _NUMBER.match(text):
        raise ItemError(f"{text[:60]!r} is not a number")
    if "." in text or "e" in text or "E" in text:
        value = float(text)
        if not math.isfinite(value):
            raise ItemError(f"{text[:60]!r} is too large")
        return value
    number = int(text)
    if abs(number) > _MAX_SAFE_INT:
        raise ItemError(f"{text[:60]!r} is out of range")
    return number


def read_int(text: str, low: int, high: int) -> int:
    """A whole number in range; `+1` too, as people write a positive score."""
    stripped = text.strip()
    unsigned = stripped[1:] if stripped.startswith("+") and stripped[1:2].isdigit() else stripped
    value = read_number(unsigned)
    if not isinstance(value, int) or not low <= value <= high:
        raise ItemError(f"{text.strip()[:60]!r} is not a whole number from {low} to {high}")
    return value


def show_text(value: str, *reserved: str) -> str:
    """Text that would read back otherwise (a number, one of `reserved`, text with spaces
    around it, which a hand-edited cell loses easily) goes in JSON quotes."""
    if _NUMBER.match(value) or value[:1] == '"' or value in reserved or value != value.strip():
        return json.dumps(value, ensure_ascii=False)
    return value


def read_text(text: str) -> str:
    """The inverse of `show_text` for a value that may only be text."""
    if text.startswith('"'):
        try:
            value = json.loads(text)
        except ValueError:
            raise ItemError(f"{text[:60]!r} starts with a quote but is not a quoted text") from None
        if not isinstance(value, str) or _CONTROL.search(value):
            raise ItemError(f"{text[:60]!r} is not a quoted text without control characters")
        return value
    return text


MAX_JSON_DEPTH = 16
"""Deeper JSON than any map field needs (a map nests at most 32 levels in all)."""


def read_json(text: str) -> Any:
    """A JSON value (a Mermaid note, a `where` cell), refused past MAX_JSON_DEPTH levels
    so no later stage walks a hostile depth; ValueError says why."""
    try:
        value = json.loads(text)
    except RecursionError:
        raise ValueError(f"nested deeper than {MAX_JSON_DEPTH} levels") from None
    level, pending = 0, [value]
    while pending:
        level += 1
        if level > MAX_JSON_DEPTH:
            raise ValueError(f"nested deeper than {MAX_JSON_DEPTH} levels")
        pending = [
            item
            for node in pending
            if isinstance(node, dict | list)
            for item in (node.values() if isinstance(node, dict) else node)
        ]
    return value


def read_number_or_text(text: str) -> int | float | str:
    if _NUMBER.match(text.strip()):
        return read_number(text)
    return read_text(text)
