"""The same measurement on Spark (local mode) as on DuckDB, every figure; the emitted Spark
SQL runs in Spark and reads back. One SparkSession serves the whole test session."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from analytics_fixtures import SHOP_MAP, write_csv
from conftest import Result
from engine_fixtures import SIM_HEADER, simulated_rows, spark_fixture, write_rows  # noqa: F401

Cli = Callable[..., Result]


def run(cli: Cli, *args: str) -> str:
    result = cli("measure", *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def same_figures(ours: str, theirs: str) -> None:
    a, b = json.loads(ours), json.loads(theirs)
    a.pop("source")
    b.pop("source")
    assert json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)
    assert a["maps"]["shop"]["events"] > 0


def test_spark_gives_the_same_measures_as_duckdb(cli: Cli, tmp_path: Path, spark: Any) -> None:
    shop = tmp_path / "shop.yaml"
    shop.write_text(SHOP_MAP, "utf-8")
    fixture = write_csv(tmp_path / "fixture.csv")
    offsets = write_rows(
        tmp_path / "offsets.csv", simulated_rows(300, seed=5, offsets=True), SIM_HEADER
    )
    naive = write_rows(
        tmp_path / "naive.csv", simulated_rows(300, seed=6, offsets=False), SIM_HEADER
    )
    runs = [
        (fixture, ("--min-cases", "0")),
        (offsets, ("--min-cases", "3")),
        (naive, ("--timezone", "Asia/Kolkata", "--order", "seq", "--window", "2d")),
    ]
    for log, extra in runs:
        duck = run(cli, str(shop), "--events", str(log), *extra)
        on_spark = run(cli, str(shop), "--engine", "spark", "--events", str(log), *extra)
        same_figures(duck, on_spark)
        assert json.loads(on_spark)["source"]["name"] == log.name


def test_spark_reads_a_table_and_parquet(cli: Cli, tmp_path: Path, spark: Any) -> None:
    shop = tmp_path / "shop.yaml"
    shop.write_text(SHOP_MAP, "utf-8")
    log = write_rows(tmp_path / "e.csv", simulated_rows(200, seed=7, offsets=True), SIM_HEADER)
    frame = spark.read.option("header", "true").csv(str(log))
    frame.createOrReplaceTempView("jm_test_events")
    frame.write.parquet(str(tmp_path / "e.parquet"))
    duck = run(cli, str(shop), "--events", str(log), "--min-cases", "2")
    table = run(
        cli, str(shop), "--engine", "spark", "--table", "jm_test_events", "--min-cases", "2"
    )
    parquet = run(
        cli,
        str(shop),
        "--engine",
        "spark",
        "--events",
        str(tmp_path / "e.parquet"),
        "--min-cases",
        "2",
    )
    same_figures(duck, table)
    same_figures(duck, parquet)

    emitted = run(
        cli, str(shop), "--emit-sql", "spark", "--table", "jm_spark_typed", "--min-cases", "2"
    )
    spark.sql(
        "SELECT user_id, event, CAST(timestamp AS TIMESTAMP) AS timestamp, page FROM jm_test_events"
    ).createOrReplaceTempView("jm_spark_typed")
    rows = spark.sql(emitted.rstrip().rstrip(";")).collect()
    saved = tmp_path / "results.csv"
    with saved.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["part", "v1", "v2", "v3", "v4", "v5"])
        writer.writerows([["" if v is None else v for v in row] for row in rows])
    same_figures(duck, run(cli, str(shop), "--from-results", str(saved)))

    missing = cli("measure", str(shop), "--engine", "spark", "--table", "no_such_table")
    assert missing.exit_code == 2
    assert missing.stderr.count("\n") == 1
    assert "no_such_table" in missing.stderr


def test_the_funnel_steps_are_stages_on_spark_and_every_view_is_dropped(
    cli: Cli, tmp_path: Path, spark: Any, monkeypatch: Any
) -> None:
    """Spark inlines CTEs: the funnel's chain of steps runs as stages (computed once each,
    not once per later step), and no temporary view outlives the measurement."""
    from journeymap.analytics.engines.spark import SparkEngine

    shop = tmp_path / "shop.yaml"
    shop.write_text(SHOP_MAP, "utf-8")
    log = write_rows(tmp_path / "f.csv", simulated_rows(200, seed=8, offsets=True), SIM_HEADER)
    staged: list[str] = []
    original = SparkEngine.stage

    def recorded(self: SparkEngine, name: str, select_sql: str) -> None:
        staged.append(name)
        original(self, name, select_sql)

    monkeypatch.setattr(SparkEngine, "stage", recorded)
    path = ("--path", "search,cart,buy", "--min-cases", "0")
    on_spark = run(cli, str(shop), "--engine", "spark", "--events", str(log), *path)
    same_figures(run(cli, str(shop), "--events", str(log), *path), on_spark)
    assert [name for name in staged if name.startswith("f")] == ["f0", "f1", "f2"]
    left = {t.name for t in spark.catalog.listTables() if t.isTemporary}
    assert not left & {*staged, "jm_seq"}, left
