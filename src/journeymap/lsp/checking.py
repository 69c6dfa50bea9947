"""Diagnostics of an open document: the pipeline `validate` runs, on the editor's text.

The same stages (reading limits, YAML, schema, references, lint with the project's
settings and measures) and the same duplicate-id check, so the editor shows exactly what
`journeymap validate` prints, with ranges instead of points.
"""

from __future__ import annotations

import re

from lsprotocol import types

from journeymap.diagnostics import Diagnostic, Severity, at
from journeymap.lsp.workspace import Document, Store
from journeymap.pipeline import check_source, open_session
from journeymap.source import MAX_FILE_BYTES, Source
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
        source = document.parsed()
        if not isinstance(source, Source):
            found = [source] if source is not None else []
        else:
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
    source = document.source
    data = source.data if source is not None and isinstance(source.data, dict) else {}
    own = data.get("id")
    if source is None or not isinstance(own, str):
        return []
    persona = data.get("kind") == "persona"
    project, _ = store.project(document.path)
    for other in store.project_documents(project):
        if str(other.path) >= str(document.path) or other.uri == document.uri:
            continue
        if other.index.map_id == own and (other.index.kind == "persona") == persona:
            line, col = source.position(("id",))
            message = f"id {own!r} is already used by {project.display(other.path)}"
            return [at(display, line, col, "JM208", message, hint="ids are unique")]
    return []


def to_lsp(diagnostics: list[Diagnostic], document: Document) -> list[types.Diagnostic]:
    return [_converted(d, document) for d in diagnostics]


def _converted(diagnostic: Diagnostic, document: Document) -> types.Diagnostic:
    lines = document.lines
    if diagnostic.line == 0:
        start, end = 0, lines.line_end(0)
    else:
        start = lines.offset_of(diagnostic.line, diagnostic.col)
        end = token_end(document.text, start)
    message = diagnostic.message + (f" (hint: {diagnostic.hint})" if diagnostic.hint else "")
    return types.Diagnostic(
        range=lines.range(start, end),
        message=message,
        severity=_SEVERITY[diagnostic.severity],
        code=diagnostic.code,
        source=SOURCE,
    )


_PLAIN_END = re.compile(r"(?::(?=\s|$)|,|\]|\}|\s#|\r|\n|$)")
_QUOTED_END = {"'": re.compile(r"'(?!')"), '"': re.compile(r'(?<!\\)"')}
_PAIRS = {"{": "}", "[": "]"}


def token_end(text: str, start: int) -> int:
    """Where the token a diagnostic points at ends: a quoted or plain scalar (a key or a
    value), or a one-line flow collection such as `{to: x, share: 0.2}`."""
    first = text[start : start + 1]
    if first in _QUOTED_END:
        match = _QUOTED_END[first].search(text, start + 1)
        return match.end() if match else start + 1
    if first in _PAIRS:
        return _flow_end(text, start)
    match = _PLAIN_END.search(text, start)
    end = match.start() if match else len(text)
    return max(len(text[start:end].rstrip()) + start, min(start + 1, len(text)))


def _flow_end(text: str, start: int) -> int:
    """The bracket closing the one at `start`, on the same line (else one character)."""
    depth = 0
    for index in range(start, len(text)):
        char = text[index]
        if char in "\r\n":
            break
        depth += 1 if char in _PAIRS else -1 if char in "]}" else 0
        if depth == 0:
            return index + 1
    return start + 1
