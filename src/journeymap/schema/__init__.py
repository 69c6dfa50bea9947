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
    """The fast path: the generated validator, no error details."""
    from fastjsonschema import JsonSchemaException

    from journeymap.schema._compiled import validate

    try:
        validate(data)  # type: ignore[no-untyped-call]
    except JsonSchemaException:
        return False
    return True
