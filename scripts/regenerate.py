"""Regenerates every generated file in the repository; review the diff like code.

    python scripts/regenerate.py

- src/journeymap/schema/_compiled.py and _compiled_config.py: the fast validators of maps
  and of journeymap.toml, from the schema;
- docs/rules.md: the lint rules' documentation, from their docstrings;
- docs/images/*.svg: the example pictures shown in the README (needs Graphviz's dot);
  measured-overlay*.svg from a simulated log of the current-state example, measured;
- docs/images/map-page.png: the current-state example's map page at 1366 x 900, as Debian's
  Chromium shows it (through Playwright, a development dependency).

Golden test files are regenerated separately: JOURNEYMAP_ACCEPT=1 pytest tests/test_golden.py
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

from journeymap.lint.docs import rules_markdown
from journeymap.rendering import Request, render_paths
from journeymap.schema.generate import compiled_config_source, compiled_source

ROOT = Path(__file__).resolve().parent.parent
README_MAPS = [
    "current-state.yaml",
    "service-blueprint.yaml",
    "day-in-the-life.yaml",
    "future-state.yaml",
    "i18n/zh-TW-return-blueprint.yaml",
    "i18n/el-mobile-switch.yaml",
]


def main() -> None:
    schema_dir = ROOT / "src" / "journeymap" / "schema"
    validators = (
        ("_compiled.py", compiled_source),
        ("_compiled_config.py", compiled_config_source),
    )
    for name, source in validators:
        target = schema_dir / name
        target.write_text(source(), encoding="utf-8")
        print(f"wrote {target.relative_to(ROOT)}")
    (ROOT / "docs" / "rules.md").write_text(rules_markdown(), encoding="utf-8")
    print("wrote docs/rules.md")
    images = ROOT / "docs" / "images"
    maps = [ROOT / "examples" / name for name in README_MAPS]
    for result in render_paths(maps, Request("all", ("svg",), images)):
        assert result.ok, (result.display, result.diagnostics, result.failures)
        for name in sorted(result.files):
            print(f"wrote docs/images/{name}")
    measured_overlay(images)
    map_page(images)


def map_page(images: Path) -> None:
    """The README's screenshot: the first screen of a map page, as a reader meets it."""
    from playwright.sync_api import sync_playwright

    from journeymap.site import build

    with tempfile.TemporaryDirectory() as temporary:
        site = Path(temporary) / "site"
        build(ROOT / "examples", site)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
            )
            page = browser.new_page(viewport={"width": 1366, "height": 900})
            page.goto((site / "maps" / "current-state.html").as_uri())
            page.screenshot(path=str(images / "map-page.png"))
            browser.close()
    print("wrote docs/images/map-page.png")


def measured_overlay(images: Path) -> None:
    """The README's measured overlay: the commands of its Analytics section, then the grid
    cut to its first eight steps (the funnel lane stays readable at README width)."""
    example = ROOT / "examples" / "current-state.yaml"
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        run = [sys.executable, "-m", "journeymap"]
        events, measures = work / "events.csv", work / "measures.json"
        simulate = [*run, "simulate", str(example), "-n", "20000", "--seed", "1", "-o"]
        subprocess.run([*simulate, str(events)], check=True, capture_output=True)
        measure = [*run, "measure", str(example), "--events", str(events), "-o", str(measures)]
        subprocess.run(measure, check=True, capture_output=True)
        request = Request("all", ("svg",), work, measures=measures)
        (result,) = render_paths([example], request)
        assert result.ok and result.measured, (result.diagnostics, result.failures)
        grid = (work / "current-state.svg").read_text(encoding="utf-8")
        (images / "measured-overlay.svg").write_text(_first_columns(grid, 8), encoding="utf-8")
        flow = (work / "current-state.flow.svg").read_text(encoding="utf-8")
        (images / "measured-overlay.flow.svg").write_text(flow, encoding="utf-8")
    print("wrote docs/images/measured-overlay.svg")
    print("wrote docs/images/measured-overlay.flow.svg")


def _first_columns(svg: str, columns: int) -> str:
    """The picture's viewBox narrowed to the lane labels and the first `columns` steps."""
    width = 28 + 150 + columns * 220 + 2  # padding, label width, column width (theme)
    found = re.search(r'width="([\d.]+)" height="([\d.]+)" viewBox="0 0 [\d.]+ [\d.]+"', svg)
    assert found is not None
    height = found.group(2)
    narrowed = f'width="{width}" height="{height}" viewBox="0 0 {width} {height}"'
    return svg.replace(found.group(0), narrowed, 1)


if __name__ == "__main__":
    main()
