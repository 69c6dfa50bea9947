"""Finding the line and column of a JSON-pointer-like path in the YAML node tree.

The table is never built up front: most files have no diagnostics, so positions are looked
up only when one is reported.
"""

from __future__ import annotations

from collections.abc import Sequence

import yaml

Pointer = Sequence[str | int]


def locate(root: yaml.Node, pointer: Pointer, *, key: bool = False) -> int:
    """Character index of the node at `pointer`, or of its deepest existing ancestor."""
    node = root
    key_node: yaml.Node | None = None
    for part in pointer:
        child = _child(node, part)
        if child is None:
            break
        key_node, node = child
    target = key_node if key and key_node is not None else node
    return int(target.start_mark.index)


def _child(node: yaml.Node, part: str | int) -> tuple[yaml.Node | None, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if str(key_node.value) == str(part):
                return key_node, value_node
        return None
    if (
        isinstance(node, yaml.SequenceNode)
        and isinstance(part, int)
        and 0 <= part < len(node.value)
    ):
        return None, node.value[part]
    return None
