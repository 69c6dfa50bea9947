"""Regenerates every generated file in the repository; review the diff like code.

    python scripts/regenerate.py

- src/journeymap/schema/_compiled.py: the fast validator, from the schema;
- docs/rules.md: the lint rules' documentation, from their docstrings;
- docs/images/*.svg: the example pictures shown in the README (needs Graphviz's dot).

Golden test files are regenerated separately: JOURNEYMAP_ACCEPT=1 pytest tests/test_golden.py
"""

from __future__ import annotations

from pathlib import Path

from journeymap.lint.docs import rules_markdown
from journeymap.rendering import Request, render_paths
from journeymap.schema.generate import compiled_source

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
    target = ROOT / "src" / "journeymap" / "schema" / "_compiled.py"
    target.write_text(compiled_source(), encoding="utf-8")
    print(f"wrote {target.relative_to(ROOT)}")
    (ROOT / "docs" / "rules.md").write_text(rules_markdown(), encoding="utf-8")
    print("wrote docs/rules.md")
    images = ROOT / "docs" / "images"
    maps = [ROOT / "examples" / name for name in README_MAPS]
    for result in render_paths(maps, Request("all", ("svg",), images)):
        assert result.ok, (result.display, result.diagnostics, result.failures)
        for name in sorted(result.files):
            print(f"wrote docs/images/{name}")


if __name__ == "__main__":
    main()
