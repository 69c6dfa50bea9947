"""Completion, hover and navigation of `journeymap lsp`, from a real client over stdio."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types

from lsp_helpers import copy_examples, diagnostics, open_file, position_of, session

pytestmark = pytest.mark.asyncio


def _doc(uri: str) -> types.TextDocumentIdentifier:
    return types.TextDocumentIdentifier(uri)


async def test_completion_offers_the_ids_channels_and_values_of_each_place(tmp_path: Path) -> None:
    root = copy_examples(tmp_path)
    path = root / "current-state.yaml"
    text = path.read_text("utf-8")
    async with session(root) as client:
        uri = open_file(client, path)
        await diagnostics(client, uri)

        async def labels(needle: str, shift: int) -> dict[str, str | None]:
            params = types.CompletionParams(_doc(uri), position_of(text, needle, shift))
            result = await client.text_document_completion_async(params)
            assert isinstance(result, types.CompletionList)
            return {item.label: item.detail for item in result.items}

        after_to = await labels("{to: shows-qr-ticket", len("{to: "))
        assert after_to["buys-at-machine"] == "Buys the pass at the ticket machine the next morning"
        assert "fare-zones-unclear" not in after_to
        addresses = await labels("addresses: [fare-zones-unclear]", len("addresses: ["))
        assert "fare-zones-unclear" in addresses and "buys-at-machine" not in addresses
        channels = await labels("{channel: web, name: Fares", len("{channel: "))
        assert channels["ticket-machine"] == "Ticket machine" and "web" in channels
        persona = await labels("persona: personas/maya", len("persona: "))
        assert persona["maya-commuter"] == "Maya Lindqvist"
        assert "personas/walter-retiree.yaml" in persona
        kind = await labels("kind: current-state", len("kind: "))
        assert "service-blueprint" in kind
        stage = await labels("  - id: awareness", len("  - id: "))
        assert list(stage) == ["awareness", "consideration", "conversion", "retention", "advocacy"]


async def test_completion_of_resolves_reads_the_based_on_map(tmp_path: Path) -> None:
    root = copy_examples(tmp_path)
    path = root / "future-state.yaml"
    text = path.read_text("utf-8")
    async with session(root) as client:
        uri = open_file(client, path)
        await diagnostics(client, uri)
        where = position_of(text, "resolves: [fare-zones-unclear]", len("resolves: ["))
        result = await client.text_document_completion_async(
            types.CompletionParams(_doc(uri), where)
        )
        assert isinstance(result, types.CompletionList)
        labels = {item.label for item in result.items}
        assert {"fare-zones-unclear", "long-phone-queue"} <= labels


async def test_completion_works_while_the_line_is_half_typed(tmp_path: Path) -> None:
    root = copy_examples(tmp_path)
    path = root / "current-state.yaml"
    text = path.read_text("utf-8")
    async with session(root) as client:
        uri = open_file(client, path)
        await diagnostics(client, uri)
        half = text.replace("next: [pass-lapses]", "next: [pass-la", 1)
        from lsp_helpers import change

        change(client, uri, half, 2)
        assert [d.code for d in await diagnostics(client, uri, 2)] == ["JM005"]
        where = position_of(half, "next: [pass-la", len("next: [pass-la"))
        result = await client.text_document_completion_async(
            types.CompletionParams(_doc(uri), where)
        )
        assert isinstance(result, types.CompletionList)
        item = next(i for i in result.items if i.label == "pass-lapses")
        assert isinstance(item.text_edit, types.TextEdit)
        assert item.text_edit.range.start.character == where.character - len("pass-la")


async def test_hover_shows_the_step_the_rule_and_the_key(tmp_path: Path) -> None:
    root = copy_examples(tmp_path)
    path = root / "current-state.yaml"
    text = path.read_text("utf-8") + "# journeymap: disable=JM305\n"
    async with session(root) as client:
        uri = open_file(client, path, text)
        await diagnostics(client, uri)

        async def hover(needle: str, shift: int = 1) -> str:
            params = types.HoverParams(_doc(uri), position_of(text, needle, shift))
            result = await client.text_document_hover_async(params)
            assert result is not None and isinstance(result.contents, types.MarkupContent)
            return result.contents.value

        step = await hover("{to: buys-at-machine", len("{to: b"))
        assert "**step** `buys-at-machine` in stage `conversion`" in step
        assert "Buys the pass at the ticket machine the next morning" in step
        assert "emotion: -1" in step
        rule = await hover("JM305")
        assert rule.startswith("JM305 pain-point-without-opportunity")
        key = await hover("emotion:")
        assert key.startswith("**emotion**: How the persona feels")
        pain = await hover("addresses: [fare-zones-unclear]", len("addresses: [f"))
        assert "Zone boundaries differ" in pain


async def test_hover_shows_measured_reach_and_drop_off(tmp_path: Path) -> None:
    from journeymap.analytics.measures import dumps
    from lsp_measures import measures_for

    root = copy_examples(tmp_path)
    (root / "measures.json").write_text(dumps(measures_for(root)), "utf-8")
    config = root / "journeymap.toml"
    config.write_text(config.read_text("utf-8") + '\n[analytics]\nmeasures = "measures.json"\n')
    path = root / "current-state.yaml"
    text = path.read_text("utf-8")
    async with session(root) as client:
        uri = open_file(client, path)
        await diagnostics(client, uri)
        where = position_of(text, "- id: buys-at-machine", len("- id: b"))
        result = await client.text_document_hover_async(types.HoverParams(_doc(uri), where))
        assert result is not None and isinstance(result.contents, types.MarkupContent)
        assert "measured reach: 1,200 cases (30%); drop-off: 300" in result.contents.value


async def test_definition_references_outline_and_symbols(tmp_path: Path) -> None:
    root = copy_examples(tmp_path)
    future = root / "future-state.yaml"
    current = root / "current-state.yaml"
    text = future.read_text("utf-8")
    async with session(root) as client:
        uri = open_file(client, future)
        await diagnostics(client, uri)
        resolves = position_of(text, "resolves: [fare-zones-unclear]", len("resolves: [f"))
        found = await client.text_document_definition_async(
            types.DefinitionParams(_doc(uri), resolves)
        )
        assert isinstance(found, list) and len(found) == 1
        assert isinstance(found[0], types.Location) and found[0].uri == current.as_uri()
        line = current.read_text("utf-8").splitlines()[found[0].range.start.line]
        assert line.strip() == "- id: fare-zones-unclear"

        persona = position_of(text, "persona: maya-commuter", len("persona: m"))
        found = await client.text_document_definition_async(
            types.DefinitionParams(_doc(uri), persona)
        )
        assert isinstance(found, list) and found[0].uri.endswith("personas/maya-commuter.yaml")
        based = position_of(text, "based_on: current-state.yaml", len("based_on: c"))
        found = await client.text_document_definition_async(
            types.DefinitionParams(_doc(uri), based)
        )
        assert isinstance(found, list) and found[0].uri == current.as_uri()

        context = types.ReferenceContext(include_declaration=True)
        refs = await client.text_document_references_async(
            types.ReferenceParams(context=context, text_document=_doc(uri), position=resolves)
        )
        assert refs is not None
        assert sorted({r.uri.rsplit("/", 1)[1] for r in refs}) == [
            "current-state.yaml",
            "future-state.yaml",
        ]
        assert len(refs) == 3  # the definition, `addresses` beside it, `resolves` here

        outline = await client.text_document_document_symbol_async(
            types.DocumentSymbolParams(_doc(uri))
        )
        assert outline is not None
        top = [s for s in outline if isinstance(s, types.DocumentSymbol)]
        stages = [s for s in top if s.kind == types.SymbolKind.Namespace]
        assert [s.name for s in stages][:2] == ["awareness", "consideration"]
        assert stages[0].children and stages[0].children[0].name == "plans-commute"

        symbols = await client.workspace_symbol_async(types.WorkspaceSymbolParams("walter"))
        assert symbols is not None
        assert {s.name for s in symbols} == {"walter-retiree"}


async def test_preview_opens_the_live_page_of_the_map(tmp_path: Path) -> None:
    import urllib.request

    root = copy_examples(tmp_path)
    path = root / "service-blueprint.yaml"
    async with session(root) as client:
        uri = open_file(client, path)
        await diagnostics(client, uri)
        url = await client.workspace_execute_command_async(
            types.ExecuteCommandParams("journeymap.preview", [uri])
        )
        assert isinstance(url, str) and url.endswith("/maps/service-blueprint.html")
        assert [d.uri for d in client.shown_documents] == [url]
        again = await client.workspace_execute_command_async(
            types.ExecuteCommandParams("journeymap.preview")
        )
        assert again == url  # the same site, for the document edited last
        with urllib.request.urlopen(url, timeout=30) as page:
            assert "Delay compensation claim via the ticket office" in page.read().decode()


async def test_completion_of_link_endpoints_and_lanes_in_a_blueprint(tmp_path: Path) -> None:
    root = copy_examples(tmp_path)
    path = root / "service-blueprint.yaml"
    text = path.read_text("utf-8")
    async with session(root) as client:
        uri = open_file(client, path)
        await diagnostics(client, uri)

        async def labels(needle: str, shift: int) -> set[str]:
            params = types.CompletionParams(_doc(uri), position_of(text, needle, shift))
            result = await client.text_document_completion_async(params)
            assert isinstance(result, types.CompletionList)
            return {item.label for item in result.items}

        endpoints = await labels("{from: clerk-explains, to: clerk-checks-log", len("{from: "))
        assert {"clerk-explains", "disruption-log", "claims-db"} <= endpoints
        assert "asks-at-office" not in endpoints  # a step, not an item
        targets = await labels("to: clerk-checks-log, label", len("to: "))
        assert targets == endpoints
        lanes = await labels("lanes: [actions", len("lanes: ["))
        assert {"frontstage", "backstage", "funnel"} <= lanes
