"""Bad input never crashes or hangs `journeymap lsp`, and stdout carries only protocol."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

import pytest
from lsprotocol import types
from pygls.exceptions import JsonRpcMethodNotFound

from lsp_helpers import copy_examples, diagnostics, open_file, position_of, session

pytestmark = pytest.mark.asyncio


def _doc(uri: str) -> types.TextDocumentIdentifier:
    return types.TextDocumentIdentifier(uri)


async def _still_answers(client: object, uri: str) -> None:
    hover = await client.text_document_hover_async(  # type: ignore[attr-defined]
        types.HoverParams(_doc(uri), types.Position(0, 0))
    )
    assert hover is None or isinstance(hover, types.Hover)


async def test_a_10_mb_file_is_refused_like_validate_refuses_it(tmp_path: Path) -> None:
    root = copy_examples(tmp_path)
    path = root / "huge.yaml"
    text = "journeymap: 1\n" + "# " + "x" * 100 + "\n" * 1 + ("a: b\n" * 2_000_000)
    async with session(root) as client:
        uri = open_file(client, path, text)
        found = await diagnostics(client, uri)
        assert [d.code for d in found] == ["JM002"]
        assert found[0].message.startswith("file is too large (10,000,117 bytes")
        completion = await client.text_document_completion_async(
            types.CompletionParams(_doc(uri), types.Position(5, 2))
        )
        assert completion is not None
        await _still_answers(client, uri)


async def test_yaml_that_is_not_a_map_gets_no_diagnostics_and_no_crash(tmp_path: Path) -> None:
    root = copy_examples(tmp_path)
    async with session(root) as client:
        workflow = open_file(client, root / "ci.yaml", "on: push\njobs: {build: {runs-on: x}}\n")
        assert await diagnostics(client, workflow) == []
        listing = open_file(client, root / "list.yaml", "- a\n- b\n")
        assert await diagnostics(client, listing) == []
        scalar = open_file(client, root / "scalar.yaml", "just text\n")
        assert await diagnostics(client, scalar) == []
        for uri in (workflow, listing, scalar):
            for line in (0, 1, 500):
                await client.text_document_completion_async(
                    types.CompletionParams(_doc(uri), types.Position(line, 40))
                )
                await client.text_document_definition_async(
                    types.DefinitionParams(_doc(uri), types.Position(line, 3))
                )
            await _still_answers(client, uri)


async def test_a_persona_outside_the_root_is_reported_and_never_read(tmp_path: Path) -> None:
    root = copy_examples(tmp_path)
    secret = tmp_path / "secret.yaml"
    secret.write_text("journeymap: 1\nkind: persona\nid: secret\nname: Secret Name\n", "utf-8")
    path = root / "current-state.yaml"
    text = path.read_text("utf-8").replace(
        "persona: personas/maya-commuter.yaml", "persona: ../secret.yaml", 1
    )
    async with session(root) as client:
        uri = open_file(client, path, text)
        found = await diagnostics(client, uri)
        assert [d.code for d in found] == ["JM202"]
        where = position_of(text, "persona: ../secret", len("persona: ."))
        assert await client.text_document_definition_async(
            types.DefinitionParams(_doc(uri), where)
        ) in ([], None)
        hover = await client.text_document_hover_async(types.HoverParams(_doc(uri), where))
        assert hover is None or "Secret" not in str(hover.contents)


async def test_unknown_requests_and_documents_get_answers_not_crashes(tmp_path: Path) -> None:
    root = copy_examples(tmp_path)
    async with session(root) as client:
        with pytest.raises(JsonRpcMethodNotFound):
            await client.protocol.send_request_async("journeymap/nothing", {"x": 1})
        missing = (root / "never-opened.yaml").as_uri()
        assert (
            await client.text_document_hover_async(
                types.HoverParams(_doc(missing), types.Position(0, 0))
            )
            is None
        )
        untitled = "untitled:Untitled-1"
        item = types.TextDocumentItem(untitled, "yaml", 1, "journeymap: 1\nkind: persona\n")
        client.text_document_did_open(types.DidOpenTextDocumentParams(item))
        found = await diagnostics(client, untitled)
        assert {d.code for d in found} == {"JM101"}
        await _still_answers(client, untitled)


def _message(payload: dict[str, object]) -> bytes:
    body = json.dumps(payload).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def _messages(stream: bytes) -> list[dict[str, object]]:
    """Every message on the server's stdout; fails on anything that is not protocol."""
    found = []
    while stream:
        header, separator, rest = stream.partition(b"\r\n\r\n")
        assert separator and header.startswith(b"Content-Length: "), stream[:80]
        length = int(header.split(b"\r\n")[0].removeprefix(b"Content-Length: "))
        found.append(json.loads(rest[:length]))
        stream = rest[length:]
    return found


async def _run_server(tmp_path: Path, data: bytes) -> tuple[bytes, bytes, int | None]:
    process = await asyncio.create_subprocess_exec(
        *(sys.executable, "-m", "journeymap", "lsp"),
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        cwd=tmp_path,
    )
    stdout, stderr = await asyncio.wait_for(process.communicate(data), 60)
    return stdout, stderr, process.returncode


async def test_a_closed_pipe_ends_the_server_quietly(tmp_path: Path) -> None:
    initialize = {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}
    cut = b'Content-Length: 40\r\n\r\n{"jsonrpc"'
    stdout, stderr, status = await _run_server(tmp_path, _message(initialize) + cut)
    assert status == 0
    answers = _messages(stdout)
    assert answers[0]["result"]["serverInfo"]["name"] == "journeymap"  # type: ignore[index]
    assert b"Traceback" not in stderr


async def test_garbage_on_stdin_is_answered_or_ignored(tmp_path: Path) -> None:
    data = b"Content-Length: 5\r\n\r\nhello" + _message({"jsonrpc": "2.0"})
    data += _message({"jsonrpc": "2.0", "id": 7, "method": "shutdown"})
    data += _message({"jsonrpc": "2.0", "method": "exit"})
    stdout, stderr, _ = await _run_server(tmp_path, data)
    assert b"Traceback" not in stderr
    assert {"jsonrpc": "2.0", "id": 7, "result": None} in _messages(stdout)
