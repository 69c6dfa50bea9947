"""The backlog's exports: CSV and JSON with the columns a tracker imports (Jira's CSV import,
GitHub through `gh issue create`), each item linked to its place on its map page."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from conftest import EXAMPLES
from journeymap.site import build
from journeymap.site.backlog import CSV_COLUMNS


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("backlog") / "site"
    assert build(EXAMPLES, out).failed == 0
    return out


def test_csv_and_json_hold_the_same_items_with_tracker_columns(site: Path) -> None:
    with (site / "backlog.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert tuple(rows[0].keys()) == CSV_COLUMNS
    items = json.loads((site / "backlog.json").read_text(encoding="utf-8"))["items"]
    assert [i["id"] for i in items] == [r["pain_point"] for r in rows] and len(items) > 20
    for row, item in zip(rows, items, strict=True):
        assert row["summary"] == item["title"] == row["text"]
        assert row["priority"] == item["priority"]
        assert item["priority"] in {"Highest", "High", "Medium", "Low", "Lowest"}
        assert row["labels"].split() == item["labels"] and "journeymap" in item["labels"]
        assert all(" " not in label for label in item["labels"])  # Jira labels have no spaces
        assert row["stage"] == item["stage"] and item["stage"]
        assert row["channels"].split() == item["channels"]
        assert item["url"] == row["url"] and re.fullmatch(r"maps/.+\.html#pain-.+", item["url"])
        assert item["body"].startswith(item["title"])


def test_each_backlog_item_links_to_its_pain_point_and_its_step(site: Path) -> None:
    html = (site / "backlog.html").read_text(encoding="utf-8")
    items = json.loads((site / "backlog.json").read_text(encoding="utf-8"))["items"]
    for item in items:
        page = item["url"].split("#")[0]
        assert f'href="{item["url"]}"' in html
        assert f'href="{page}#map-step-{item["step"]}"' in html
        target = (site / page).read_text(encoding="utf-8")
        assert f'id="pain-{item["id"]}"' in target
        assert f'id="map-step-{item["step"]}"' in target


def test_lists_in_a_backlog_cell_follow_the_sites_locale() -> None:
    """Channels and the steps resolving an item are joined by CLDR's list patterns."""
    from journeymap.i18n import labels
    from journeymap.site.backlog import backlog_html

    row = {
        "codes": {}, "ranks": {}, "page": "maps/a.html", "id": "p1", "text": "Slow",
        "severity": 3, "owner": None, "map": "A", "stage": "Buy", "step_id": "s1",
        "step": "Pays", "resolved_by": ["Első lépés", "Második lépés"],
        "channels": ["web", "app"],
    }  # fmt: skip
    names = {"web": "Weboldal", "app": "Alkalmazás"}
    hungarian = str(backlog_html([row], names, labels("hu")))
    assert "Első lépés és Második lépés" in hungarian
    assert "Weboldal és Alkalmazás" in hungarian  # CLDR's unit list in Hungarian
    english = str(backlog_html([row], names, labels("en")))
    assert "Első lépés and Második lépés" in english and "Weboldal, Alkalmazás" in english
