"""`journeymap lsp` end to end: a real client over stdio, on the bundled examples."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types

from journeymap.validation import validate
from lsp_helpers import change, copy_examples, diagnostics, open_file, session

pytestmark = pytest.mark.asyncio


async def test_open_edit_close_publish_the_validate_diagnostics(tmp_path: Path) -> None:
    root = copy_examples(tmp_path)
    path = root / "current-state.yaml"
    text = path.read_text("utf-8")
    async with session(root) as client:
        uri = open_file(client, path)
        assert await diagnostics(client, uri) == []
        broken = text.replace("emotion: -1", "emotion: -3", 1)
        change(client, uri, broken, 2)
        found = await diagnostics(client, uri, 2)
        path.write_text(broken, "utf-8")
        assert [_as_validate(d, "current-state.yaml") for d in found] == validate_lines(path)
        assert [d.code for d in found] == ["JM106"]
        line = broken[: broken.index("emotion: -3")].count("\n")
        assert found[0].range.start.line == line
        assert found[0].range.end.character - found[0].range.start.character == 2
        change(client, uri, "journeymap: 1\nkind: [", 3)
        half_typed = await diagnostics(client, uri, 3)
        assert [d.code for d in half_typed] == ["JM005"]
        client.text_document_did_close(
            types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri))
        )
        assert await diagnostics(client, uri) == []


def validate_lines(path: Path) -> list[str]:
    """What `journeymap validate` prints for one file, without the path."""
    outcome = validate([str(path)]).outcome
    return [d.one_line().split(": ", 1)[1] for d in outcome.diagnostics]


def _as_validate(diagnostic: types.Diagnostic, name: str) -> str:
    return f"{diagnostic.code} {diagnostic.message}"


async def test_saving_a_persona_rechecks_the_maps_that_use_it(tmp_path: Path) -> None:
    root = copy_examples(tmp_path)
    persona = root / "personas" / "maya-commuter.yaml"
    async with session(root) as client:
        uri = open_file(client, root / "current-state.yaml")
        assert await diagnostics(client, uri) == []
        persona_uri = open_file(client, persona)
        assert await diagnostics(client, persona_uri) == []
        broken = persona.read_text("utf-8").replace("name: Maya Lindqvist\n", "")
        change(client, persona_uri, broken, 2)
        assert [d.code for d in await diagnostics(client, persona_uri, 2)] == ["JM101"]
        persona.write_text(broken, "utf-8")
        client.text_document_did_save(
            types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(persona_uri))
        )
        found = await diagnostics(client, uri)
        assert [d.code for d in found] == ["JM207"]
        assert found[0].message == "persona file 'personas/maya-commuter.yaml' has errors"
