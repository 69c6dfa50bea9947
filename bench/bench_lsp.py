"""Benchmark for `journeymap lsp`: time from a didChange to its publishDiagnostics.

    python bench/bench_lsp.py [--runs 30]

Starts the server over stdio with pygls's client, opens a 40-step and a 300-step map and,
per run, pauses, changes one emotion value (the whole text, as a client with full sync
sends it) and waits for the diagnostics of that version: both ends of the pipe included;
the pipeline's share (check_document alone, in process) is printed beside it. Then a burst
of changes 10 ms apart shows the debounce folding them into few checks. Targets: 40 steps
< 50 ms, 300 steps < 300 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

from corpus import map_yaml
from journeymap.lsp.checking import check_document
from journeymap.lsp.server import DEBOUNCE_SECONDS
from journeymap.lsp.workspace import Store

SIZES = (40, 300)
PAUSE = 0.2
"""Seconds between single edits: a typist's pause, longer than the debounce."""
BURST = 10
"""Changes 10 ms apart, as fast typing sends them: they should be checked once."""


class Client(LanguageClient):
    def __init__(self) -> None:
        super().__init__("bench", "1")
        self.waiting: dict[int, asyncio.Future[float]] = {}
        self.published = 0


def make_client() -> Client:
    client = Client()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def published(params: types.PublishDiagnosticsParams) -> None:
        client.published += 1
        future = client.waiting.pop(params.version or -1, None)
        if future is not None and not future.done():
            future.set_result(time.perf_counter())

    return client


def _change(client: Client, uri: str, text: str, version: int) -> None:
    edited = text.replace("emotion: 1", "emotion: 0" if version % 2 else "emotion: 2", 1)
    change = types.TextDocumentContentChangeWholeDocument(text=edited)
    document = types.VersionedTextDocumentIdentifier(uri=uri, version=version)
    client.text_document_did_change(types.DidChangeTextDocumentParams(document, [change]))


async def round_trips(path: Path, runs: int) -> list[float]:
    client = make_client()
    await client.start_io(sys.executable, "-m", "journeymap", "lsp", cwd=path.parent)
    params = types.InitializeParams(capabilities=types.ClientCapabilities())
    await client.initialize_async(params)
    client.initialized(types.InitializedParams())
    text = path.read_text("utf-8")
    uri = path.as_uri()
    opened = client.waiting[1] = asyncio.get_running_loop().create_future()
    item = types.TextDocumentItem(uri, "yaml", 1, text)
    client.text_document_did_open(types.DidOpenTextDocumentParams(item))
    await asyncio.wait_for(opened, 60)
    samples = []
    for version in range(2, runs + 2):
        await asyncio.sleep(PAUSE)
        future = client.waiting[version] = asyncio.get_running_loop().create_future()
        start = time.perf_counter()
        _change(client, uri, text, version)
        samples.append(await asyncio.wait_for(future, 60) - start)
    version = runs + 2
    await asyncio.sleep(PAUSE)
    client.published = 0
    for burst in range(BURST):
        _change(client, uri, text, version + burst)
        await asyncio.sleep(0.01)
    last = version + BURST - 1
    future = client.waiting[last] = asyncio.get_running_loop().create_future()
    start = time.perf_counter()
    samples.append(await asyncio.wait_for(future, 60) - start)
    samples.append(client.published)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return samples


def check_alone(path: Path, runs: int) -> list[float]:
    store = Store()
    samples = []
    for version in range(runs):
        document = store.update(path.as_uri(), path.read_text("utf-8"), version)
        start = time.perf_counter()
        check_document(document, store)
        samples.append(time.perf_counter() - start)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    runs = parser.parse_args().runs
    print(f"didChange -> publishDiagnostics (debounce {DEBOUNCE_SECONDS * 1000:.0f} ms)")
    with tempfile.TemporaryDirectory() as folder:
        for steps in SIZES:
            path = Path(folder) / f"map-{steps}.yaml"
            path.write_text(map_yaml(1, steps), "utf-8")
            *trips, burst, published = asyncio.run(round_trips(path, runs))
            alone = check_alone(path, runs)
            print(
                f"{steps:4d} steps: single edit median {statistics.median(trips) * 1000:6.1f} ms,"
                f" max {max(trips) * 1000:6.1f} ms (check alone, in process:"
                f" {statistics.median(alone) * 1000:.1f} ms);"
                f" {BURST} changes 10 ms apart: {published:g} publish(es),"
                f" the last {burst * 1000:.1f} ms after the last change"
            )


if __name__ == "__main__":
    main()
