"""Debian's Chromium through Playwright, and axe-core from npm, for the browser tests.

scripts/check installs both when missing (chromium with apt, axe-core with npm into
.cache/node); without either the tests fail with a message saying so, they never skip.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, sync_playwright

from conftest import ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = ROOT / ".cache" / "node" / "node_modules" / "axe-core" / "axe.min.js"
FIRST_SCREEN = {"width": 1366, "height": 900}


@contextmanager
def chromium() -> Iterator[Browser]:
    assert CHROMIUM.exists(), "the browser tests need chromium: run scripts/check"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it is now (every rule axe runs by default).

    Injected through the DevTools protocol, which the page's Content-Security-Policy does not
    govern; the page itself still runs only its own hashed scripts."""
    assert AXE.exists(), f"{AXE} is missing: run scripts/check (it installs axe-core with npm)"
    page.evaluate(AXE.read_text(encoding="utf-8"))
    found: list[dict[str, Any]] = page.evaluate(
        """async () => {
            const result = await axe.run(document, {resultTypes: ["violations"]});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(" ")),
            }));
        }"""
    )
    return found


def describe(violations: list[dict[str, Any]]) -> str:
    return json.dumps(violations, ensure_ascii=False, indent=1)
