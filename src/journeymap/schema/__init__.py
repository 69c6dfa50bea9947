"""Schema stage: a compiled fast path for every file, jsonschema's full report only on failure.

jsonschema costs about 10 ms a map and 100 ms to import, more than parsing; the generated
validator (`_compiled.py`, from fastjsonschema) answers valid/invalid in well under a
millisecond. Only a failing document pays for jsonschema, which lists every error with its
location. Both read the same schema file, and a test keeps them in agreement.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

SCHEMA_FILE = "journeymap.schema.json"


@functools.cache
def schema_text() -> str:
    return resources.files("journeymap").joinpath("schemas", SCHEMA_FILE).read_text("utf-8")


@functools.cache
def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(schema_text())
    return loaded


def is_valid(data: Any) -> bool:
    """The fast path for a map: the generated validator, no error details."""
    from journeymap.schema._compiled import validate

    return _passes(validate, data)


def is_valid_config(data: Any) -> bool:
    """The fast path for journeymap.toml (every command reads it): no jsonschema import
    unless it fails."""
    from journeymap.schema._compiled_config import validate

    return _passes(validate, data)


def _passes(validate: Any, data: Any) -> bool:
    from fastjsonschema import JsonSchemaException

    try:
        validate(data)
    except JsonSchemaException:
        return False
    return True
