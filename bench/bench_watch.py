"""Benchmark for `journeymap serve`: from saving a 40-step map to the new text in the browser.

    python bench/bench_watch.py [--edits 10] [--steps 40]

Serves a one-map project (bench/corpus.py's generator) with a real `journeymap serve`
process, opens the map in headless Chromium (Debian's, through Playwright), then edits one
step's action again and again. Each sample runs from just before the file is written to
when the page asks for the reload (the rebuild is done), gets the new HTML, first paints it
(the browser's own clock), and when the test's poll of the page text sees it (which adds
the poll's own delay). Medians are printed.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from corpus import map_yaml

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def start(project: Path) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "journeymap", "serve", str(project), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    for text in process.stdout:
        found = re.search(r"serving at (\S+)", text)
        if found:
            return process, found.group(1)
    raise SystemExit("journeymap serve did not start")


# When the reloaded document started, got its HTML and first painted, on the epoch clock.
TIMINGS = """() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const paint = performance.getEntriesByName("first-contentful-paint")[0];
  const origin = performance.timeOrigin;
  return [origin, origin + nav.responseEnd, origin + paint.startTime];
}"""

PAINTED = "() => performance.getEntriesByName('first-contentful-paint').length > 0"


def one_edit(page: Page, source: Path, text: str, number: int) -> list[float]:
    """Seconds from the save to: reload asked, page received, first paint, text seen."""
    token = f"Benchmarked edit {number}"
    edited = text.replace("action: ", f"action: {token} ", 1)
    saved = time.time()
    started = time.perf_counter()
    source.write_text(edited, encoding="utf-8")
    page.wait_for_function(
        f"() => document.body && document.body.innerText.includes({token!r})",
        polling=5,
        timeout=30_000,
    )
    seen = time.perf_counter() - started
    page.wait_for_function(PAINTED, polling=5, timeout=30_000)
    marks = [stamp / 1000 - saved for stamp in page.evaluate(TIMINGS)]
    return [*marks, seen]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--steps", type=int, default=40)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        project = Path(temporary)
        (project / "journeymap.toml").write_text('[project]\nname = "Bench"\n')
        source = project / "journey.yaml"
        text = map_yaml(0, args.steps)
        source.write_text(text, encoding="utf-8")
        process, url = start(project)
        try:
            samples = measure(url, source, text, args.edits)
        finally:
            process.terminate()
            process.wait()
    names = ("reload starts", "page received", "first paint", "text seen by the test")
    print(f"save to rebuilt page, {args.steps}-step map, median of {args.edits} edits:")
    for name, values in zip(names, zip(*samples, strict=True), strict=True):
        print(f"  {name:22s} {statistics.median(values) * 1000:4.0f} ms")


def measure(url: str, source: Path, text: str, edits: int) -> list[list[float]]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(url + "maps/journey.html")
        one_edit(page, source, text, 0)  # warm up: the first rebuild imports the renderers
        samples = []
        for number in range(1, edits + 1):
            samples.append(one_edit(page, source, text, number))
            time.sleep(0.3)
        browser.close()
    return samples


if __name__ == "__main__":
    main()
