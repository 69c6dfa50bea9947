"""`journeymap diff OLD.json NEW.json` of two measures files, through the CLI."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import EXAMPLES, Result
from journeymap.analytics.measures import (
    Coverage,
    MapMeasures,
    Measures,
    Period,
    Settings,
    SourceInfo,
    StepMeasures,
    TransitionMeasures,
    UnclaimedName,
    Variants,
    dumps,
)

Cli = Callable[..., Result]


def step(reach: int | None, drop_off: int | None = 0, share: float | None = 1.0) -> StepMeasures:
    suppressed = reach is None
    return StepMeasures(reach, share, reach, 0, drop_off, drop_off, suppressed=suppressed)


def edge(source: str, target: str, cases: int, share: float) -> TransitionMeasures:
    return TransitionMeasures(source, target, cases, cases, share, True, None)


def measures(**maps: MapMeasures) -> Measures:
    return Measures(
        "journeymap test",
        SourceInfo("parquet", "events.parquet"),
        Settings("user_id", "event", "timestamp", None, "UTC", 1209600, 10),
        Period("2026-01-05T06:00:00Z", "2026-02-01T23:00:00Z"),
        9000,
        dict(maps),
    )


def journey(**changes: object) -> MapMeasures:
    base = MapMeasures(
        path="shop.yaml",
        cases=1000,
        events=4000,
        steps={"lands": step(1000), "buys": step(600, 600, 0.6)},
        transitions=(edge("lands", "buys", 600, 0.6),),
        variants=Variants(12, 0.9),
        coverage=Coverage(0.8, 0.5, 1000, (UnclaimedName("heartbeat", 900),)),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def save(path: Path, value: Measures) -> Path:
    path.write_text(dumps(value), encoding="utf-8")
    return path


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    """Old and new measures: checkout conversion fell, a shortcut appeared, a map left."""
    old = measures(shop=journey(), legacy=journey(path="legacy.yaml"))
    new_shop = journey(
        cases=1004,
        steps={"lands": step(1004), "buys": step(None, None, None), "browses": step(300)},
        transitions=(edge("lands", "buys", 420, 0.418327), edge("lands", "browses", 300, 0.3)),
        variants=Variants(15, 0.852),
        coverage=Coverage(0.62, 0.5, 1800, (UnclaimedName("<b>`promo`</b>", 800),)),
    )
    new = measures(shop=new_shop, newcomer=journey(path="new.yaml"))
    return save(tmp_path / "old.json", old), save(tmp_path / "new.json", new)


def test_text_says_what_moved(cli: Cli, pair: tuple[Path, Path]) -> None:
    result = cli("diff", str(pair[0]), str(pair[1]))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"--- {pair[0]} (events.parquet, 2026-01-05T06:00:00Z ..")
    body = [line.strip() for line in lines[2:]]
    assert body == [
        "map legacy: only in the old measures",
        "map newcomer: only in the new measures",
        "map shop: 9 moves",
        "~ map conformance: 90.0% → 85.2% (-4.8 pp)",
        "~ map coverage: 80.0% → 62.0% (-18.0 pp)",
        "+ step browses appeared: reach 300",
        "+ transition lands -> browses appeared: 300 cases",
        "+ unclaimed event <b>`promo`</b> appeared: 800 events",
        "- unclaimed event heartbeat disappeared (was 900 events)",
        "~ transition lands -> buys share: 60.0% → 41.8% (-18.2 pp)",
        "~ step buys drop-off: 100.0% → suppressed",
        "~ step buys share: 60.0% → suppressed",
        "11 moves in 3 maps",
    ]
    assert "map cases" not in result.stdout, "1000 -> 1004 is below 5%: not a move"
    assert "lands -> buys cases" not in result.stdout, "the share moved: cases say it twice"


def test_exit_code_and_unchanged(cli: Cli, pair: tuple[Path, Path], tmp_path: Path) -> None:
    assert cli("diff", "--exit-code", str(pair[0]), str(pair[1])).exit_code == 1
    same = cli("diff", "--exit-code", str(pair[0]), str(pair[0]))
    assert same.exit_code == 0
    assert "map shop: nothing moved" in same.stdout
    assert same.stdout.splitlines()[-1] == "0 moves in 2 maps"


def test_json_lists_every_move(cli: Cli, pair: tuple[Path, Path]) -> None:
    result = cli("diff", "-f", "json", str(pair[0]), str(pair[1]))
    data = json.loads(result.stdout)
    assert data["format"] == "journeymap-measures-diff" and data["changed"] is True
    statuses = {m["id"]: m["status"] for m in data["maps"]}
    assert statuses == {"legacy": "removed", "newcomer": "added", "shop": "compared"}
    shop = next(m for m in data["maps"] if m["id"] == "shop")
    share = next(
        m
        for m in shop["moves"]
        if m["subject"] == "transition lands -> buys" and m["unit"] == "rate"
    )
    assert share == {
        "kind": "changed",
        "subject": "transition lands -> buys",
        "figure": "share",
        "unit": "rate",
        "old": 0.6,
        "new": 0.418327,
    }


def test_markdown_and_html_escape_names_from_the_log(
    cli: Cli, pair: tuple[Path, Path], tmp_path: Path
) -> None:
    markdown = cli("diff", "-f", "markdown", str(pair[0]), str(pair[1])).stdout
    assert (
        "| + | unclaimed event \\<b\\>\\`promo\\`\\</b\\> events |  | 800 | appeared |" in markdown
    )
    out = tmp_path / "moves.html"
    assert cli("diff", "-f", "html", "-o", str(out), str(pair[0]), str(pair[1])).exit_code == 0
    page = out.read_text("utf-8")
    assert "&lt;b&gt;`promo`&lt;/b&gt;" in page and "<b>`promo`" not in page
    assert "<script" not in page
    # The same strict policy as every built page: no script, no request.
    assert '<meta http-equiv="Content-Security-Policy" content="default-src \'none\';' in page
    assert "script-src" not in page and "connect-src" not in page


def test_a_map_and_a_measures_file_are_not_compared(cli: Cli, pair: tuple[Path, Path]) -> None:
    result = cli("diff", str(pair[0]), str(EXAMPLES / "current-state.yaml"))
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "journeymap: diff compares two maps or two measures files, not one of each"
    )


def test_a_broken_measures_file_is_one_line(cli: Cli, pair: tuple[Path, Path]) -> None:
    pair[1].write_text('{"journeymap_measures": 1, "maps": []}', encoding="utf-8")
    result = cli("diff", str(pair[0]), str(pair[1]))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and "not a measures file" in result.stderr


def test_out_never_overwrites_an_input(cli: Cli, pair: tuple[Path, Path]) -> None:
    before = pair[1].read_bytes()
    result = cli("diff", "-o", str(pair[1]), str(pair[0]), str(pair[1]))
    assert result.exit_code == 2 and "is one of the files being compared" in result.stderr
    assert pair[1].read_bytes() == before


def test_small_moves_are_not_reported() -> None:
    from journeymap.diff.measures import map_moves

    old = journey()
    nudged = journey(transitions=(edge("lands", "buys", 609, 0.609),), cases=1040)
    assert map_moves(old, nudged) == []
    pushed = journey(transitions=(edge("lands", "buys", 620, 0.62),))
    assert [(m.subject, m.figure) for m in map_moves(old, pushed)] == [
        ("transition lands -> buys", "share"),
    ]
    busier = journey(transitions=(edge("lands", "buys", 660, 0.6),))
    assert [(m.subject, m.figure) for m in map_moves(old, busier)] == [
        ("transition lands -> buys", "cases"),
    ]


def test_a_truncated_measures_file_is_named_as_one(cli: Cli, pair: tuple[Path, Path]) -> None:
    text = pair[1].read_text("utf-8")
    pair[1].write_text(text[: len(text) // 2], encoding="utf-8")
    result = cli("diff", str(pair[0]), str(pair[1]))
    assert result.exit_code == 2
    assert "not JSON" in result.stderr and len(result.stderr.splitlines()) == 1


def test_a_flow_style_map_is_still_a_map(cli: Cli, tmp_path: Path) -> None:
    flow = (
        '{journeymap: 1, kind: current-state, id: flow, title: "journeymap_measures",'
        " persona: {name: Ana}, stages: [{id: awareness, steps: [{id: a, action: A}]}]}\n"
    )
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(flow, encoding="utf-8")
    new.write_text(flow.replace("action: A", "action: B"), encoding="utf-8")
    result = cli("diff", str(old), str(new))
    assert result.exit_code == 0, result.stderr
    assert "step a action" in result.stdout
