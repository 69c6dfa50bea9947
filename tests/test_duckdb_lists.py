"""DuckDB's fast path (per-case lists) writes byte for byte the measures of the logical
query: on the worked example, on simulated logs with ties, repeats and time zones, on
times before 1970, with a chosen funnel path, a short window and no suppression."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from analytics_fixtures import HEADER, ROWS, SHOP_MAP
from engine_fixtures import SIM_HEADER, simulated_rows, write_rows
from journeymap.analytics.engines.duckdb import DuckDBEngine
from journeymap.analytics.measures import dumps
from journeymap.analytics.run import Options, measure
from journeymap.analytics.source import resolve_source
from journeymap.normalize import journey_from

NO_EDGES = SHOP_MAP.replace("next: [cart]", "next: []").replace("next: [buy]", "next: []")
NO_EDGES = NO_EDGES.replace(
    "next: [{to: browse, share: 0.7}, {to: search, share: 0.2}, {to: cart, share: 0.1}]",
    "next: []",
)
BEFORE_1970 = [
    ("a", "app_open", "1969-12-31 23:59:58", ""),
    ("a", "search", "1969-12-31 23:59:58", ""),
    ("a", "add_to_cart", "1970-01-01 00:00:03", ""),
    ("a", "purchase", "1969-12-31 23:59:59", ""),
    ("b", "search", "1969-07-20 20:17:40", ""),
    ("b", "search", "1969-07-20 20:17:40", ""),
    ("b", "app_open", "1969-07-21 02:56:00", ""),
    ("c", "purchase", "2026-01-01 00:00:00", ""),
]


def both_paths(
    tmp_path: Path, rows: list[tuple[str, ...]], header: tuple[str, ...], *,
    text: str = SHOP_MAP, **options: Any,
) -> tuple[str, str, list[str]]:  # fmt: skip
    """(lists path, logical query) measures, and the statements the first one ran."""
    log = write_rows(tmp_path / "events.csv", rows, header)
    journey = journey_from(yaml.safe_load(text), path="shop.yaml")
    ran: list[str] = []
    original = DuckDBEngine.fetch

    def recorded(self: DuckDBEngine, sql: str, what: str = "the log") -> Any:
        ran.append(sql)
        return original(self, sql, what)

    out = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(DuckDBEngine, "fetch", recorded)
        for lists in (True, False):
            patch.setattr(DuckDBEngine, "lists", lists)
            source = resolve_source(str(log))
            out.append(dumps(measure([(journey, "shop.yaml")], source, Options(**options))))
            if lists:
                first = list(ran)
    return out[0], out[1], first


def uses_lists(statements: list[str]) -> bool:
    return any("TABLE jm_lists" in sql for sql in statements) and not any(
        "jm_seq" in sql for sql in statements
    )


@pytest.mark.parametrize("min_cases", [0, 2])
def test_worked_example(tmp_path: Path, min_cases: int) -> None:
    fast, logical, ran = both_paths(tmp_path, ROWS, HEADER, min_cases=min_cases)
    assert uses_lists(ran)
    assert fast == logical
    assert '"cases": 4' in fast


@pytest.mark.parametrize(
    ("seed", "offsets", "options"),
    [
        (1, True, {}),
        (2, False, {"timezone": "America/New_York", "window_seconds": 3 * 86400}),
        (3, False, {"min_cases": 0, "path": ("search", "cart", "buy")}),
        (4, True, {"min_cases": 0, "window_seconds": 60}),
    ],
)
def test_simulated_logs_with_ties_repeats_and_zones(
    tmp_path: Path, seed: int, offsets: bool, options: dict[str, Any]
) -> None:
    rows = simulated_rows(600, seed=seed, offsets=offsets)
    fast, logical, ran = both_paths(tmp_path, rows, SIM_HEADER, **options)
    assert uses_lists(ran)
    assert fast == logical
    assert '"transitions": [\n' in fast


def test_times_before_1970_and_a_map_without_edges(tmp_path: Path) -> None:
    for text in (SHOP_MAP, NO_EDGES):
        fast, logical, ran = both_paths(tmp_path, BEFORE_1970, HEADER, text=text, min_cases=0)
        assert uses_lists(ran)
        assert fast == logical
        assert '"first": "1969-07-20T20:17:40Z"' in fast


def test_an_order_column_takes_the_logical_query(tmp_path: Path) -> None:
    rows = simulated_rows(50, seed=5, offsets=True)
    fast, logical, ran = both_paths(tmp_path, rows, SIM_HEADER, order="seq")
    assert not uses_lists(ran)
    assert fast == logical


@pytest.mark.parametrize("seed", [6, 7])
def test_buckets_of_cases_add_up_to_the_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    from journeymap.analytics.engines import duckdb_lists

    monkeypatch.setattr(duckdb_lists, "MIN_BUCKET", 1)
    monkeypatch.setattr(DuckDBEngine, "memory_bytes", lambda self: 400 * 160)
    rows = simulated_rows(800, seed=seed, offsets=seed % 2 == 0)
    fast, logical, ran = both_paths(tmp_path, rows, SIM_HEADER, min_cases=2)
    assert uses_lists(ran)
    assert sum("INSERT INTO jm_cases" in sql for sql in ran) >= 5
    assert fast == logical


def widest_map() -> str:
    """As many steps as a mask holds (62), each drawn to the next only."""
    lines = ["journeymap: 1", "kind: current-state", "id: wide", "title: Wide", "stages:"]
    lines += ["  - id: all", "    title: All", "    steps:"]
    for i in range(62):
        lines += [f"      - id: s{i}", f"        action: Step {i}", f"        events: [e{i}]"]
        lines.append(f"        next: [s{i + 1}]" if i < 61 else "        next: []")
    return "\n".join(lines) + "\n"


def test_the_widest_map_tells_drawn_moves_from_undrawn_ones(tmp_path: Path) -> None:
    """Moves into the last steps (the mask's top bits) and back to the first: the
    conformance of each path must match the logical query's."""
    rows = [
        ("a", "e59", "2026-01-01 00:00:01", ""),
        ("a", "e60", "2026-01-01 00:00:02", ""),
        ("a", "e61", "2026-01-01 00:00:03", ""),
        ("b", "e61", "2026-01-01 00:00:01", ""),
        ("b", "e0", "2026-01-01 00:00:02", ""),
        ("c", "e0", "2026-01-01 00:00:01", ""),
        ("c", "e61", "2026-01-01 00:00:02", ""),
        ("d", "e5", "2026-01-01 00:00:01", ""),
    ]
    fast, logical, ran = both_paths(tmp_path, rows, HEADER, text=widest_map(), min_cases=0)
    assert uses_lists(ran)
    assert fast == logical
    variants = json.loads(fast)["maps"]["wide"]["variants"]
    assert variants["conformance"] == 0.5
    conforming = {tuple(v["path"]): v["conforms"] for v in variants["top"]}
    assert conforming[("s59", "s60", "s61")] and conforming[("s5",)]
    assert not conforming[("s61", "s0")] and not conforming[("s0", "s61")]


def test_bucket_sizes_follow_the_memory_limit() -> None:
    from journeymap.analytics.engines.duckdb import parse_bytes

    assert parse_bytes("2.7 GiB") == int(2.7 * 2**30)
    assert parse_bytes("476.8 MiB") == int(476.8 * 2**20)
    assert parse_bytes("3GB") == 3 * 10**9
    assert parse_bytes("lots") == parse_bytes("1 parsec") == 2**30


@pytest.mark.parametrize("order", [True, False])
def test_a_null_case_id_is_refused_on_both_paths(tmp_path: Path, order: bool) -> None:
    """The per-name counts count the raw case column on both DuckDB paths."""
    from journeymap.analytics.errors import AnalyticsError

    rows = [("a", "app_open", "2026-01-01 00:00:01", "/a"), ("", "search", "2026-01-01", "/b")]
    log = write_rows(tmp_path / "events.csv", rows, HEADER)
    journey = journey_from(yaml.safe_load(SHOP_MAP), path="shop.yaml")
    options = Options(order="page") if order else Options()
    with pytest.raises(AnalyticsError, match="1 event has no case id"):
        measure([(journey, "shop.yaml")], resolve_source(str(log)), options)
