"""Plain data from libyaml's node tree, refusing what a map must not contain, with positions."""

from __future__ import annotations

import re
from typing import Any

import yaml

from journeymap.diagnostics import Diagnostic, at
from journeymap.source.lines import Lines
from journeymap.source.reading import ReadError, character_name
from journeymap.source.scalars import (
    BOOL,
    BOOLS,
    INT,
    MAP,
    MAX_DEPTH,
    MAX_SAFE_INT,
    NULL,
    SCALARS,
    SEQ,
    STR,
)

# The characters decode() refuses raw, and lone surrogates, which only an escape can write.
_FORBIDDEN_ESCAPED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.DOTALL)
_SHORT_ESCAPES = {"0": "\x00", "a": "\x07", "b": "\x08", "e": "\x1b", "v": "\x0b", "f": "\x0c"}
_SHORT_ESCAPES["N"] = "\x85"


class Builder:
    """Builds plain Python data from the node tree; each refusal is a located ReadError."""

    class AliasFound(Exception):
        """A node seen twice: the parser finds where the alias stood."""

    def __init__(
        self, display: str, lines: Lines, stand_ins: dict[int, str] | None, *, track_aliases: bool
    ) -> None:
        self.display = display
        self.lines = lines
        self.stand_ins = stand_ins
        self.seen: set[int] | None = set() if track_aliases else None
        self.out_of_range: list[Diagnostic] = []
        """Every number out of range (JM014): reading goes on, so each one is reported."""

    def fail(
        self, node: yaml.Node, code: str, message: str, hint: str | None = None, *, index: int = -1
    ) -> ReadError:
        line, col = self.lines.position(node.start_mark.index if index < 0 else index)
        return ReadError(at(self.display, line, col, code, message, hint=hint))

    def build(self, node: yaml.Node, depth: int) -> Any:
        if self.seen is not None:
            self._check_alias(node)
        tag = node.tag
        if tag == MAP:
            return self.build_map(node, depth + 1)
        if tag == SEQ:
            if depth >= MAX_DEPTH:
                raise self.fail(node, "JM006", f"nesting is deeper than {MAX_DEPTH} levels")
            return [self.build(item, depth + 1) for item in node.value]
        if tag == STR:
            return self.text(node)
        if tag in SCALARS:
            return self.build_plain(node)
        raise self.fail(
            node, "JM009", f"explicit YAML tag {node.tag!r} is not allowed", hint="remove the tag"
        )

    def build_map(self, node: yaml.Node, depth: int) -> dict[str, Any]:
        if depth > MAX_DEPTH:
            raise self.fail(node, "JM006", f"nesting is deeper than {MAX_DEPTH} levels")
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = self.build_key(key_node)
            if key in out:
                raise self._duplicate(node, key_node, key)
            out[key] = self.build(value_node, depth)
        return out

    def build_key(self, node: yaml.Node) -> str:
        """Keys are names: plain keys stay text as written (`on`, `1`, `null` included)."""
        if node.tag not in SCALARS:
            if node.tag in (MAP, SEQ):
                raise self.fail(
                    node, "JM013", "a mapping key must be a plain name, not a collection"
                )
            raise self.fail(node, "JM009", f"explicit YAML tag {node.tag!r} is not allowed")
        if self.seen is not None:
            self._check_alias(node)
        return self.text(node)

    def text(self, node: yaml.Node) -> str:
        """A scalar as text: escapes checked, the line separators put back."""
        value = str(node.value)
        if getattr(node, "style", None) == '"':
            self._check_escapes(node, value)
        return value.translate(self.stand_ins) if self.stand_ins else value

    def build_plain(self, node: yaml.Node) -> Any:
        tag, value = node.tag, node.value
        if tag == NULL:
            return None
        if tag == BOOL:
            return BOOLS[value]
        if tag == INT:
            if len(value) > 20 or abs(int(value)) > MAX_SAFE_INT:
                return self._out_of_range(node, "integer")
            return int(value)
        number = float(value)
        if number in (float("inf"), float("-inf")):
            return self._out_of_range(node, "number")
        return number

    def _out_of_range(self, node: yaml.Node, what: str) -> str:
        """Note the problem and keep the text as written, so the next one is found too."""
        problem = self.fail(node, "JM014", f"{what} is out of range", "quote it to keep it as text")
        self.out_of_range.append(problem.diagnostic)
        return str(node.value)

    def _check_escapes(self, node: yaml.Node, value: str) -> None:
        bad = _FORBIDDEN_ESCAPED.search(value)
        if bad:
            index = _escape_index(self.lines.text, node, bad.group())
            message = f"escaped {character_name(bad.group())} is not allowed"
            raise self.fail(node, "JM004", message, hint="write the text without it", index=index)

    def _check_alias(self, node: yaml.Node) -> None:
        assert self.seen is not None
        if id(node) in self.seen:
            raise Builder.AliasFound
        self.seen.add(id(node))

    def _duplicate(self, mapping: yaml.Node, key_node: yaml.Node, key: str) -> ReadError:
        first = next(k for k, _ in mapping.value if self.text(k) == key)
        line = self.lines.position(first.start_mark.index)[0]
        return self.fail(
            key_node,
            "JM007",
            f"duplicate key {key!r} (first defined on line {line})",
            hint="each key may appear once in a mapping",
        )


def _escape_index(text: str, node: yaml.Node, char: str) -> int:
    """Where the escape that wrote `char` stands in a double-quoted scalar (else its start)."""
    start = node.start_mark.index
    for match in _ESCAPE.finditer(text, start, node.end_mark.index):
        code = match.group(1)
        written = chr(int(code[1:], 16)) if len(code) > 1 else _SHORT_ESCAPES.get(code)
        if written == char:
            return match.start()
    return start
