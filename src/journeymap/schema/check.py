"""The schema stage as the pipeline sees it: located diagnostics for one parsed file."""

from __future__ import annotations

from journeymap.diagnostics import Diagnostic
from journeymap.schema import is_valid
from journeymap.source import Source
from journeymap.source.recognise import MAP_KINDS, NOT_SHOWN, is_map_data


def check_schema(source: Source) -> list[Diagnostic]:
    if not isinstance(source.data, dict):
        return [source.diagnostic((), "JM012", "the top level of a map must be a mapping")]
    if is_valid(source.data):
        return []
    if not is_map_data(source.data):
        return _not_a_map(source)
    from journeymap.schema.report import problems

    found = problems(source.data)
    if not found:  # the two validators disagree; never let such a file through
        return [source.diagnostic((), "JM100", "the map does not match the schema")]
    return [
        source.diagnostic(p.pointer, p.code, p.message, key=p.at_key, hint=p.hint) for p in found
    ]


def _not_a_map(source: Source) -> list[Diagnostic]:
    """Only what makes a file a map is checked: its other keys and values are never shown."""
    data = source.data
    found = []
    if "journeymap" not in data:
        message = "missing required property 'journeymap'"
        found.append(source.diagnostic((), "JM101", message, hint=NOT_SHOWN))
    if "kind" not in data:
        message = "missing required property 'kind'"
        found.append(source.diagnostic((), "JM101", message, hint=NOT_SHOWN))
    elif data["kind"] not in MAP_KINDS:
        message = f"'kind' must be one of: {', '.join(MAP_KINDS)}"
        found.append(source.diagnostic(("kind",), "JM104", message, hint=NOT_SHOWN))
    return found
