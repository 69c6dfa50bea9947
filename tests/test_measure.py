"""`journeymap measure` end to end through the CLI: the worked example of docs/analytics.md,
figure by figure (derived by hand in the doc), and the options that change them."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from analytics_fixtures import ROWS, write_csv, write_project
from conftest import ROOT, Result

Cli = Callable[..., Result]


def measured(cli: Cli, *args: str) -> dict[str, Any]:
    result = cli("measure", *args)
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


@pytest.fixture
def shop(tmp_path: Path) -> tuple[Path, Path]:
    return write_project(tmp_path)


def test_worked_example_steps(cli: Cli, shop: tuple[Path, Path]) -> None:
    map_path, log = shop
    data = measured(cli, str(map_path), "--events", str(log), "--min-cases", "0")
    assert data["events"] == 17
    m = data["maps"]["shop"]
    assert (m["cases"], m["events"]) == (4, 15)
    figures = {
        step: (x["reach"], x["occurrences"], x["starts"], x["ends"], x["drop_off"], x["share"])
        for step, x in m["steps"].items()
    }
    assert figures == {
        "land": (4, 5, 3, 0, 0, 1.0),
        "browse": (2, 2, 0, 0, 0, 0.5),
        "search": (1, 2, 0, 0, 0, 0.25),
        "cart": (3, 3, 1, 1, 1, 0.75),
        "buy": (3, 3, 0, 3, 0, 0.75),
    }
    gaps = {step: x["time_to_next"] for step, x in m["steps"].items()}
    assert gaps["land"] == {"median": 90.0, "p90": 1296.0}
    assert gaps["browse"] == {"median": 820740.0, "p90": 1477140.0}
    assert gaps["search"] == {"median": 420.0, "p90": 420.0}
    assert gaps["cart"] == {"median": 270.0, "p90": 294.0}
    assert gaps["buy"] == {"median": None, "p90": None}
    assert data["period"] == {"first": "2026-01-01T09:00:00Z", "last": "2026-01-20T09:00:00Z"}


def test_worked_example_transitions(cli: Cli, shop: tuple[Path, Path]) -> None:
    map_path, log = shop
    m = measured(cli, str(map_path), "--events", str(log), "--min-cases", "0")["maps"]["shop"]
    moves = [
        (
            t["from"],
            t["to"],
            t["cases"],
            t["occurrences"],
            t["share"],
            t["declared"],
            t["declared_share"],
        )
        for t in m["transitions"]
    ]
    assert moves == [
        ("land", "browse", 2, 2, 0.5, True, 0.7),
        ("browse", "buy", 1, 1, 0.5, False, None),
        ("browse", "cart", 1, 1, 0.5, True, None),
        ("cart", "buy", 1, 1, 0.333333, True, None),
        ("cart", "land", 1, 1, 0.333333, False, None),
        ("land", "buy", 1, 1, 0.25, False, None),
        ("land", "search", 1, 1, 0.25, True, 0.2),
        ("search", "cart", 1, 1, 1.0, True, None),
    ]
    assert m["unobserved"] == [{"from": "land", "to": "cart", "declared_share": 0.1}]
    loops = [(x["step"], x["cases"], x["occurrences"]) for x in m["self_loops"]]
    assert loops == [("land", 1, 1), ("search", 1, 1)]


def test_worked_example_funnel_variants_coverage(cli: Cli, shop: tuple[Path, Path]) -> None:
    map_path, log = shop
    m = measured(cli, str(map_path), "--events", str(log), "--min-cases", "0")["maps"]["shop"]
    funnel = m["funnel"]
    assert funnel["path"] == ["land", "browse", "cart", "buy"]
    assert funnel["window_seconds"] == 14 * 86400
    rows = [
        (f["step"], f["cases"], f["conversion"], f["from_previous"], f["median_seconds"])
        for f in funnel["steps"]
    ]
    assert rows == [
        ("land", 4, 1.0, 1.0, None),
        ("browse", 2, 0.5, 0.5, 60.0),
        ("cart", 1, 0.25, 0.5, 300.0),
        ("buy", 1, 0.25, 1.0, 540.0),
    ]
    variants = m["variants"]
    assert (variants["distinct"], variants["conformance"], variants["suppressed_variants"]) == (
        4,
        0.5,
        0,
    )
    assert [(v["path"], v["cases"], v["conforms"]) for v in variants["top"]] == [
        (["land", "browse", "cart", "buy"], 1, True),
        (["land", "search", "cart"], 1, True),
        (["land", "buy"], 1, False),
        (["cart", "land", "browse", "buy"], 1, False),
    ]
    assert m["coverage"] == {
        "events": round(15 / 17, 6),
        "event_names": round(5 / 6, 6),
        "unclaimed_events": 2,
        "top_unclaimed": [{"name": "heartbeat", "events": 1}, {"name": "page_view", "events": 1}],
    }


def test_path_and_window_change_the_funnel(cli: Cli, shop: tuple[Path, Path]) -> None:
    map_path, log = shop
    base = (str(map_path), "--events", str(log), "--min-cases", "0", "--path", "land,browse,buy")
    short = measured(cli, *base)["maps"]["shop"]["funnel"]
    wide = measured(cli, *base, "--window", "20d")["maps"]["shop"]["funnel"]
    assert [f["cases"] for f in short["steps"]] == [4, 2, 1]
    assert [f["cases"] for f in wide["steps"]] == [4, 2, 2]
    assert wide["window_seconds"] == 20 * 86400


def test_min_cases_suppresses_small_groups(cli: Cli, shop: tuple[Path, Path]) -> None:
    map_path, log = shop
    m = measured(cli, str(map_path), "--events", str(log), "--min-cases", "2")["maps"]["shop"]
    assert m["steps"]["search"] == {
        "reach": None, "share": None, "occurrences": None, "starts": None, "ends": None,
        "drop_off": None, "time_to_next": {"median": None, "p90": None}, "suppressed": True,
    }  # fmt: skip
    assert m["steps"]["browse"]["reach"] == 2
    shown = [(t["from"], t["to"], t["cases"], t["suppressed"]) for t in m["transitions"]]
    assert shown[0] == ("land", "browse", 2, False)
    assert all(cases is None and hidden for _, _, cases, hidden in shown[1:])
    assert [f["cases"] for f in m["funnel"]["steps"]] == [4, 2, None, None]
    assert m["variants"]["top"] == []
    assert m["variants"]["suppressed_variants"] == 4


def test_default_min_cases_is_ten(cli: Cli, shop: tuple[Path, Path]) -> None:
    map_path, log = shop
    data = measured(cli, str(map_path), "--events", str(log))
    assert data["settings"]["min_cases"] == 10
    assert all(x["suppressed"] for x in data["maps"]["shop"]["steps"].values())


def test_order_column_breaks_ties(cli: Cli, tmp_path: Path) -> None:
    map_path, _ = write_project(tmp_path)
    header = ("user_id", "event", "timestamp", "seq", "page")
    rows = [
        ("u1", "search", "2026-01-01 10:00:00", "1", ""),
        ("u1", "app_open", "2026-01-01 10:00:00", "2", ""),
    ]
    log = write_csv(tmp_path / "tie.csv", rows, header)
    by_map = measured(cli, str(map_path), "--events", str(log), "--min-cases", "0")
    by_order = measured(
        cli, str(map_path), "--events", str(log), "--min-cases", "0", "--order", "seq"
    )
    pair = lambda d: [(t["from"], t["to"]) for t in d["maps"]["shop"]["transitions"]]  # noqa: E731
    assert pair(by_map) == [("land", "search")]
    assert pair(by_order) == [("search", "land")]
    assert by_order["settings"]["order"] == "seq"


def test_timezone_applies_to_times_without_offset(cli: Cli, shop: tuple[Path, Path]) -> None:
    map_path, log = shop
    data = measured(cli, str(map_path), "--events", str(log), "--timezone", "Europe/Paris")
    assert data["period"] == {"first": "2026-01-01T08:00:00Z", "last": "2026-01-20T08:00:00Z"}
    assert data["settings"]["timezone"] == "Europe/Paris"


def test_output_is_deterministic_and_independent_of_row_order(
    cli: Cli, tmp_path: Path, shop: tuple[Path, Path]
) -> None:
    map_path, log = shop
    first = cli("measure", str(map_path), "--events", str(log), "--min-cases", "0").stdout
    again = cli("measure", str(map_path), "--events", str(log), "--min-cases", "0").stdout
    shuffled = write_csv(tmp_path / "data" / "shuffled.csv", list(reversed(ROWS)))
    other = json.loads(
        cli("measure", str(map_path), "--events", str(shuffled), "--min-cases", "0").stdout
    )
    assert first == again
    assert other["maps"] == json.loads(first)["maps"]


def test_toml_settings_and_default_log(cli: Cli, tmp_path: Path) -> None:
    map_path, _ = write_project(tmp_path)
    (tmp_path / "journeymap.toml").write_text(
        '[project]\nname = "Shop"\n\n[analytics]\nevents = "data/events.csv"\n'
        'min_cases = 0\nwindow = "20d"\n',
        "utf-8",
    )
    data = measured(cli, str(map_path))
    assert data["source"] == {"kind": "csv", "name": "events.csv"}
    assert data["settings"]["window_seconds"] == 20 * 86400
    assert data["maps"]["shop"]["path"] == "maps/shop.yaml"
    assert data["maps"]["shop"]["steps"]["land"]["reach"] == 4
    flagged = measured(cli, str(map_path), "--min-cases", "3")
    assert flagged["settings"]["min_cases"] == 3


def test_writes_the_file_atomically(cli: Cli, tmp_path: Path, shop: tuple[Path, Path]) -> None:
    map_path, log = shop
    out = tmp_path / "out" / "measures.json"
    result = cli("measure", str(map_path), "--events", str(log), "-o", str(out))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert json.loads(out.read_text("utf-8"))["journeymap_measures"] == 1
    assert [p.name for p in out.parent.iterdir()] == ["measures.json"]


@pytest.mark.parametrize("output_format", ["text", "md", "csv"])
def test_other_formats_show_the_same_figures(
    cli: Cli, shop: tuple[Path, Path], output_format: str
) -> None:
    map_path, log = shop
    result = cli(
        "measure", str(map_path), "--events", str(log), "--min-cases", "0", "-f", output_format
    )
    assert result.exit_code == 0
    if output_format == "csv":
        assert "shop,step,cart,,drop_off,1" in result.stdout.splitlines()
        assert "shop,transition,land,buy,declared,false" in result.stdout.splitlines()
    else:
        assert "land > search > cart" in result.stdout
        assert "NOT DRAWN" in result.stdout
        assert ("| heartbeat | 1 |" in result.stdout) == (output_format == "md")


def test_where_filters_compare_as_the_column_type(cli: Cli, tmp_path: Path) -> None:
    map_path, _ = write_project(tmp_path)
    text = map_path.read_text("utf-8").replace(
        "events: [search]", "events: [{event: search, where: {n: [2, 3], ok: true}}]"
    )
    map_path.write_text(text, "utf-8")
    header = ("user_id", "event", "timestamp", "n", "ok", "page")
    rows = [
        ("u1", "app_open", "2026-01-01 10:00:00", "1", "true", ""),
        ("u1", "search", "2026-01-01 10:01:00", "2.0", "true", ""),
        ("u2", "app_open", "2026-01-01 10:00:00", "1", "true", ""),
        ("u2", "search", "2026-01-01 10:01:00", "2", "false", ""),
        ("u3", "app_open", "2026-01-01 10:00:00", "1", "true", ""),
        ("u3", "search", "2026-01-01 10:01:00", "4", "true", ""),
    ]
    log = write_csv(tmp_path / "typed.csv", rows, header)
    m = measured(cli, str(map_path), "--events", str(log), "--min-cases", "0")["maps"]["shop"]
    assert m["steps"]["search"]["reach"] == 1
    assert m["coverage"]["unclaimed_events"] == 2


def test_readme_shows_real_output(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    examples = re.findall(r"\$ journeymap (measure [^\n]+)\n(.*?)```", readme, re.S)
    assert len(examples) >= 2
    for command, shown in examples:
        monkeypatch.chdir(ROOT)
        result = cli(*command.split())
        assert (result.stdout or result.stderr) == shown


def test_text_report_never_prints_control_characters(cli: Cli, tmp_path: Path) -> None:
    map_path, _ = write_project(tmp_path)
    log = write_csv(
        tmp_path / "odd.csv", [*ROWS, ("u1", "evil\x1b[2Jname", "2026-01-01 10:00:00", "")]
    )
    result = cli("measure", str(map_path), "--events", str(log), "--min-cases", "0", "-f", "text")
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout
    assert "evil\ufffd[2Jname" in result.stdout
