"""Plain map data as clean, block-style YAML that journeymap's strict loader reads back as is.

A small emitter for the shapes map data has (mappings, sequences, strings, numbers,
booleans), written here because PyYAML's pure-Python emitter needs about 3 s for a 2 MiB
map, and its C emitter cannot indent sequences under their key as people write maps.

Quoting is decided by journeymap's own YAML 1.2 resolver, not by YAML 1.1 as PyYAML does:
a string is left plain only when it is printable, starts and ends with no indicator or
space, holds no `: ` or ` #`, and would not read back as a number, boolean or null. Other
one-line strings are double-quoted; multi-line ones are literal blocks when they can be,
else double-quoted with escapes. The caller still parses the result again and compares
(`importing.py`), so a quoting gap can never reach a file.
"""

from __future__ import annotations

import re
from typing import Any

from journeymap.source.strictyaml import STR, _resolve_scalar

_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_UNSAFE = re.compile(r": |:\Z| #")
_FLOW_SAFE = re.compile(r"[A-Za-z0-9_.-]+\Z")
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_ESCAPES |= {"\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P", "\ufeff": "\\uFEFF"}
_NOT_PRINTABLE = "[^\n -~\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
"""Outside YAML's printable set (tab and CR are printable there, but never left raw here)."""
_BREAKS = "[\r\t\x85\u2028\u2029\ufeff]"
"""Characters that libyaml reads as line breaks, or that a literal block cannot hold."""
_TO_ESCAPE = re.compile(f'["\\\\\n]|{_BREAKS}|{_NOT_PRINTABLE}')
_NOT_LITERAL = re.compile(f"{_BREAKS}|{_NOT_PRINTABLE}")


class FlowList(list[str]):
    """A short list of ids, written on one line: `addresses: [a, b]`."""


def to_yaml(data: dict[str, Any], header: str = "") -> str:
    """`header` (comment lines) first, then the data in the order its keys were built."""
    lines: list[str] = []
    _mapping(data, 0, lines)
    return header + "\n".join(lines) + "\n"


def _mapping(data: dict[str, Any], indent: int, lines: list[str]) -> None:
    pad = " " * indent
    for key, value in data.items():
        head = f"{pad}{_plain_or_quoted(str(key))}:"
        if isinstance(value, dict) and value:
            lines.append(head)
            _mapping(value, indent + 2, lines)
        elif isinstance(value, list) and value and not isinstance(value, FlowList):
            lines.append(head)
            _sequence(value, indent + 2, lines)
        else:
            _scalar_at(head + " ", value, indent + 2, lines)


def _sequence(items: list[Any], indent: int, lines: list[str]) -> None:
    pad = " " * indent
    for item in items:
        if isinstance(item, (dict, list)) and item and not isinstance(item, FlowList):
            start = len(lines)
            if isinstance(item, dict):
                _mapping(item, indent + 2, lines)
            else:
                _sequence(item, indent + 2, lines)
            lines[start] = f"{pad}- {lines[start][indent + 2 :]}"
        else:
            _scalar_at(f"{pad}- ", item, indent + 2, lines)


def _scalar_at(head: str, value: Any, indent: int, lines: list[str]) -> None:
    """`value` after `head` on one line; a literal block's text follows at `indent`."""
    if isinstance(value, str) and "\n" in value and not _NOT_LITERAL.search(value):
        body = value.split("\n")
        if body[0] and not body[0].startswith(" "):
            trailing = len(value) - len(value.rstrip("\n"))
            chomp = "-" if trailing == 0 else "" if trailing == 1 else "+"
            content = body[: len(body) - 1] if trailing else body
            lines.append(f"{head}|{chomp}")
            lines.extend(" " * indent + line if line else "" for line in content)
            return
    lines.append(head + _inline(value))


def _inline(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if value is None:
        return "null"
    if isinstance(value, FlowList):
        return "[" + ", ".join(_flow_item(item) for item in value) + "]"
    if isinstance(value, list):
        return "[" + ", ".join(_inline(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{}"  # only empty mappings come here
    return _plain_or_quoted(str(value))


def _flow_item(text: str) -> str:
    plain = _FLOW_SAFE.match(text) and _resolve_scalar(text, (True, False)) == STR
    return text if plain else _quoted(text)


def _plain_or_quoted(text: str) -> str:
    if (
        text
        and text.isprintable()
        and text[0] not in _INDICATORS
        and text[0] != " "
        and text[-1] != " "
        and not _UNSAFE.search(text)
        and _resolve_scalar(text, (True, False)) == STR
    ):
        return text
    return _quoted(text)


def _quoted(text: str) -> str:
    return '"' + _TO_ESCAPE.sub(_escape, text) + '"'


def _escape(found: re.Match[str]) -> str:
    char = found.group()
    known = _ESCAPES.get(char)
    if known is not None:
        return known
    code = ord(char)
    return f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}"
