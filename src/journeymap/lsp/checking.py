"""Diagnostics of an open document: the pipeline `validate` runs, on the editor's text.

The same stages (reading limits, YAML, schema, references, lint with the project's
settings and measures) and the same duplicate-id check, so the editor shows exactly what
`journeymap validate` prints, with ranges instead of points.
"""

from __future__ import annotations

import yaml
from lsprotocol import types

from journeymap.diagnostics import Diagnostic, Severity, at
from journeymap.lsp.workspace import Document, Store
from journeymap.pipeline import check_source, open_session
from journeymap.source import MAX_FILE_BYTES, parse_text
from journeymap.source.reading import ReadError, decode

_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}
SOURCE = "journeymap"


def check_document(document: Document, store: Store) -> list[Diagnostic]:
    """The pipeline's diagnostics of this document (its own file only)."""
    project, _ = store.project(document.path)
    display = project.display(document.path)
    session = open_session(project)
    found = _read_problem(document.text, display)
    if found is None:
        source = parse_text(document.text, display)
        if isinstance(source, Diagnostic):
            found = [source]
        else:
            source.path = document.path
            checked = check_source(source, session)
            found = checked.diagnostics + _duplicate_id(document, store, display)
            document.depends_on = session.resolver.dependencies(document.path)
    own = {d for d in found if d.path == display}
    document.diagnostics, document.checked = sorted(own, key=Diagnostic.sort_key), True
    return document.diagnostics


def _read_problem(text: str, display: str) -> list[Diagnostic] | None:
    """The reader's refusals (size, encoding, control characters), as `validate` reads."""
    data = text.encode("utf-8", "surrogatepass")
    if len(data) > MAX_FILE_BYTES:
        message = f"file is too large ({len(data):,} bytes; the limit is {MAX_FILE_BYTES:,})"
        return [at(display, 0, 0, "JM002", message, hint="split the journey into several maps")]
    try:
        decode(data, display)
    except ReadError as error:
        return [error.diagnostic]
    return None


def _duplicate_id(document: Document, store: Store, display: str) -> list[Diagnostic]:
    """JM208 as `validate` reports it: on every file after the first (by path) with an id."""
    index = document.index
    own = next((t for t in index.definitions() if t.kind in ("map", "persona")), None)
    if own is None or document.source is None:
        return []
    project, _ = store.project(document.path)
    for other in store.project_documents(project):
        if str(other.path) >= str(document.path) or other.path.resolve() == document.path.resolve():
            continue
        if other.index.map_id == own.name and (other.index.kind == "persona") == (
            index.kind == "persona"
        ):
            line, col = document.source.position(("id",))
            message = f"id {own.name!r} is already used by {project.display(other.path)}"
            return [at(display, line, col, "JM208", message, hint="ids are unique")]
    return []


def to_lsp(diagnostics: list[Diagnostic], document: Document) -> list[types.Diagnostic]:
    ends = _token_ends(document)
    return [_converted(d, document, ends) for d in diagnostics]


def _converted(
    diagnostic: Diagnostic, document: Document, ends: dict[int, int]
) -> types.Diagnostic:
    lines = document.lines
    if diagnostic.line == 0:
        start, end = 0, lines.line_end(0)
    else:
        start = lines.offset_of(diagnostic.line, diagnostic.col)
        end = ends.get(start) or _word_end(document.text, start)
    message = diagnostic.message + (f" (hint: {diagnostic.hint})" if diagnostic.hint else "")
    return types.Diagnostic(
        range=lines.range(start, end),
        message=message,
        severity=_SEVERITY[diagnostic.severity],
        code=diagnostic.code,
        source=SOURCE,
    )


def _token_ends(document: Document) -> dict[int, int]:
    """Where each scalar (key or value) and flow collection that starts at an offset ends."""
    ends: dict[int, int] = {}
    pending: list[yaml.Node] = [document.source.root] if document.source else []
    while pending:
        node = pending.pop()
        if isinstance(node, yaml.ScalarNode):
            ends.setdefault(int(node.start_mark.index), int(node.end_mark.index))
            continue
        if getattr(node, "flow_style", False):  # `{to: x, share: 0.2}` is one problem's whole range
            ends.setdefault(int(node.start_mark.index), int(node.end_mark.index))
        if isinstance(node, yaml.MappingNode):
            pending.extend(n for pair in node.value for n in pair)
        elif isinstance(node, yaml.SequenceNode):
            pending.extend(node.value)
    return ends


def _word_end(text: str, start: int) -> int:
    end = start
    while end < len(text) and text[end] not in " \t\r\n,:[]{}#":
        end += 1
    return max(end, min(start + 1, len(text)))
