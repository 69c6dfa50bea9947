"""Rename a step, stage, pain point, opportunity, item or persona id, and every reference in
every map of the project. Only the characters of the id tokens change (their offsets come
from the loader's marks), so comments, quotes and layout stay as they were.

A persona id is also its file's name in the personas directory (that is how a map's
`persona: maya` finds it), so renaming it renames the file and the paths that name it.
"""

from __future__ import annotations

import re
from pathlib import Path

from lsprotocol import types
from pygls.exceptions import JsonRpcInvalidParams
from pygls.uris import from_fs_path

from journeymap.lsp.scope import Located, persona_file, references
from journeymap.lsp.symbols import Token
from journeymap.lsp.workspace import Document, Store

RENAMEABLE = ("step", "stage", "pain", "opportunity", "item", "persona")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_Change = types.TextDocumentEdit | types.RenameFile


def renameable(document: Document, offset: int) -> Token | None:
    token = document.index.at(offset)
    if token is None or token.kind not in RENAMEABLE or not _ID.match(token.name):
        return None  # a persona named by its path: rename the persona's id instead
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
    found = references(store, document, token)
    changes: list[_Change] = _text_edits(found, token.name, new_name)
    if token.kind == "persona":
        changes += _persona_file(store, document, token, new_name)
    return types.WorkspaceEdit(document_changes=changes)


def _text_edits(found: list[Located], old: str, new: str) -> list[_Change]:
    by_uri: dict[str, tuple[Document, list[types.TextEdit]]] = {}
    for document, token in found:
        text = _renamed(token.name, old, new)
        if text is not None:
            edit = types.TextEdit(document.lines.range(token.start, token.end), text)
            by_uri.setdefault(document.uri, (document, []))[1].append(edit)
    return [
        types.TextDocumentEdit(
            types.OptionalVersionedTextDocumentIdentifier(uri, document.version),
            list(edits),
        )
        for uri, (document, edits) in sorted(by_uri.items())
    ]


def _renamed(name: str, old: str, new: str) -> str | None:
    """The new text of a token: the id itself, or a path whose file name is the id."""
    if name == old:
        return new
    path = Path(name)
    if path.stem == old and path.suffix in (".yaml", ".yml"):
        return str(Path(name).with_name(new + path.suffix)).replace("\\", "/")
    return None


def _persona_file(store: Store, document: Document, token: Token, new: str) -> list[_Change]:
    target = persona_file(store, document, token)
    if target is None or target.stem != token.name:
        return []
    renamed = target.with_name(new + target.suffix)
    if renamed.exists():
        raise JsonRpcInvalidParams(f"a persona file {renamed.name!r} already exists")
    old_uri, new_uri = from_fs_path(str(target)), from_fs_path(str(renamed))
    if old_uri is None or new_uri is None:
        return []
    return [types.RenameFile(old_uri=old_uri, new_uri=new_uri)]
