"""Rename a step, stage, pain point, opportunity, item or persona id, and every reference in
every map of the project. Only the characters of the id tokens change (their offsets come
from the loader's marks), so comments, quotes and layout stay as they were."""

from __future__ import annotations

import re

from lsprotocol import types
from pygls.exceptions import JsonRpcInvalidParams

from journeymap.lsp.scope import references
from journeymap.lsp.symbols import Token
from journeymap.lsp.workspace import Document, Store

RENAMEABLE = ("step", "stage", "pain", "opportunity", "item", "persona")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def renameable(document: Document, offset: int) -> Token | None:
    token = document.index.at(offset)
    if token is None or token.kind not in RENAMEABLE or not _ID.match(token.name):
        return None  # a persona named by its file path is renamed by moving the file
    return token


def prepare(document: Document, position: types.Position) -> types.Range | None:
    token = renameable(document, document.lines.offset(position))
    return document.lines.range(token.start, token.end) if token else None


def rename(
    store: Store, document: Document, position: types.Position, new_name: str
) -> types.WorkspaceEdit | None:
    token = renameable(document, document.lines.offset(position))
    if token is None:
        return None
    if not _ID.match(new_name):
        raise JsonRpcInvalidParams(
            f"{new_name!r} is not an id: lowercase letters, digits and single hyphens"
        )
    changes: dict[str, list[types.TextEdit]] = {}
    for other, found in references(store, document, token):
        if found.name == token.name:
            edit = types.TextEdit(other.lines.range(found.start, found.end), new_name)
            changes.setdefault(other.uri, []).append(edit)
    return types.WorkspaceEdit(changes=changes)
