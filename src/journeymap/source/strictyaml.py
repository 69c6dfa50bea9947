"""Strict, bounded YAML: libyaml parses, we resolve scalars as YAML 1.2 core and build plain data.

Why not `yaml.safe_load`: it follows YAML 1.1 (`NO` becomes false, `1:30` becomes 90, bare
dates become datetimes), accepts duplicate keys, tags and aliases, and libyaml both slows down
quadratically and overflows the C stack on deeply nested input. Here every refusal is a
located error, and nesting is bounded before libyaml sees anything dangerous.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from journeymap.diagnostics import Diagnostic, at
from journeymap.source.reading import ReadError


class _PureParser(
    yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer
):
    """The pure-Python stack: about 8x slower; `journeymap validate` warns when it is used."""

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)


def _parser_class() -> tuple[type[Any], bool]:
    try:
        from yaml._yaml import CParser
    except ImportError:  # pragma: no cover - exercised only without libyaml
        return _PureParser, False
    return CParser, True


_Parser, HAVE_LIBYAML = _parser_class()

MAX_DEPTH = 32
"""Real maps nest about 8 levels deep; anything past this is refused."""

# Cheap bounds under which libyaml is known to stay fast and shallow (see `_needs_depth_scan`).
# 2,048 nested flow collections cost libyaml about 30 ms and a few hundred KB of C stack;
# real maps write many small inline lists, so a lower bound would scan most of them twice.
_FLOW_OPENERS_FAST = 2048
_LINE_LENGTH_FAST = 1000

STR, INT, FLOAT, BOOL, NULL = "jm:str", "jm:int", "jm:float", "jm:bool", "jm:null"
SEQ, MAP = "jm:seq", "jm:map"
_SCALARS = frozenset((STR, INT, FLOAT, BOOL, NULL))
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|(?:0|[1-9][0-9]*)(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_NUMBER_START = frozenset("-+.0123456789")
_WORD_START = frozenset("tTfFnN~")
_FORBIDDEN_ESCAPED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff]")
_MAX_SAFE_INT = 2**53


class _Loader(_Parser):  # type: ignore[misc,valid-type]
    """libyaml's composer with YAML 1.2 core resolution into our own private tags.

    A node whose tag is not one of ours carried an explicit tag in the source.
    """

    def resolve(self, kind: type, value: str | None, implicit: tuple[bool, bool] | bool) -> str:
        if kind is yaml.ScalarNode:
            return _resolve_scalar(value or "", implicit)  # type: ignore[arg-type]
        return SEQ if kind is yaml.SequenceNode else MAP

    def descend_resolver(self, current_node: object, current_index: object) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


def _resolve_scalar(value: str, implicit: tuple[bool, bool]) -> str:
    if not implicit[0]:
        return STR
    if not value or value in _NULLS:
        return NULL
    first = value[0]
    if first in _NUMBER_START:
        if _INT.match(value):
            return INT
        if _FLOAT.match(value):
            return FLOAT
    elif first in _WORD_START:
        if value in _BOOLS:
            return BOOL
        if value in _NULLS:
            return NULL
    return STR


def parse(text: str, display: str) -> tuple[Any, yaml.Node]:
    """Text to plain data and the node tree (kept for locating diagnostics)."""
    if _needs_depth_scan(text):
        _scan_depth(text, display)
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise ReadError(_yaml_error(exc, display, text)) from None
    except yaml.YAMLError as exc:
        raise ReadError(at(display, 1, 1, "JM005", f"YAML error: {exc}")) from None
    finally:
        loader.dispose()
    if root is None:
        raise ReadError(at(display, 1, 1, "JM011", "the file is empty; a map is a YAML mapping"))
    builder = _Builder(display, text, track_aliases="*" in text)
    return builder.build(root, 0), root


def _needs_depth_scan(text: str) -> bool:
    """True unless cheap counts prove the nesting small enough for libyaml to be safe.

    Flow depth is at most the number of `[` and `{`. Block depth is at most twice the widest
    line (each level needs a new column, or an indentless sequence under a key). Inside both
    bounds, libyaml's cost stays linear and its recursive composer far from the C stack limit.
    """
    if text.count("[") + text.count("{") > _FLOW_OPENERS_FAST:
        return True
    return len(text) > _LINE_LENGTH_FAST and max(map(len, text.splitlines())) > _LINE_LENGTH_FAST


def _scan_depth(text: str, display: str) -> None:
    """Walk libyaml's events, stopping at the first level past MAX_DEPTH.

    Stopping early matters: libyaml's scanner is quadratic in flow depth, so it is never
    allowed to go deep.
    """
    depth = 0
    loader = _Loader(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise ReadError(_too_deep(display, event.start_mark))
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        raise ReadError(_yaml_error(exc, display, text)) from None
    finally:
        loader.dispose()


def _yaml_error(exc: yaml.MarkedYAMLError, display: str, text: str) -> Diagnostic:
    if "maximum nesting depth" in (exc.problem or ""):
        return _too_deep(display, _deep_flow_mark(text, exc.problem_mark))
    return _syntax_error(exc, display, text)


def _deep_flow_mark(text: str, fallback: Any) -> Any:
    """Where flow nesting first passes MAX_DEPTH, for when libyaml's own limit fired first.

    libyaml looks ahead for a possible simple key and so can refuse deep nesting before it
    emits the events `_scan_depth` counts. Quoted text and comments are skipped.
    """
    depth = line = col = 0
    quote = ""
    for char in text:
        col += 1
        if char == "\n":
            line, col, quote = line + 1, 0, ""
        elif quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "#":
            quote = "\n"
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return yaml.Mark("", 0, line, col - 1, "", 0)
        elif char in "]}":
            depth -= 1
    return fallback


def _too_deep(display: str, mark: Any) -> Diagnostic:
    return at(
        display,
        mark.line + 1,
        mark.column + 1,
        "JM006",
        f"nesting is deeper than {MAX_DEPTH} levels",
        hint="a journey map never needs this depth; flatten the structure",
    )


def _syntax_error(exc: yaml.MarkedYAMLError, display: str, text: str) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = exc.problem or "invalid YAML"
    if "expected a single document" in (exc.context or "") + problem:
        return at(
            display,
            line,
            col,
            "JM010",
            "the file holds more than one YAML document",
            hint="put each map in its own file and remove the `---` separator",
        )
    if _char_at(text, line, col) == "\t":
        return at(
            display,
            line,
            col,
            "JM016",
            "tab character used for indentation",
            hint="indent with spaces",
        )
    context = f"{exc.context}: " if exc.context else ""
    return at(display, line, col, "JM005", f"YAML syntax error: {context}{problem}")


def _char_at(text: str, line: int, col: int) -> str:
    lines = text.split("\n", line)
    row = lines[line - 1] if line <= len(lines) else ""
    return row[col - 1 : col]


class _Builder:
    """Builds plain Python data from the node tree, refusing what a map must not contain."""

    def __init__(self, display: str, text: str, *, track_aliases: bool) -> None:
        self.display = display
        self.text = text
        self.seen: set[int] | None = set() if track_aliases else None

    def fail(self, node: yaml.Node, code: str, message: str, hint: str | None = None) -> ReadError:
        mark = node.start_mark
        return ReadError(at(self.display, mark.line + 1, mark.column + 1, code, message, hint=hint))

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
            if getattr(node, "style", None) == '"':
                self._check_escapes(node)
            return node.value
        if tag in _SCALARS:
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
        if node.tag not in _SCALARS:
            if node.tag in (MAP, SEQ):
                raise self.fail(
                    node, "JM013", "a mapping key must be a plain name, not a collection"
                )
            raise self.fail(node, "JM009", f"explicit YAML tag {node.tag!r} is not allowed")
        if self.seen is not None:
            self._check_alias(node)
        if getattr(node, "style", None) == '"':
            self._check_escapes(node)
        return str(node.value)

    def build_plain(self, node: yaml.Node) -> Any:
        tag, value = node.tag, node.value
        if tag == NULL:
            return None
        if tag == BOOL:
            return _BOOLS[value]
        if tag == INT:
            if len(value) > 20 or abs(int(value)) > _MAX_SAFE_INT:
                raise self.fail(
                    node, "JM014", "integer is out of range", hint="quote it to keep it as text"
                )
            return int(value)
        number = float(value)
        if number in (float("inf"), float("-inf")):
            raise self.fail(
                node, "JM014", "number is out of range", hint="quote it to keep it as text"
            )
        return number

    def _check_escapes(self, node: yaml.Node) -> None:
        bad = _FORBIDDEN_ESCAPED.search(node.value)
        if bad:
            char = ord(bad.group())
            kind = "lone surrogate" if 0xD800 <= char <= 0xDFFF else "control character"
            raise self.fail(node, "JM004", f"escaped {kind} U+{char:04X} is not allowed")

    def _check_alias(self, node: yaml.Node) -> None:
        assert self.seen is not None
        if id(node) in self.seen:
            raise ReadError(self._alias_error(node))
        self.seen.add(id(node))

    def _alias_error(self, node: yaml.Node) -> Diagnostic:
        """Nodes do not remember where an alias stood; find it in the event stream."""
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        loader = _Loader(self.text)
        try:
            while loader.check_event():
                event = loader.get_event()
                if isinstance(event, yaml.AliasEvent) and event.start_mark is not None:
                    line, col = event.start_mark.line + 1, event.start_mark.column + 1
                    break
        except yaml.YAMLError:
            pass
        finally:
            loader.dispose()
        return at(
            self.display,
            line,
            col,
            "JM008",
            "YAML aliases (*name) are not allowed",
            hint="write the value out, or refer to it by id",
        )

    def _duplicate(self, mapping: yaml.Node, key_node: yaml.Node, key: str) -> ReadError:
        first = next(k for k, _ in mapping.value if str(k.value) == key)
        return self.fail(
            key_node,
            "JM007",
            f"duplicate key {key!r} (first defined on line {first.start_mark.line + 1})",
            hint="each key may appear once in a mapping",
        )
