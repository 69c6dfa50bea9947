"""Golden files: each case's layout (JSON), grid SVG and HTML document, byte for byte.

Regenerate after an intended change with `JOURNEYMAP_ACCEPT=1 pytest tests/test_golden.py`,
then review the diff like code. The flow view is not golden: its geometry comes from the
installed Graphviz version; tests/test_render.py checks its structure instead. Cases with a
`measures.json` are drawn with it, and their flow view is golden too (the measured overlay
is mostly on the flow's arrows): re-accept it when Graphviz changes, after looking at it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from render_helpers import files_of, layout_json, scene_of

CASES = sorted(p.parent for p in (Path(__file__).parent / "cases").glob("*/map.yaml"))
ACCEPT = os.environ.get("JOURNEYMAP_ACCEPT") == "1"


def produced(case: Path) -> dict[str, bytes]:
    measures = case / "measures.json"
    if measures.exists():
        return _measured(case, measures)
    files = files_of(case / "map.yaml", "svg", "html", view="grid")
    return {
        "layout.json": layout_json(scene_of(case / "map.yaml")).encode("utf-8"),
        "grid.svg": files["map.svg"],
        "document.html": files["map.html"],
    }


def _measured(case: Path, measures: Path) -> dict[str, bytes]:
    files = files_of(case / "map.yaml", "svg", "html", view="all", measures=measures)
    return {
        "grid.svg": files["map.svg"],
        "flow.svg": files["map.flow.svg"],
        "document.html": files["map.html"],
    }


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case_matches_its_golden_files(case: Path) -> None:
    for name, data in produced(case).items():
        golden = case / name
        if ACCEPT:
            golden.write_bytes(data)
        assert golden.exists(), f"missing {golden}; run JOURNEYMAP_ACCEPT=1 pytest {__file__}"
        assert golden.read_bytes() == data, f"{golden} differs; review and re-accept if intended"
