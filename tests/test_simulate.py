"""`journeymap simulate` through the CLI: the log's shape, its statistics and its mess."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pytest

from conftest import EXAMPLES, Result
from journeymap.analytics.simulate_plan import hazard, weights
from journeymap.model import Edge, PainPoint, Step

Cli = Callable[..., Result]
Write = Callable[[str, str | bytes], Path]

BRANCHING = """\
journeymap: 1
kind: current-state
id: branching
title: Branching
persona: {name: Ana, role: Shopper}
stages:
  - id: awareness
    steps:
      - id: lands
        action: Lands on the shop
        events: [{event: page_view, where: {path: /home}}]
        next:
          - {to: buys, share: 0.7}
          - {to: leaves}
      - id: leaves
        action: Leaves
        events: [{event: page_view, where: {path: [/exit, /bye]}}]
        next: []
  - id: conversion
    steps:
      - id: buys
        action: Buys
        events: [order_placed]
      - id: thanks
        action: Reads the thank-you page
"""


def rows(path: Path) -> list[dict[str, Any]]:
    """The log in file order, as dicts."""
    connection = duckdb.connect()
    relation = connection.sql(f"SELECT * FROM '{path}'")
    names = relation.columns
    return [dict(zip(names, row, strict=True)) for row in relation.fetchall()]


def by_case(log: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Each case's events in true order (time, then seq)."""
    cases: dict[str, list[dict[str, Any]]] = {}
    for row in log:
        cases.setdefault(row["user_id"], []).append(row)
    return {k: sorted(v, key=lambda r: (r["timestamp"], r["seq"])) for k, v in cases.items()}


def simulate(cli: Cli, source: Path, out: Path, *extra: str) -> Result:
    result = cli("simulate", str(source), "-o", str(out), *extra)
    assert result.exit_code == 0, result.stderr
    return result


def test_same_seed_same_bytes_other_seed_other_log(cli: Cli, tmp_path: Path) -> None:
    source = EXAMPLES / "current-state.yaml"
    first, again, other = tmp_path / "a.parquet", tmp_path / "b.parquet", tmp_path / "c.parquet"
    simulate(cli, source, first, "-n", "300", "--seed", "4")
    simulate(cli, source, again, "-n", "300", "--seed", "4")
    simulate(cli, source, other, "-n", "300", "--seed", "5")
    assert first.read_bytes() == again.read_bytes()
    assert first.read_bytes() != other.read_bytes()


def test_columns_and_types_of_a_parquet_log(cli: Cli, project: Path, write: Write) -> None:
    source = write("shop.yaml", BRANCHING)
    result = simulate(cli, source, project / "log.parquet", "-n", "50")
    described = duckdb.connect().sql(f"DESCRIBE SELECT * FROM '{project / 'log.parquet'}'")
    types = {row[0]: row[1] for row in described.fetchall()}
    assert types == {
        "user_id": "VARCHAR",
        "event": "VARCHAR",
        "timestamp": "TIMESTAMP WITH TIME ZONE",
        "seq": "INTEGER",
        "path": "VARCHAR",
    }
    count = len(rows(project / "log.parquet"))
    assert result.stdout.strip() == f"wrote {project / 'log.parquet'}: {count} events of 50 cases"


def test_events_come_from_the_binding_and_unbound_steps_use_their_id(
    cli: Cli, project: Path, write: Write
) -> None:
    source = write("shop.yaml", BRANCHING)
    simulate(cli, source, project / "log.csv", "-n", "400", "--noise", "0")
    log = rows(project / "log.csv")
    paths = {(r["event"], r["path"]) for r in log}
    assert paths == {
        ("page_view", "/home"),
        ("page_view", "/exit"),
        ("page_view", "/bye"),
        ("order_placed", None),
        ("thanks", None),
    }


def test_declared_shares_are_walked(cli: Cli, project: Path, write: Write) -> None:
    source = write("shop.yaml", BRANCHING)
    quiet = ("--drop-off", "0", "--noise", "0", "--repeats", "0")
    simulate(cli, source, project / "log.csv", "-n", "4000", *quiet)
    seconds = [case[1]["event"] for case in by_case(rows(project / "log.csv")).values()]
    buys = seconds.count("order_placed") / len(seconds)
    assert 0.67 < buys < 0.73


def test_remaining_share_is_spread_over_undeclared_edges() -> None:
    edges = (Edge("a", share=0.5), Edge("b"), Edge("c"))
    assert weights(edges) == [0.5, 0.25, 0.25]
    assert weights((Edge("a", share=0.2), Edge("b", share=0.2))) == [0.5, 0.5]
    assert weights((Edge("a", share=1.0), Edge("b"))) == [1.0, 0.0]


def test_hazard_grows_with_bad_emotion_severe_pain_and_moments_of_truth() -> None:
    calm = Step("a", "A", emotion=1)
    upset = Step("b", "B", emotion=-2)
    hurt = Step("c", "C", emotion=-2, pain_points=(PainPoint("p", "P", severity=5),))
    decisive = Step("d", "D", emotion=-2, pain_points=hurt.pain_points, moment_of_truth=True)
    values = [hazard(step, 1.0) for step in (calm, upset, hurt, decisive)]
    assert values == sorted(values) and len(set(values)) == 4
    assert hazard(decisive, 0.0) == 0.0


BAD_STEP = """\
journeymap: 1
kind: current-state
id: bad-step
title: Bad step
persona: {name: Ana, role: Shopper}
stages:
  - id: consideration
    steps:
      - {id: one, action: One, emotion: 1}
      - {id: two, action: Two, emotion: EMOTION PAIN}
      - {id: three, action: Three, emotion: 1}
"""


def test_people_give_up_where_emotion_and_pain_are_bad(
    cli: Cli, project: Path, write: Write
) -> None:
    pain = ", pain_points: [{id: ouch, text: Hurts, severity: 5}]"
    fine = write("fine.yaml", BAD_STEP.replace("EMOTION PAIN", "1"))
    bad = write(
        "bad.yaml", BAD_STEP.replace("bad-step", "bad").replace("EMOTION PAIN", "-2" + pain)
    )
    reached = {}
    for source in (fine, bad):
        out = project / f"{source.stem}.csv"
        simulate(cli, source, out, "-n", "3000", "--noise", "0", "--repeats", "0")
        log = rows(out)
        reached[source.stem] = len({r["user_id"] for r in log if r["event"] == "three"}) / 3000
    assert reached["fine"] > 0.9
    assert reached["bad"] < reached["fine"] - 0.1


def test_the_log_is_messy_like_a_real_one(cli: Cli, project: Path, write: Write) -> None:
    source = write("shop.yaml", BRANCHING)
    simulate(cli, source, project / "log.jsonl", "-n", "2000", "--late", "0.05")
    log = rows(project / "log.jsonl")
    claimed = {"page_view", "order_placed", "thanks"}
    assert {r["event"] for r in log} - claimed, "noise events no step claims"
    cases = by_case(log).values()
    assert any(a["event"] == b["event"] for c in cases for a, b in itertools.pairwise(c))
    assert any(a["timestamp"] == b["timestamp"] for c in cases for a, b in itertools.pairwise(c))
    times = [r["timestamp"] for r in log]
    assert any(b < a for a, b in itertools.pairwise(times)), "rows out of time order"
    assert all([r["seq"] for r in c] == list(range(1, len(c) + 1)) for c in cases)


def test_jsonl_rows_are_json_with_utc_timestamps(cli: Cli, project: Path, write: Write) -> None:
    source = write("shop.yaml", BRANCHING)
    simulate(cli, source, project / "log.jsonl", "-n", "20", "--start", "2025-03-01")
    first = json.loads((project / "log.jsonl").read_text().splitlines()[0])
    assert set(first) == {"user_id", "event", "timestamp", "seq", "path"}
    assert first["timestamp"].startswith("2025-03-") and first["timestamp"].endswith("Z")


def test_day_in_the_life_times_are_kept(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "day.csv"
    simulate(cli, EXAMPLES / "day-in-the-life.yaml", out, "-n", "200", "--ties", "0")
    starts = [r for r in rows(out) if r["seq"] == 1]
    assert all(r["event"] == "screen_view" for r in starts)
    minutes = {r["timestamp"].hour * 60 + r["timestamp"].minute for r in starts}
    assert min(minutes) >= 6 * 60 + 20 and max(minutes) < 6 * 60 + 30


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("log.txt", "cannot tell the format of log.txt"),
        ("log.parquet", "which the log itself uses"),
    ],
)
def test_refusals_write_nothing(
    cli: Cli, project: Path, write: Write, name: str, message: str
) -> None:
    clash = BRANCHING.replace("{path: /home}", "{user_id: x}")
    source = write("shop.yaml", clash)
    result = cli("simulate", str(source), "-o", str(project / name))
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.splitlines()) == 1
    assert sorted(p.name for p in project.iterdir()) == ["journeymap.toml", "shop.yaml"]


def test_a_map_with_errors_is_reported_and_nothing_written(
    cli: Cli, project: Path, write: Write
) -> None:
    source = write("broken.yaml", "journeymap: 1\nkind: current-state\nid: b\nstages: []\n")
    result = cli("simulate", str(source), "-o", str(project / "log.csv"))
    assert result.exit_code == 1
    assert "JM1" in result.stderr
    assert not (project / "log.csv").exists()


def test_a_bad_start_date_is_one_line(cli: Cli, project: Path, write: Write) -> None:
    source = write("shop.yaml", BRANCHING)
    result = cli("simulate", str(source), "-o", str(project / "log.csv"), "--start", "May 1")
    assert result.exit_code == 2
    assert "--start 'May 1' is not a date" in result.stderr


def test_cases_are_walked_in_chunks_without_seams(
    cli: Cli, project: Path, write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("journeymap.analytics.simulate.CHUNK", 7)
    source = write("shop.yaml", BRANCHING)
    result = simulate(cli, source, project / "log.csv", "-n", "40", "--late", "0.2")
    log = rows(project / "log.csv")
    cases = by_case(log)
    assert len(cases) == 40
    assert all([r["seq"] for r in c] == list(range(1, len(c) + 1)) for c in cases.values())
    assert result.stdout.strip().endswith(f": {len(log)} events of 40 cases")
