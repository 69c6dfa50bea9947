"""Code actions: the safe fixes of `journeymap.fix` (what the did-you-mean hints know), one
quick fix per problem, and one action that applies them all (`validate --fix` in the editor)."""

from __future__ import annotations

from lsprotocol import types

from journeymap.fix import Edit, safe_fixes
from journeymap.lsp.checking import check_document, to_lsp
from journeymap.lsp.workspace import Document, Store

FIX_ALL = "source.fixAll.journeymap"


def code_actions(store: Store, document: Document, wanted: types.Range) -> list[types.CodeAction]:
    if document.source is None:
        return []
    if not document.checked:
        check_document(document, store)
    edits = safe_fixes(document.source, document.diagnostics)
    actions = [_quick_fix(document, e) for e in edits if _touches(document, e, wanted)]
    if edits:
        actions.append(_fix_all(document, edits))
    return actions


def _touches(document: Document, edit: Edit, wanted: types.Range) -> bool:
    """The edit, or the start of the problem it fixes, lies in the wanted range."""
    start, end = document.lines.offset(wanted.start), document.lines.offset(wanted.end)
    problem = document.lines.offset_of(edit.diagnostic.line, edit.diagnostic.col)
    return (edit.start <= end and start <= edit.end) or start <= problem <= end


def _text_edit(document: Document, edit: Edit) -> types.TextEdit:
    return types.TextEdit(document.lines.range(edit.start, edit.end), edit.text)


def _quick_fix(document: Document, edit: Edit) -> types.CodeAction:
    return types.CodeAction(
        title=edit.title,
        kind=types.CodeActionKind.QuickFix,
        diagnostics=to_lsp([edit.diagnostic], document),
        edit=types.WorkspaceEdit(changes={document.uri: [_text_edit(document, edit)]}),
        is_preferred=True,
    )


def _fix_all(document: Document, edits: list[Edit]) -> types.CodeAction:
    return types.CodeAction(
        title=f"Fix all safe problems ({len(edits)})",
        kind=FIX_ALL,
        edit=types.WorkspaceEdit(changes={document.uri: [_text_edit(document, e) for e in edits]}),
    )
