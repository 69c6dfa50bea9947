"""Strict, bounded YAML: libyaml parses, we resolve scalars as YAML 1.2 core and build plain data.

Why not `yaml.safe_load`: it follows YAML 1.1 (`NO` becomes false, `1:30` becomes 90, bare
dates become datetimes), accepts duplicate keys, tags and aliases, and libyaml both slows down
quadratically and overflows the C stack on deeply nested input. Here every refusal is a
located error, and nesting is bounded before libyaml sees anything dangerous.
"""

from __future__ import annotations

from typing import Any

import yaml

from journeymap.diagnostics import Diagnostic, at
from journeymap.source.builder import Builder
from journeymap.source.lines import Lines
from journeymap.source.reading import ReadError
from journeymap.source.scalars import MAP, SEQ, resolve_scalar
from journeymap.source.scalars import MAX_DEPTH as MAX_DEPTH
from journeymap.source.scalars import STR as STR
from journeymap.source.syntax_hints import explain

_resolve_scalar = resolve_scalar
"""The name journeymap.interchange.yamlout imports."""


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

# Cheap bounds under which libyaml is known to stay fast and shallow (see `_needs_depth_scan`).
# 2,048 nested flow collections cost libyaml about 30 ms and a few hundred KB of C stack;
# real maps write many small inline lists, so a lower bound would scan most of them twice.
_FLOW_OPENERS_FAST = 2048
_LINE_LENGTH_FAST = 1000


class _Loader(_Parser):  # type: ignore[misc,valid-type]
    """libyaml's composer with YAML 1.2 core resolution into our own private tags.

    A node whose tag is not one of ours carried an explicit tag in the source.
    """

    def resolve(self, kind: type, value: str | None, implicit: tuple[bool, bool] | bool) -> str:
        if kind is yaml.ScalarNode:
            return resolve_scalar(value or "", implicit)  # type: ignore[arg-type]
        return SEQ if kind is yaml.SequenceNode else MAP

    def descend_resolver(self, current_node: object, current_index: object) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


def parse(text: str, display: str) -> tuple[Any, yaml.Node, list[Diagnostic]]:
    """Text to plain data, the node tree (kept for locating diagnostics) and every number
    out of range (JM014), which does not stop reading, so all of them are reported.

    Positions come from each mark's character index (journeymap.source.lines), never from
    libyaml's own line count.
    """
    lines = Lines(text)
    seen, stand_ins = _without_separators(text)
    if _needs_depth_scan(seen):
        _scan_depth(seen, display, lines)
    loader = _Loader(seen)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise ReadError(_yaml_error(exc, display, lines)) from None
    except yaml.YAMLError as exc:
        raise ReadError(at(display, 1, 1, "JM005", f"YAML error: {exc}")) from None
    finally:
        loader.dispose()
    if root is None:
        raise ReadError(at(display, 1, 1, "JM011", "the file is empty; a map is a YAML mapping"))
    builder = Builder(display, lines, stand_ins, track_aliases="*" in text)
    try:
        return builder.build(root, 0), root, builder.out_of_range
    except Builder.AliasFound:
        raise ReadError(_alias_error(seen, display, lines)) from None


def _without_separators(text: str) -> tuple[str, dict[int, str] | None]:
    """The text libyaml parses: U+2028 and U+2029 swapped for two non-characters.

    In YAML 1.2 (and for editors) the separators are ordinary characters; libyaml follows
    YAML 1.1 and ends a line there, so a separator inside plain or block text was a syntax
    error, or a different document. Non-characters are meant for a program's internal use:
    two that the text does not hold stand in, one character each, so every index stays
    right, and the builder puts the separators back.
    """
    if "\u2028" not in text and "\u2029" not in text:
        return text, None
    free = [chr(c) for c in range(0xFDD0, 0xFDF0) if chr(c) not in text][:2]
    if len(free) < 2:  # pragma: no cover - a text holding 31 of the 32 non-characters
        return text, None
    seen = text.translate({0x2028: free[0], 0x2029: free[1]})
    return seen, {ord(free[0]): "\u2028", ord(free[1]): "\u2029"}


def _needs_depth_scan(text: str) -> bool:
    """True unless cheap counts prove the nesting small enough for libyaml to be safe.

    Flow depth is at most the number of `[` and `{`. Block depth is at most twice the widest
    line (each level needs a new column, or an indentless sequence under a key). Inside both
    bounds, libyaml's cost stays linear and its recursive composer far from the C stack limit.
    """
    if text.count("[") + text.count("{") > _FLOW_OPENERS_FAST:
        return True
    # str.splitlines also splits at U+2028/U+2029, but `parse` has swapped those out by now,
    # and decode() refuses the other characters it splits at; it is the fastest split.
    return len(text) > _LINE_LENGTH_FAST and max(map(len, text.splitlines())) > _LINE_LENGTH_FAST


def _scan_depth(text: str, display: str, lines: Lines) -> None:
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
                    index = event.start_mark.index if event.start_mark else 0
                    raise ReadError(_too_deep(display, lines, index))
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        raise ReadError(_yaml_error(exc, display, lines)) from None
    finally:
        loader.dispose()


def _yaml_error(exc: yaml.MarkedYAMLError, display: str, lines: Lines) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    index = mark.index if mark else 0
    if "maximum nesting depth" in (exc.problem or ""):
        return _too_deep(display, lines, _deep_flow_index(lines.text, index))
    return _syntax_error(exc, display, lines, index)


def _deep_flow_index(text: str, fallback: int) -> int:
    """Where flow nesting first passes MAX_DEPTH, for when libyaml's own limit fired first.

    libyaml looks ahead for a possible simple key and so can refuse deep nesting before it
    emits the events `_scan_depth` counts. Quoted text and comments are skipped.
    """
    depth = 0
    quote = ""
    for index, char in enumerate(text):
        if char in "\r\n":
            quote = ""
        elif quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "#":
            quote = "\n"
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return index
        elif char in "]}":
            depth -= 1
    return fallback


def _too_deep(display: str, lines: Lines, index: int) -> Diagnostic:
    return at(
        display,
        *lines.position(index),
        "JM006",
        f"nesting is deeper than {MAX_DEPTH} levels",
        hint="a journey map never needs this depth; flatten the structure",
    )


def _syntax_error(exc: yaml.MarkedYAMLError, display: str, lines: Lines, index: int) -> Diagnostic:
    line, col = lines.position(index) if exc.problem_mark or exc.context_mark else (1, 1)
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
    if lines.text[index : index + 1] == "\t":
        return at(
            display,
            line,
            col,
            "JM016",
            "tab character used for indentation",
            hint="indent with spaces",
        )
    explained = explain(exc, lines.text)
    if explained is not None:
        line, col = lines.position(explained.index)
        message = f"YAML syntax error: {explained.message}"
        return at(display, line, col, "JM005", message, hint=explained.hint)
    context = f"{exc.context}: " if exc.context else ""
    return at(display, line, col, "JM005", f"YAML syntax error: {context}{problem}")


def _alias_error(text: str, display: str, lines: Lines) -> Diagnostic:
    """Nodes do not remember where an alias stood; find it in the event stream."""
    index = 0
    loader = _Loader(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.AliasEvent) and event.start_mark is not None:
                index = event.start_mark.index
                break
    except yaml.YAMLError:
        pass
    finally:
        loader.dispose()
    return at(
        display,
        *lines.position(index),
        "JM008",
        "YAML aliases (*name) are not allowed",
        hint="write the value out, or refer to it by id",
    )
