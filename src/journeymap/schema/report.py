"""jsonschema's errors turned into short, located, actionable problems.

Like check-jsonschema, `anyOf` failures report the best deep match rather than "is not valid
under any of the given schemas"; unlike it, every problem keeps its path so the caller can
place it at a line and column.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from journeymap.i18n.english import counted
from journeymap.schema import schema

if TYPE_CHECKING:
    from jsonschema import ValidationError
    from jsonschema.protocols import Validator

MAX_PROBLEMS = 50
_JSON_TYPES = {
    dict: "a mapping",
    list: "a list",
    str: "text",
    bool: "true/false",
    int: "an integer",
    float: "a number",
    type(None): "nothing (null)",
}
_TYPE_WORDS = {
    "object": "a mapping",
    "array": "a list",
    "string": "text",
    "boolean": "true or false",
    "integer": "an integer",
    "number": "a number",
    "null": "null",
}
_PLAIN_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?\Z")
_YAML11_BOOLS = frozenset(
    ["yes", "no", "on", "off", "y", "n", "Yes", "No", "On", "Off", "YES", "NO", "ON", "OFF"]
)
_NOT_FINITE = frozenset(
    [
        ".nan",
        ".NaN",
        ".NAN",
        "nan",
        "NaN",
        ".inf",
        ".Inf",
        ".INF",
        "-.inf",
        "-.Inf",
        "-.INF",
        "inf",
        "Infinity",
    ]
)


@dataclass(frozen=True, slots=True)
class Problem:
    pointer: tuple[str | int, ...]
    code: str
    message: str
    hint: str | None = None
    at_key: bool = False


@dataclass(frozen=True, slots=True)
class Failure:
    """The parts of a jsonschema error we read, with plain types."""

    path: tuple[str | int, ...]
    relative_depth: int
    branch: int
    validator: str
    value: Any
    instance: Any
    schema: dict[str, Any]
    message: str
    context: tuple[Failure, ...]


def _failure(error: ValidationError) -> Failure:
    schema_path = list(error.relative_schema_path)
    return Failure(
        path=tuple(error.absolute_path),
        relative_depth=len(error.relative_path),
        branch=schema_path[0] if schema_path and isinstance(schema_path[0], int) else 0,
        validator=str(error.validator),
        value=error.validator_value,
        instance=error.instance,
        schema=error.schema if isinstance(error.schema, dict) else {},
        message=error.message,
        context=tuple(_failure(e) for e in error.context or ()),
    )


@functools.cache
def _validator(definition: str | None) -> Validator:
    """A Draft 2020-12 validator that can never fetch anything over the network."""
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource
    from referencing.exceptions import NoSuchResource

    root = schema()

    def refuse(uri: str) -> Any:
        raise NoSuchResource(uri)

    registry: Registry[Any] = Registry(retrieve=refuse).with_resource(  # type: ignore[call-arg]
        root["$id"], Resource.from_contents(root)
    )
    target = root if definition is None else {"$ref": f"{root['$id']}#/$defs/{definition}"}
    return Draft202012Validator(target, registry=registry)


def problems(data: Any, definition: str | None = None) -> list[Problem]:
    """Every schema problem in `data`, most useful first, at most MAX_PROBLEMS."""
    found: dict[tuple[Any, ...], Problem] = {}
    errors = sorted(map(_failure, _validator(definition).iter_errors(data)), key=_error_order)
    for error in errors:
        for problem in _explain(error):
            found.setdefault((problem.pointer, problem.code, problem.message), problem)
            if len(found) >= MAX_PROBLEMS:
                return list(found.values())
    return list(found.values())


def _error_order(error: Failure) -> tuple[Any, ...]:
    return (tuple(str(p) for p in error.path), error.validator)


def _explain(error: Failure) -> Iterator[Problem]:
    if error.validator in ("anyOf", "oneOf"):
        yield from _explain_alternatives(error)
        return
    explain = _EXPLAINERS.get(error.validator, _explain_other)
    yield from explain(error)


def _explain_alternatives(error: Failure) -> Iterator[Problem]:
    """Pick the branch the author most likely meant instead of reporting "any of".

    A branch whose type the value does not have is not meant at all: its other complaints
    about the value itself (an enum of suggested names, say) are left out too."""
    wrong_type = {e.branch for e in error.context if e.validator == "type" and not e.relative_depth}
    relevant = [e for e in error.context if e.relative_depth > 0 or e.branch not in wrong_type]
    if not relevant:
        expected = _alternatives_expected(error)
        yield _type_problem(error, expected)
        return
    deepest = max(len(e.path) for e in relevant)
    branch = min(e.branch for e in relevant if len(e.path) == deepest)
    for sub in relevant:
        if sub.branch == branch:
            yield from _explain(sub)


def _alternatives_expected(error: Failure) -> str:
    words: list[str] = []
    for sub in error.context:
        if sub.validator == "type":
            word = _TYPE_WORDS.get(str(sub.value), str(sub.value))
            if word not in words:
                words.append(word)
    if "text" in words and "a list" in words:
        return "text or a list of texts"
    return " or ".join(words) or "a different value"


def _pointer(error: Failure) -> tuple[str | int, ...]:
    return error.path


def _what(error: Failure) -> str:
    title = error.schema.get("title")
    if not title:
        return "this mapping"
    return f"{'an' if title[0] in 'aeiou' else 'a'} {title}"


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _explain_required(error: Failure) -> Iterator[Problem]:
    missing = [name for name in error.value if name not in error.instance]
    needs = ", ".join(error.value)
    if error.schema.get("title"):
        hint = f"{_what(error)} needs: {needs}"
    else:
        hint = error.schema.get("description") or f"this mapping needs: {needs}"
    for name in missing:
        yield Problem(_pointer(error), "JM101", f"missing required property {name!r}", hint)


def _explain_additional(error: Failure) -> Iterator[Problem]:
    allowed = list(error.schema.get("properties", {}))
    for name in error.instance:
        if name in allowed:
            continue
        yield Problem(
            (*_pointer(error), name),
            "JM102",
            f"unknown property {name!r} in {_what(error)}",
            _unknown_property_hint(str(name), allowed),
            at_key=True,
        )


def _unknown_property_hint(name: str, allowed: list[str]) -> str:
    close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
    if close:
        return f"did you mean {close[0]!r}?"
    owners = _kinds_allowing(name)
    if owners:
        return f"{name!r} belongs in {' and '.join(owners)} maps"
    return "allowed here: " + ", ".join(allowed)


@functools.cache
def _kinds_allowing(name: str) -> tuple[str, ...]:
    defs = schema()["$defs"]
    kinds = ("current-state", "day-in-the-life", "future-state", "service-blueprint")
    return tuple(
        kind
        for kind in kinds
        if name in defs[f"step-{kind}"]["properties"] or name in defs[kind]["properties"]
    )


def _explain_type(error: Failure) -> Iterator[Problem]:
    expected = error.value
    names = expected if isinstance(expected, list) else [expected]
    yield _type_problem(error, " or ".join(_TYPE_WORDS.get(str(n), str(n)) for n in names))


def _type_problem(error: Failure, expected: str) -> Problem:
    value = error.instance
    got = _JSON_TYPES.get(type(value), type(value).__name__)
    message = f"expected {expected}, got {got}"
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        message += f" {_show(value)}"
    return Problem(_pointer(error), "JM103", message, _type_hint(value, expected))


def _type_hint(value: Any, expected: str) -> str | None:
    if isinstance(value, str):
        if value in _NOT_FINITE:
            return "NaN and infinity are not numbers in a map"
        if value in _YAML11_BOOLS and "true" in expected:
            return "YAML 1.2 booleans are written true or false"
        if "integer" in expected or "number" in expected:
            if _PLAIN_NUMBER.match(value):
                return "remove the quotes to make it a number"
            if value[:1] in "+-.0123456789":
                return "write numbers without leading zeros, separators or units"
    if "text" in expected and isinstance(value, int | float | bool):
        return "quote the value to make it text"
    return None


def _explain_enum(error: Failure) -> Iterator[Problem]:
    options = error.value if error.validator == "enum" else [error.value]
    shown = ", ".join(str(o) for o in options)
    close = difflib.get_close_matches(str(error.instance), [str(o) for o in options], n=1)
    hint = f"did you mean {close[0]!r}?" if close else None
    message = f"{_show(error.instance)} is not allowed here; expected one of: {shown}"
    if len(options) == 1:
        message = f"{_show(error.instance)} is not allowed here; expected {_show(options[0])}"
    yield Problem(_pointer(error), "JM104", message, hint)


def _explain_pattern(error: Failure) -> Iterator[Problem]:
    description = error.schema.get("description")
    yield Problem(
        _pointer(error),
        "JM105",
        f"{_show(error.instance)} does not have the expected form",
        description or f"expected a match for {error.value}",
    )


def _explain_range(error: Failure) -> Iterator[Problem]:
    low, high = error.schema.get("minimum"), error.schema.get("maximum")
    bounds = f"{low} to {high}" if low is not None and high is not None else None
    message = f"{_show(error.instance)} is out of range"
    if bounds:
        message += f" ({bounds})"
    yield Problem(_pointer(error), "JM106", message, error.schema.get("description"))


def _explain_size(error: Failure) -> Iterator[Problem]:
    words = {
        "minLength": "text is empty" if error.value == 1 else "text is too short",
        "maxLength": f"text is longer than {error.value} characters",
        "minItems": f"needs at least {counted(error.value, 'item', 'items')}",
        "maxItems": f"has more than {error.value} items",
        "maxProperties": f"has more than {error.value} entries",
    }
    yield Problem(_pointer(error), "JM107", words[error.validator], None)


def _explain_unique(error: Failure) -> Iterator[Problem]:
    seen: list[Any] = []
    for index, item in enumerate(error.instance):
        if item in seen:
            yield Problem(
                (*_pointer(error), index), "JM108", f"duplicate item {_show(item)} in this list"
            )
        seen.append(item)


def _explain_property_names(error: Failure) -> Iterator[Problem]:
    for name in error.instance:
        if not isinstance(name, str) or _bad_name(name, error.value):
            yield Problem(
                (*_pointer(error), name),
                "JM105",
                f"{_show(name)} is not a valid name here",
                "names are lowercase letters, digits and underscores (snake_case)",
                at_key=True,
            )


def _bad_name(name: str, rule: dict[str, Any]) -> bool:
    pattern = rule.get("pattern")
    too_long = len(name) > int(rule.get("maxLength", 10**6))
    return too_long or (pattern is not None and re.search(pattern, name) is None)


def _explain_other(error: Failure) -> Iterator[Problem]:
    yield Problem(_pointer(error), "JM100", " ".join(error.message.split())[:200])


_EXPLAINERS = {
    "required": _explain_required,
    "additionalProperties": _explain_additional,
    "type": _explain_type,
    "enum": _explain_enum,
    "const": _explain_enum,
    "pattern": _explain_pattern,
    "minimum": _explain_range,
    "maximum": _explain_range,
    "minLength": _explain_size,
    "maxLength": _explain_size,
    "minItems": _explain_size,
    "maxItems": _explain_size,
    "maxProperties": _explain_size,
    "uniqueItems": _explain_unique,
    "propertyNames": _explain_property_names,
}
