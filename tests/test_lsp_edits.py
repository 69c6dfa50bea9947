"""Rename across files and the safe fixes of `journeymap lsp`, from a real client."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types

from journeymap.validation import validate
from lsp_helpers import change, copy_examples, diagnostics, open_file, position_of, session

pytestmark = pytest.mark.asyncio


def _doc(uri: str) -> types.TextDocumentIdentifier:
    return types.TextDocumentIdentifier(uri)


def apply_edit(edit: types.WorkspaceEdit) -> dict[str, str]:
    """Apply a workspace edit to the files on disk, as an editor would; the new texts."""
    texts: dict[str, str] = {}
    changes = dict(edit.changes or {})
    renames: list[types.RenameFile] = []
    for part in edit.document_changes or []:
        if isinstance(part, types.TextDocumentEdit):
            edits = [e for e in part.edits if isinstance(e, types.TextEdit)]
            changes.setdefault(part.text_document.uri, []).extend(edits)
        elif isinstance(part, types.RenameFile):
            renames.append(part)
    for uri, edits in changes.items():
        path = Path(uri.removeprefix("file://"))
        lines = path.read_text("utf-8").split("\n")
        for one in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character))[::-1]:
            assert one.range.start.line == one.range.end.line
            row = lines[one.range.start.line]
            start, end = one.range.start.character, one.range.end.character
            lines[one.range.start.line] = row[:start] + one.new_text + row[end:]
        texts[uri] = "\n".join(lines)
        path.write_text(texts[uri], "utf-8")
    for rename in renames:
        Path(rename.old_uri.removeprefix("file://")).rename(rename.new_uri.removeprefix("file://"))
    return texts


def changed_lines(before: str, after: str) -> list[tuple[str, str]]:
    pairs = zip(before.split("\n"), after.split("\n"), strict=True)
    return [(old, new) for old, new in pairs if old != new]


async def test_rename_a_pain_point_follows_into_the_future_state_map(tmp_path: Path) -> None:
    root = copy_examples(tmp_path)
    current, future = root / "current-state.yaml", root / "future-state.yaml"
    before = {p: p.read_text("utf-8") for p in (current, future)}
    async with session(root) as client:
        uri = open_file(client, current)
        await diagnostics(client, uri)
        where = position_of(before[current], "- id: fare-zones-unclear", len("- id: fa"))
        prepared = await client.text_document_prepare_rename_async(
            types.PrepareRenameParams(_doc(uri), where)
        )
        assert isinstance(prepared, types.Range)
        edit = await client.text_document_rename_async(
            types.RenameParams(_doc(uri), where, "zones-unclear")
        )
        assert edit is not None
        apply_edit(edit)
    assert changed_lines(before[current], current.read_text("utf-8")) == [
        ("          - id: fare-zones-unclear", "          - id: zones-unclear"),
        ("            addresses: [fare-zones-unclear]", "            addresses: [zones-unclear]"),
    ]
    assert changed_lines(before[future], future.read_text("utf-8")) == [
        ("        resolves: [fare-zones-unclear]", "        resolves: [zones-unclear]")
    ]
    assert validate([str(root)]).outcome.diagnostics == validate_before(tmp_path)


def validate_before(tmp_path: Path) -> list[object]:
    fresh = copy_examples(tmp_path / "fresh")
    return validate([str(fresh)]).outcome.diagnostics


async def test_rename_a_persona_keeps_comments_and_refuses_a_bad_id(tmp_path: Path) -> None:
    root = copy_examples(tmp_path)
    persona = root / "personas" / "maya-commuter.yaml"
    future = root / "future-state.yaml"
    text = future.read_text("utf-8")
    async with session(root) as client:
        uri = open_file(client, future)
        await diagnostics(client, uri)
        where = position_of(text, "persona: maya-commuter", len("persona: m"))
        with pytest.raises(Exception, match="is not an id"):
            await client.text_document_rename_async(
                types.RenameParams(_doc(uri), where, "Maya Two")
            )
        edit = await client.text_document_rename_async(types.RenameParams(_doc(uri), where, "maya"))
        assert edit is not None
        texts = apply_edit(edit)
    assert sorted(texts) == sorted(
        p.as_uri()
        for p in (future, persona, root / "current-state.yaml", root / "day-in-the-life.yaml")
    )
    assert "persona: maya          # looked up in the personas directory" in texts[future.as_uri()]
    assert "\npersona: personas/maya.yaml\n" in texts[(root / "current-state.yaml").as_uri()]
    assert "\nid: maya\n" in texts[persona.as_uri()]
    assert not persona.exists() and (persona.parent / "maya.yaml").exists()
    assert validate([str(root)]).outcome.diagnostics == []


async def test_quick_fixes_and_fix_all_apply_the_did_you_mean(tmp_path: Path) -> None:
    root = copy_examples(tmp_path)
    path = root / "current-state.yaml"
    original = path.read_text("utf-8")
    broken = original.replace("{to: buys-at-machine,", "{to: buy-at-machine,", 1)
    broken = broken.replace("{channel: web, name: Fares", "{channel: webb, name: Fares", 1)
    async with session(root) as client:
        uri = open_file(client, path)
        await diagnostics(client, uri)
        change(client, uri, broken, 2)
        found = await diagnostics(client, uri, 2)
        assert sorted(d.code for d in found if isinstance(d.code, str)) == [
            "JM301",
            "JM302",
            "JM308",
        ]
        jm301 = next(d for d in found if d.code == "JM301")
        actions = await client.text_document_code_action_async(
            types.CodeActionParams(_doc(uri), jm301.range, types.CodeActionContext([jm301]))
        )
        assert actions is not None
        titles = [a.title for a in actions if isinstance(a, types.CodeAction)]
        assert titles == [
            "Change 'buy-at-machine' to 'buys-at-machine'",
            "Fix all safe problems (2)",
        ]
        fix_all = actions[-1]
        assert isinstance(fix_all, types.CodeAction) and fix_all.edit is not None
        path.write_text(broken, "utf-8")
        apply_edit(fix_all.edit)
    assert path.read_text("utf-8") == original
