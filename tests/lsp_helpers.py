"""A real language client talking to `journeymap lsp` over stdio (pytest-lsp's client)."""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import sys
from collections.abc import AsyncIterator
from pathlib import Path

from lsprotocol import types
from pytest_lsp import LanguageClient, client_capabilities, make_test_lsp_client

from conftest import EXAMPLES


def copy_examples(tmp_path: Path) -> Path:
    """The bundled examples in a fresh folder: renames and fixes may write there."""
    root = tmp_path / "examples"
    shutil.copytree(EXAMPLES, root)
    return root


@contextlib.asynccontextmanager
async def session(root: Path, client_name: str = "neovim") -> AsyncIterator[LanguageClient]:
    client = make_test_lsp_client()
    await client.start_io(sys.executable, "-m", "journeymap", "lsp", cwd=root)
    capabilities = client_capabilities(client_name)
    params = types.InitializeParams(
        capabilities=capabilities,
        root_uri=root.as_uri(),
        workspace_folders=[types.WorkspaceFolder(root.as_uri(), root.name)],
    )
    await client.initialize_session(params)
    try:
        yield client
    finally:
        await client.shutdown_session()
        await client.stop()


def open_file(client: LanguageClient, path: Path, text: str | None = None) -> str:
    uri = path.as_uri()
    text = path.read_text("utf-8") if text is None else text
    item = types.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)
    client.text_document_did_open(types.DidOpenTextDocumentParams(item))
    return uri


def change(client: LanguageClient, uri: str, text: str, version: int) -> None:
    """Replace the whole text, as a client with full synchronisation does."""
    whole = types.TextDocumentContentChangeWholeDocument(text=text)
    identifier = types.VersionedTextDocumentIdentifier(uri=uri, version=version)
    client.text_document_did_change(types.DidChangeTextDocumentParams(identifier, [whole]))


async def diagnostics(
    client: LanguageClient, uri: str, version: int | None = None
) -> list[types.Diagnostic]:
    """Wait for the diagnostics of `uri` (of `version`, when given)."""
    for _ in range(200):
        params = await asyncio.wait_for(
            client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 20
        )
        if params.uri == uri and (version is None or params.version == version):
            return list(params.diagnostics)
    raise AssertionError(f"no diagnostics for {uri}")


def position_of(text: str, needle: str, shift: int = 0) -> types.Position:
    """The LSP position of the first `needle` in `text` (plus `shift` characters)."""
    index = text.index(needle) + shift
    line = text.count("\n", 0, index)
    return types.Position(line, index - (text.rfind("\n", 0, index) + 1))
