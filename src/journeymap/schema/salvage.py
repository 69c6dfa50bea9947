"""What can still be checked in a map that fails the schema.

One wrong value (an emotion of -3, an unknown property) used to hide every other problem of
the map: a duplicate step id, every lint finding. Here the elements the schema refuses are
cut out, from the data and from the node tree alike (so every position stays exact), until
the rest is valid; the rest is then linted. Findings that the cut itself could cause (a
`next` that names a cut step, a step whose touchpoints were cut) are not reported.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

import yaml

from journeymap.diagnostics import Diagnostic
from journeymap.schema import is_valid
from journeymap.source import Source

MAX_ROUNDS = 8
REFERENCE_RULES = frozenset({"JM301", "JM302", "JM303", "JM310", "JM320", "JM321", "JM325"})
"""Rules about what ids name: a cut element may be what they name."""
MAP_RULES = frozenset({"JM317", "JM322", "JM323", "JM324"})
"""Rules about the map as a whole: a cut top-level property may be what they miss."""

Pointer = tuple[str | int, ...]


@dataclass(frozen=True)
class Salvaged:
    source: Source
    cut: list[Pointer]
    around: list[tuple[tuple[int, int], tuple[int, int]]]
    """Where each cut element's parent mapping or list starts and ends (line, column)."""

    def keeps(self, diagnostic: Diagnostic) -> bool:
        """Whether a finding on the salvaged map stands whatever the cut parts held."""
        if diagnostic.code in REFERENCE_RULES:
            return False
        if diagnostic.code in MAP_RULES and any(len(p) == 1 for p in self.cut):
            return False
        place = (diagnostic.line, diagnostic.col)
        return not any(start <= place <= end for start, end in self.around)


def salvage(source: Source) -> Salvaged | None:
    """`source` without the elements the schema refuses, or None when that would leave no
    map (a required top-level property is wrong or missing) or when the map has so many
    schema problems (the report's limit) that what is left would say little."""
    from journeymap.schema.report import MAX_PROBLEMS, problems

    found = problems(source.data)
    if len(found) >= MAX_PROBLEMS:
        return None
    data, root = copy.deepcopy(source.data), copy.deepcopy(source.root)
    salvaged = Salvaged(Source(source.path, source.display, source.text, data, root), [], [])
    pending = {tuple(p.pointer) for p in found}
    for _ in range(MAX_ROUNDS):
        if not pending or () in pending:
            return None
        before = len(salvaged.cut)
        for pointer in sorted(pending, key=_children_and_later_items_first):
            parent = _remove(data, root, pointer)
            if parent is not None:
                salvaged.cut.append(pointer)
                if len(pointer) > 1:
                    salvaged.around.append(_span(source, parent))
        if len(salvaged.cut) == before:
            return None
        if is_valid(data):
            return salvaged
        pending = {tuple(p.pointer) for p in problems(data)}
    return None


def _children_and_later_items_first(pointer: Pointer) -> tuple[tuple[int, Any], ...]:
    """Removing in this order keeps every pending pointer valid: a child goes before its
    parent, a later item of a list before an earlier one."""
    key = tuple((0, -part) if isinstance(part, int) else (1, part) for part in pointer)
    return (*key, (2, 0))


def _remove(data: Any, root: yaml.Node, pointer: Pointer) -> yaml.Node | None:
    """Cut the element at `pointer`. Returns the mapping it belonged to (for an item of a
    list, the mapping that holds the list), or None when there is no such element."""
    parent, nodes = data, [root]
    for part in pointer[:-1]:
        child = _child(parent, nodes[-1], part)
        if child is None:
            return None
        parent = child[0]
        nodes.append(child[1])
    last, node = pointer[-1], nodes[-1]
    if isinstance(parent, dict) and last in parent and isinstance(node, yaml.MappingNode):
        del parent[last]
        node.value = [(k, v) for k, v in node.value if str(k.value) != str(last)]
        return node
    if isinstance(parent, list) and isinstance(last, int) and 0 <= last < len(parent):
        del parent[last]
        del node.value[last]
        return nodes[-2] if len(nodes) > 2 else node
    return None


def _child(data: Any, node: yaml.Node, part: str | int) -> tuple[Any, yaml.Node] | None:
    if isinstance(data, dict) and isinstance(node, yaml.MappingNode) and part in data:
        for key_node, value_node in node.value:
            if str(key_node.value) == str(part):
                return data[part], value_node
        return None
    listed = isinstance(data, list) and isinstance(node, yaml.SequenceNode)
    if listed and isinstance(part, int) and 0 <= part < min(len(data), len(node.value)):
        return data[part], node.value[part]
    return None


def _span(source: Source, node: yaml.Node) -> tuple[tuple[int, int], tuple[int, int]]:
    start = source.lines.position(node.start_mark.index)
    return start, source.lines.position(node.end_mark.index)
