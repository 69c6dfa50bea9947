"""Requests answered from the document store; each feature lives in its own module."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

from lsprotocol import types

from journeymap.lsp import actions, completion, hover, navigation, preview, rename
from journeymap.lsp.server import guarded, log

if TYPE_CHECKING:
    from journeymap.lsp.server import JourneymapServer
    from journeymap.lsp.workspace import Document

_TRIGGERS = [":", " ", "[", ",", "-", "/"]


def _document(ls: JourneymapServer, params: Any) -> Document | None:
    return ls.store.get(params.text_document.uri)


def register(server: JourneymapServer) -> None:
    _register_reading(server)
    _register_editing(server)
    _register_preview(server)


def _register_preview(server: JourneymapServer) -> None:
    @server.command(preview.COMMAND)
    async def open_preview(ls: Any, uri: str | None = None) -> str | None:
        """Open the map's page on the live site; the URL is also the command's result.
        Without a URI (a command palette sends none), the document edited last.
        (`ls: Any`: pygls evaluates a command's annotations at run time.)"""
        me: JourneymapServer = ls
        uri = uri or me.store.last_uri
        if uri is None:
            return None
        try:
            path = me.store.path_of(uri)
            url = await me.previews.page(me.store.project(path)[0].root, path)
        except Exception as error:
            log.warning("preview of %s failed: %s", uri, error)
            return None
        with contextlib.suppress(Exception):
            await me.window_show_document_async(types.ShowDocumentParams(url, external=True))
        return url

    @server.feature(types.SHUTDOWN)
    @guarded
    def shutdown(ls: JourneymapServer, params: None) -> None:
        ls.previews.stop()


def _register_reading(server: JourneymapServer) -> None:
    options = types.CompletionOptions(trigger_characters=_TRIGGERS)

    @server.feature(types.TEXT_DOCUMENT_COMPLETION, options)
    @guarded
    def complete(ls: JourneymapServer, params: types.CompletionParams) -> types.CompletionList:
        document = _document(ls, params)
        items = completion.complete(ls.store, document, params.position) if document else []
        return types.CompletionList(is_incomplete=False, items=items)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    @guarded
    def on_hover(ls: JourneymapServer, params: types.HoverParams) -> types.Hover | None:
        document = _document(ls, params)
        return hover.hover(ls.store, document, params.position) if document else None

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    @guarded
    def definition(ls: JourneymapServer, params: types.DefinitionParams) -> list[types.Location]:
        document = _document(ls, params)
        if document is None:
            return []
        return navigation.definition(ls.store, document, document.lines.offset(params.position))

    @server.feature(types.TEXT_DOCUMENT_REFERENCES)
    @guarded
    def references(ls: JourneymapServer, params: types.ReferenceParams) -> list[types.Location]:
        document = _document(ls, params)
        if document is None:
            return []
        offset = document.lines.offset(params.position)
        declaration = params.context.include_declaration
        return navigation.find_references(
            ls.store, document, offset, include_declaration=declaration
        )

    @server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    @guarded
    def outline(
        ls: JourneymapServer, params: types.DocumentSymbolParams
    ) -> list[types.DocumentSymbol]:
        document = _document(ls, params)
        return navigation.outline(document) if document else []

    @server.feature(types.WORKSPACE_SYMBOL)
    @guarded
    def symbols(
        ls: JourneymapServer, params: types.WorkspaceSymbolParams
    ) -> list[types.WorkspaceSymbol]:
        return navigation.workspace_symbols(ls.store, params.query)


def _register_editing(server: JourneymapServer) -> None:
    @server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
    @guarded
    def prepare_rename(
        ls: JourneymapServer, params: types.PrepareRenameParams
    ) -> types.Range | None:
        document = _document(ls, params)
        return rename.prepare(document, params.position) if document else None

    @server.feature(types.TEXT_DOCUMENT_RENAME)
    @guarded
    def on_rename(ls: JourneymapServer, params: types.RenameParams) -> types.WorkspaceEdit | None:
        document = _document(ls, params)
        if document is None:
            return None
        return rename.rename(ls.store, document, params.position, params.new_name)

    kinds = [types.CodeActionKind.QuickFix, actions.FIX_ALL]
    action_options = types.CodeActionOptions(code_action_kinds=kinds)

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, action_options)
    @guarded
    def code_action(ls: JourneymapServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        document = _document(ls, params)
        return actions.code_actions(ls.store, document, params.range) if document else []
