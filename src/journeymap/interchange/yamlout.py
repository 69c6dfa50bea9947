"""Plain map data as clean, block-style YAML that journeymap's strict loader reads back as is.

PyYAML decides quoting by YAML 1.1, so it leaves `1e3` or `+5` plain; journeymap reads
YAML 1.2 core, where those are numbers. Every string our own resolver would not read as a
string is therefore double-quoted, whatever PyYAML thinks. The caller still parses the
result again and compares (`importing.py`), so a quoting gap can never reach a file.
"""

from __future__ import annotations

from typing import Any

import yaml

from journeymap.source.strictyaml import STR, _resolve_scalar

_WIDTH = 100
_OTHER_BREAKS = "\x85\u2028\u2029"


class _Dumper(yaml.SafeDumper):
    """Sequences indented under their key, as people write maps (and the examples are)."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


class FlowList(list[str]):
    """A short list of ids, written on one line: `addresses: [a, b]`."""


def _represent_flow(dumper: yaml.SafeDumper, value: FlowList) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style: str | None = None
    if any(c in value for c in _OTHER_BREAKS):
        style = '"'  # PyYAML folds these as line breaks unless it escapes them
    elif "\n" in value:
        style = "|"  # PyYAML falls back to quotes when a block cannot hold the text
    elif _resolve_scalar(value, (True, False)) != STR:
        style = '"'
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(FlowList, _represent_flow)


def to_yaml(data: dict[str, Any], header: str = "") -> str:
    """`header` (comment lines) first, then the data in the order its keys were built."""
    body = yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=_WIDTH,
    )
    return header + body
