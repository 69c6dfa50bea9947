"""YAML 1.2 core resolution of plain scalars into our own private tags.

A node whose tag is not one of these carried an explicit tag in the source.
"""

from __future__ import annotations

import re

MAX_DEPTH = 32
"""Real maps nest about 8 levels deep; anything past this is refused."""

STR, INT, FLOAT, BOOL, NULL = "jm:str", "jm:int", "jm:float", "jm:bool", "jm:null"
SEQ, MAP = "jm:seq", "jm:map"
SCALARS = frozenset((STR, INT, FLOAT, BOOL, NULL))
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|(?:0|[1-9][0-9]*)(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_NUMBER_START = frozenset("-+.0123456789")
_WORD_START = frozenset("tTfFnN~")
MAX_SAFE_INT = 2**53


def resolve_scalar(value: str, implicit: tuple[bool, bool]) -> str:
    """The private tag of a scalar: quoted scalars are text; plain ones as YAML 1.2 core."""
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
        if value in BOOLS:
            return BOOL
        if value in _NULLS:
            return NULL
    return STR
