"""Completion of values: ids in `next`/`to`, `addresses`, `resolves` and links, persona ids
and files, `based_on` maps, channels, enum values, lifecycle stage ids and lane names.

The context is read from the text around the cursor, not from the parse, so completion
works while the line being typed is not valid YAML yet; the ids come from the last text
of the document that parsed.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

from lsprotocol import types

from journeymap.config import BUILTIN_CHANNELS
from journeymap.lsp import schema_facts
from journeymap.lsp.scope import based_on, project_tokens
from journeymap.lsp.workspace import Document, Store

_KEY = re.compile(r"(?:^|[\s{,\[])([A-Za-z_][\w-]*):(?=\s|$)")
_PARENT = re.compile(r"^(\s*)(?:-\s+)?([A-Za-z_][\w-]*):")
_WORD = re.compile(r"[\w./-]*$")
_Item = tuple[str, str | None, types.CompletionItemKind]


def complete(
    store: Store, document: Document, position: types.Position
) -> list[types.CompletionItem]:
    offset = document.lines.offset(position)
    line_start = document.lines.starts[min(position.line, len(document.lines.starts) - 1)]
    prefix = document.text[line_start:offset]
    key, enclosing = _context(document, position.line, prefix)
    if key is None:
        return []
    word = _WORD.search(prefix)
    start = offset - len(word.group()) if word else offset
    edit_range = document.lines.range(start, offset)
    return [
        types.CompletionItem(
            label=label,
            kind=kind,
            detail=detail,
            text_edit=types.TextEdit(edit_range, label),
            sort_text=f"{index:04d}",
        )
        for index, (label, detail, kind) in enumerate(_candidates(store, document, key, enclosing))
    ]


def _context(document: Document, line: int, prefix: str) -> tuple[str | None, list[str]]:
    """The key whose value is being typed, and the keys that enclose it, innermost first."""
    keys = _KEY.findall(prefix)
    ancestors = list(_ancestors(document, line, len(prefix) - len(prefix.lstrip())))
    if keys:
        return keys[-1], [*reversed(keys[:-1]), *ancestors]
    if prefix.lstrip().startswith("-") and ancestors:
        return ancestors[0], ancestors[1:]
    return None, ancestors


def _ancestors(document: Document, line: int, indent: int) -> Iterator[str]:
    """Keys of the lines above that enclose `line` (each less indented than the last)."""
    for number in range(line - 1, max(line - 400, -1), -1):
        match = _PARENT.match(document.lines.line_text(number))
        if match and len(match.group(1)) < indent:
            indent = len(match.group(1))
            yield match.group(2)
            if indent == 0:
                return


def _candidates(store: Store, document: Document, key: str, enclosing: list[str]) -> list[_Item]:
    index = document.index
    within = next((k for k in enclosing if k in ("next", "links", "from")), None)
    if key == "next" or (key == "to" and within == "next"):
        return _ids(document, "step", types.CompletionItemKind.Reference)
    if key in ("from", "to"):
        return _ids(document, "item", types.CompletionItemKind.Reference)
    if key == "addresses":
        return _ids(document, "pain", types.CompletionItemKind.Reference)
    if key == "resolves":
        target = based_on(document, store)
        base = store.document(target) if target else None
        return _ids(base, "pain", types.CompletionItemKind.Reference) if base else []
    if key == "persona":
        return _personas(store, document)
    if key == "based_on":
        return _maps(store, document)
    if key == "channel":
        return _channels(store, document)
    if key == "id" and enclosing[:1] == ["stages"] and index.kind != "persona":
        kind = types.CompletionItemKind.EnumMember
        return [(phase, "lifecycle phase", kind) for phase in schema_facts.lifecycle_phases()]
    kind = types.CompletionItemKind.EnumMember
    return [(value, None, kind) for value in schema_facts.values().get(key, ())]


def _ids(document: Document, kind: str, item_kind: types.CompletionItemKind) -> list[_Item]:
    seen: dict[str, str | None] = {}
    for token in document.index.definitions(kind):
        seen.setdefault(token.name, token.text)
    return [(name, text, item_kind) for name, text in seen.items()]


def _personas(store: Store, document: Document) -> list[_Item]:
    found: list[_Item] = []
    for other, token in project_tokens(store, document, "persona"):
        if token.defines:
            found.append((token.name, token.text or "persona id", types.CompletionItemKind.Value))
            relative = os.path.relpath(other.path, document.path.parent)
            found.append((relative.replace(os.sep, "/"), token.name, types.CompletionItemKind.File))
    return sorted(set(found))


def _maps(store: Store, document: Document) -> list[_Item]:
    project, _ = store.project(document.path)
    found: list[_Item] = []
    for other in store.project_documents(project):
        kind = other.index.kind
        if kind in ("current-state", "future-state") and other.path != document.path:
            relative = os.path.relpath(other.path, document.path.parent).replace(os.sep, "/")
            found.append((relative, other.index.map_id, types.CompletionItemKind.File))
    return sorted(found)


def _channels(store: Store, document: Document) -> list[_Item]:
    project, _ = store.project(document.path)
    kind = types.CompletionItemKind.EnumMember
    found: list[_Item] = [(name, "built-in channel", kind) for name in BUILTIN_CHANNELS]
    found += [
        (c.id, c.label, kind) for c in project.channels.values() if c.id not in BUILTIN_CHANNELS
    ]
    return found
