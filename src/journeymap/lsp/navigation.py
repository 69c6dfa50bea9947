"""Go to definition, find references, the document outline and workspace symbols."""

from __future__ import annotations

from lsprotocol import types

from journeymap.lsp.scope import Located, definitions, references
from journeymap.lsp.symbols import Token
from journeymap.lsp.workspace import Document, Store

_SYMBOL_KIND = {
    "stage": types.SymbolKind.Namespace,
    "step": types.SymbolKind.Event,
    "pain": types.SymbolKind.Key,
    "opportunity": types.SymbolKind.Constant,
    "item": types.SymbolKind.Field,
    "map": types.SymbolKind.File,
    "persona": types.SymbolKind.Class,
}


def location(document: Document, token: Token) -> types.Location:
    return types.Location(document.uri, document.lines.range(token.start, token.end))


def definition(store: Store, document: Document, offset: int) -> list[types.Location]:
    token = document.index.at(offset)
    if token is None:
        return []
    return [location(d, t) for d, t in definitions(store, document, token)]


def find_references(
    store: Store, document: Document, offset: int, *, include_declaration: bool
) -> list[types.Location]:
    token = document.index.at(offset)
    if token is None:
        return []
    found: list[Located] = references(store, document, token)
    return [location(d, t) for d, t in found if include_declaration or not t.defines]


def outline(document: Document) -> list[types.DocumentSymbol]:
    """Stages with their steps, steps with their pain points, ideas and items."""
    symbols: list[types.DocumentSymbol] = []
    children: dict[tuple[str, str | None], list[types.DocumentSymbol]] = {}
    for token in document.index.definitions():
        kids: list[types.DocumentSymbol] = []
        parent_kind = {"step": "stage", "stage": "", "map": "", "persona": ""}.get(
            token.kind, "step"
        )
        children.get((parent_kind, token.container), symbols).append(_symbol(document, token, kids))
        children[(token.kind, token.name)] = kids
    return symbols


def _symbol(
    document: Document, token: Token, children: list[types.DocumentSymbol]
) -> types.DocumentSymbol:
    span = token.span if token.span != (0, 0) else (token.start, token.end)
    return types.DocumentSymbol(
        name=token.name,
        kind=_SYMBOL_KIND.get(token.kind, types.SymbolKind.Object),
        range=document.lines.range(*span),
        selection_range=document.lines.range(token.start, token.end),
        detail=token.text,
        children=children,
    )


def workspace_symbols(store: Store, query: str) -> list[types.WorkspaceSymbol]:
    """Maps, personas, stages and steps of every project with an open document."""
    seen: set[str] = set()
    found: list[types.WorkspaceSymbol] = []
    projects = {
        store.project(d.path)[0].root: store.project(d.path)[0] for d in store.open.values()
    }
    for project in projects.values():
        for document in store.project_documents(project):
            if document.uri in seen:
                continue
            seen.add(document.uri)
            for token in document.index.definitions():
                if query.lower() in token.name.lower() and token.kind in (
                    "map",
                    "persona",
                    "stage",
                    "step",
                ):
                    found.append(_workspace_symbol(document, token))
    return found


def _workspace_symbol(document: Document, token: Token) -> types.WorkspaceSymbol:
    return types.WorkspaceSymbol(
        name=token.name,
        kind=_SYMBOL_KIND.get(token.kind, types.SymbolKind.Object),
        location=location(document, token),
        container_name=token.container or document.index.map_id,
    )
