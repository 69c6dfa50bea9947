"""What the JSON Schema says about a key: its description (hover) and its allowed values
(completion), gathered once from the schema the pipeline checks against."""

from __future__ import annotations

import functools
from typing import Any

from journeymap.schema import schema


@functools.cache
def descriptions() -> dict[str, str]:
    """Property name -> the first description the schema gives it (or its definition)."""
    found: dict[str, str] = {}
    definitions = schema()["$defs"]
    for owner in (schema(), *definitions.values()):
        for name, spec in _properties(owner).items():
            text = spec.get("description") or _referenced(spec, definitions).get("description")
            if text and name not in found:
                found[name] = str(text)
    return found


@functools.cache
def values() -> dict[str, tuple[str, ...]]:
    """Property name -> the enum values the schema allows for it (or its list items)."""
    found: dict[str, set[str]] = {}
    definitions = schema()["$defs"]
    for owner in (schema(), *definitions.values()):
        for name, spec in _properties(owner).items():
            target = _referenced(spec.get("items", spec), definitions) or spec.get("items", spec)
            if "enum" in target:
                found.setdefault(name, set()).update(str(v) for v in target["enum"])
    return {name: tuple(sorted(v)) for name, v in found.items()}


def lifecycle_phases() -> tuple[str, ...]:
    return tuple(str(v) for v in schema()["$defs"]["phase"]["enum"])


def _properties(owner: Any) -> dict[str, Any]:
    """Properties of a definition, including those of its if/then branches."""
    if not isinstance(owner, dict):
        return {}
    found = dict(owner.get("properties", {}))
    for branch in owner.get("allOf", []):
        found.update(_properties(branch.get("then", {})))
    return found


def _referenced(spec: Any, definitions: dict[str, Any]) -> dict[str, Any]:
    if isinstance(spec, dict) and isinstance(spec.get("$ref"), str):
        return dict(definitions.get(spec["$ref"].rsplit("/", 1)[-1], {}))
    return {}
