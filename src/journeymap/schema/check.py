"""The schema stage as the pipeline sees it: located diagnostics for one parsed file."""

from __future__ import annotations

from journeymap.diagnostics import Diagnostic
from journeymap.schema import is_valid
from journeymap.source import Source


def check_schema(source: Source) -> list[Diagnostic]:
    if not isinstance(source.data, dict):
        return [source.diagnostic((), "JM012", "the top level of a map must be a mapping")]
    if is_valid(source.data):
        return []
    from journeymap.schema.report import problems

    found = problems(source.data)
    if not found:  # the two validators disagree; never let such a file through
        return [source.diagnostic((), "JM100", "the map does not match the schema")]
    return [
        source.diagnostic(p.pointer, p.code, p.message, key=p.at_key, hint=p.hint) for p in found
    ]
