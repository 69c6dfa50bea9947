"""The logical query: engine-neutral SQL that transpiles, safe quoting, and its two ways of
counting reach agreeing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlglot
import yaml

from analytics_fixtures import SHOP_MAP, write_csv
from journeymap.analytics import query as query_module
from journeymap.analytics.binding import bind
from journeymap.analytics.measures import dumps
from journeymap.analytics.query import build_query
from journeymap.analytics.run import Options, measure
from journeymap.analytics.source import resolve_source
from journeymap.normalize import journey_from

DIALECTS = ("duckdb", "postgres", "spark", "snowflake", "bigquery", "trino")


def shop_query(**kinds: str) -> query_module.LogicalQuery:
    journey = journey_from(yaml.safe_load(SHOP_MAP), path="shop.yaml")
    return build_query(
        bind(journey), kinds=kinds or {"page": "text"}, ordered=True, window_seconds=60,
        min_cases=10,
    )  # fmt: skip


@pytest.mark.parametrize("dialect", DIALECTS)
def test_every_statement_renders_and_parses_back(dialect: str) -> None:
    for name, sql in shop_query().statements(dialect):
        assert sqlglot.parse_one(sql, read=dialect) is not None, name


def test_user_text_cannot_change_the_statement() -> None:
    hostile = "x'); DROP TABLE t; --"
    text = SHOP_MAP.replace("{page: /products}", '{"we\'ird col": "' + hostile + '"}')
    journey = journey_from(yaml.safe_load(text), path="shop.yaml")
    query = build_query(bind(journey), kinds={}, ordered=False, window_seconds=1, min_cases=0)
    seq = dict(query.statements("duckdb"))["jm_seq"]
    assert "'x''); DROP TABLE t; --'" in seq
    assert '"we\'ird col"' in seq
    assert len(sqlglot.parse(seq, read="duckdb")) == 1


def test_numbers_and_booleans_compare_as_their_column_type() -> None:
    journey = journey_from(
        yaml.safe_load(SHOP_MAP.replace("{page: /products}", "{page: [1, '2'], vip: true}")),
        path="shop.yaml",
    )
    seq = dict(
        build_query(
            bind(journey), kinds={"page": "number", "vip": "boolean"}, ordered=False,
            window_seconds=1, min_cases=0,
        ).statements("duckdb")
    )["jm_seq"]  # fmt: skip
    assert '"page" IN (1, 2)' in seq
    assert '"vip" IN (TRUE)' in seq


def test_reach_by_mask_and_by_pairs_agree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    journey = journey_from(yaml.safe_load(SHOP_MAP), path="shop.yaml")
    log = write_csv(tmp_path / "events.csv")
    options = Options(min_cases=0)
    by_mask = dumps(measure([(journey, "shop.yaml")], resolve_source(str(log)), options))
    monkeypatch.setattr(query_module, "MASK_STEPS", 0)
    assert "GROUP BY c, s" in dict(shop_query().statements("duckdb"))["jm_reach"]
    by_pairs = dumps(measure([(journey, "shop.yaml")], resolve_source(str(log)), options))
    assert by_pairs == by_mask
    assert json.loads(by_mask)["maps"]["shop"]["steps"]["land"]["reach"] == 4
