"""Safe fixes: what the did-you-mean hints already know, applied as edits of single tokens.

Shared by `journeymap validate --fix` and the language server's code actions, so both fix
the same problems the same way. A fix replaces exactly the characters of one misspelled key
or id (found through the loader's node marks), so comments, quotes, layout and every other
line stay byte for byte as they were.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import yaml

from journeymap.diagnostics import Diagnostic
from journeymap.source import Source

FIXABLE = frozenset({"JM102", "JM104", "JM301", "JM308", "JM310", "JM320", "JM321"})
"""Codes whose hint names the one right value: unknown keys, enum values, step, channel,
pain point and link ids."""

_SUGGESTION = re.compile(r"did you mean '([^'\\]+)'\?")
_PLAIN = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")
_BREAK = re.compile(r"\r\n?|\n")


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace text[start:end] (character offsets) with `text`."""

    start: int
    end: int
    text: str
    old: str
    diagnostic: Diagnostic

    @property
    def title(self) -> str:
        return f"Change {self.old!r} to {self.text!r}"


def suggestion(diagnostic: Diagnostic) -> str | None:
    """The value a fixable diagnostic's hint proposes, when it is a plain word."""
    if diagnostic.code not in FIXABLE or not diagnostic.hint:
        return None
    match = _SUGGESTION.fullmatch(diagnostic.hint)
    if match is None or not _PLAIN.match(match.group(1)):
        return None
    return match.group(1)


def safe_fixes(source: Source, diagnostics: Iterable[Diagnostic]) -> list[Edit]:
    """One edit per fixable diagnostic of `source`, none overlapping, in text order."""
    starts = [0, *(m.end() for m in _BREAK.finditer(source.text))]
    nodes: dict[int, list[yaml.Node]] | None = None
    edits: dict[int, Edit] = {}
    for diagnostic in diagnostics:
        new = suggestion(diagnostic)
        if new is None or diagnostic.path != source.display or diagnostic.line < 1:
            continue
        nodes = nodes if nodes is not None else _by_start(source.root)
        offset = starts[min(diagnostic.line, len(starts)) - 1] + diagnostic.col - 1
        scalar = _target(nodes.get(offset, []))
        if scalar is not None and str(scalar.value) != new:
            start, end = _inner(scalar)
            edits.setdefault(start, Edit(start, end, new, str(scalar.value), diagnostic))
    return sorted(edits.values(), key=lambda e: e.start)


def apply(text: str, edits: Iterable[Edit]) -> str:
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.text + text[edit.end :]
    return text


def _target(candidates: list[yaml.Node]) -> yaml.ScalarNode | None:
    """The token a diagnostic points at: a scalar, or the `to` of a `{to: ...}` edge."""
    for node in candidates:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if getattr(key, "value", None) == "to" and isinstance(value, yaml.ScalarNode):
                    return value
    return next((n for n in candidates if isinstance(n, yaml.ScalarNode)), None)


def _inner(node: yaml.ScalarNode) -> tuple[int, int]:
    start, end = int(node.start_mark.index), int(node.end_mark.index)
    return (start + 1, end - 1) if node.style in ("'", '"') else (start, end)


def _by_start(root: yaml.Node) -> dict[int, list[yaml.Node]]:
    found: dict[int, list[yaml.Node]] = {}
    pending = [root]
    while pending:
        node = pending.pop()
        found.setdefault(int(node.start_mark.index), []).append(node)
        if isinstance(node, yaml.MappingNode):
            pending.extend(n for pair in node.value for n in pair)
        elif isinstance(node, yaml.SequenceNode):
            pending.extend(node.value)
    return found
