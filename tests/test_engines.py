"""The same measurement on PostgreSQL as on DuckDB (every figure of the measures file), the
SQL emitted for each warehouse (parsed back; run on DuckDB and PostgreSQL and read back with
--from-results), credentials never shown, and only aggregates fetched."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pytest
import sqlglot

from analytics_fixtures import HEADER, ROWS, SHOP_MAP, write_csv
from conftest import Result
from engine_fixtures import (
    SIM_HEADER,
    load_table,
    pg_schema_fixture,  # noqa: F401 (the pg_schema fixture)
    server_dsn,
    simulated_rows,
    write_rows,
)
from journeymap.analytics.engines.emit import DIALECTS

Cli = Callable[..., Result]
SIM_TYPES = "user_id text, event text, timestamp text, page text, seq integer"


def figures(cli: Cli, *args: str) -> tuple[dict[str, Any], str]:
    result = cli("measure", *args)
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data, result.stdout


def same_figures(ours: str, theirs: str) -> None:
    """Everything but `source` (which names the engine's table) is byte-identical."""
    a, b = json.loads(ours), json.loads(theirs)
    assert a.pop("source") != b.pop("source")
    assert json.dumps(a, indent=2, sort_keys=True) == json.dumps(b, indent=2, sort_keys=True)
    assert a["maps"]["shop"]["events"] > 0


@pytest.fixture
def shop_map(tmp_path: Path) -> Path:
    path = tmp_path / "shop.yaml"
    path.write_text(SHOP_MAP, "utf-8")
    return path


CASES = {
    "fixture": (ROWS, HEADER, "user_id text, event text, timestamp timestamp, page text", ()),
    "offsets": (simulated_rows(400, seed=1, offsets=True), SIM_HEADER, SIM_TYPES, ()),
    "zone-order": (
        simulated_rows(400, seed=2, offsets=False),
        SIM_HEADER,
        SIM_TYPES,
        ("--timezone", "America/New_York", "--order", "seq", "--window", "3d"),
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_postgres_gives_the_same_measures_as_duckdb(
    cli: Cli, tmp_path: Path, shop_map: Path, pg_schema: tuple[str, Any], name: str
) -> None:
    rows, header, types, extra = CASES[name]
    schema, con = pg_schema
    load_table(con, f"{schema}.events", rows, header, types)
    log = write_rows(tmp_path / "events.csv", rows, header)
    common = (str(shop_map), "--min-cases", "3", *extra)
    _, duck = figures(cli, *common, "--events", str(log))
    _, pg = figures(
        cli, *common, "--engine", "postgres", "--dsn", server_dsn(), "--table", f"{schema}.events"
    )
    same_figures(duck, pg)


def test_postgres_reads_the_dsn_from_the_environment(
    cli: Cli, shop_map: Path, pg_schema: tuple[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    schema, con = pg_schema
    load_table(con, f"{schema}.events", ROWS, HEADER, CASES["fixture"][2])
    monkeypatch.setenv("JOURNEYMAP_DSN", server_dsn())
    data, text = figures(cli, str(shop_map), "--engine", "postgres", "--table", f"{schema}.events")
    assert data["source"] == {"kind": "postgres", "name": f"{schema}.events"}
    assert data["maps"]["shop"]["cases"] == 4
    password = server_dsn().split(":")[2].split("@")[0]
    assert password not in text


def test_only_aggregates_leave_postgres(
    cli: Cli, tmp_path: Path, shop_map: Path, pg_schema: tuple[str, Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    from journeymap.analytics.engines.postgres import PostgresEngine

    rows = simulated_rows(3000, seed=3, offsets=True)
    schema, con = pg_schema
    load_table(con, f"{schema}.events", rows, SIM_HEADER, SIM_TYPES)
    fetched: list[int] = []
    original = PostgresEngine.rows

    def counted(self: PostgresEngine, sql: str) -> list[tuple[Any, ...]]:
        found = original(self, sql)
        fetched.append(len(found))
        return found

    monkeypatch.setattr(PostgresEngine, "rows", counted)
    data, _ = figures(
        cli, str(shop_map), "--engine", "postgres", "--dsn", server_dsn(),
        "--table", f"{schema}.events",
    )  # fmt: skip
    assert data["events"] == len(rows) > 10_000
    steps = len(data["maps"]["shop"]["steps"])
    # totals, checks, coverage: one row each; steps, gaps: a row per step; pairs: per pair;
    # variants, unclaimed: the top 20/10; the funnel: a row per step of its path.
    assert sum(fetched) <= 6 + 2 * steps + steps * steps + 20 + 10 + steps
    assert len(fetched) == 10


def test_wrong_password_is_one_line_without_the_password(cli: Cli, shop_map: Path) -> None:
    dsn = server_dsn()
    password = dsn.split(":")[2].split("@")[0]
    wrong = dsn.replace(password, "Wr0ngSecretXyz")
    result = cli("measure", str(shop_map), "--engine", "postgres", "--dsn", wrong, "--table", "t")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "password authentication failed" in result.stderr
    assert "Wr0ngSecretXyz" not in result.stderr + result.stdout
    assert password not in result.stderr


@pytest.mark.parametrize(
    "dsn",
    [
        "postgresql://jm:S3cretPw@127.0.0.1:1/postgres",
        "host=127.0.0.1 port=1 user=jm password=S3cretPw dbname=x",
        "postgresql://jm:S3cretPw@127.0.0.1:notaport/postgres",
        "host=127.0.0.1 password=S3cretPw bogus_option=1",
    ],
)
def test_unreachable_or_bad_dsn_is_one_line_without_the_password(
    cli: Cli, shop_map: Path, dsn: str
) -> None:
    result = cli("measure", str(shop_map), "--engine", "postgres", "--dsn", dsn, "--table", "t")
    assert result.exit_code == 2
    assert result.stderr.startswith("journeymap: cannot connect to PostgreSQL: ")
    assert result.stderr.count("\n") == 1
    assert "S3cretPw" not in result.stderr + result.stdout
    assert "Traceback" not in result.stderr


def test_missing_table_or_column_is_one_line(
    cli: Cli, shop_map: Path, pg_schema: tuple[str, Any]
) -> None:
    schema, con = pg_schema
    load_table(con, f"{schema}.events", ROWS, HEADER, CASES["fixture"][2])
    base = (str(shop_map), "--engine", "postgres", "--dsn", server_dsn())
    result = cli("measure", *base, "--table", f"{schema}.nothing")
    assert result.exit_code == 2, result.stderr
    assert f'relation "{schema}.nothing" does not exist' in result.stderr
    result = cli("measure", *base, "--table", f"{schema}.events", "--case", "user")
    assert result.exit_code == 2
    assert "no case column 'user'; did you mean 'user_id'?" in result.stderr
    result = cli("measure", *base)
    assert result.exit_code == 2
    assert result.stderr == "journeymap: --engine postgres needs --table TABLE (a table or view)\n"
    # A table name is an identifier, never SQL text: this is one (quoted) name.
    result = cli("measure", *base, "--table", f"{schema}.events; DROP TABLE x")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize("dialect", DIALECTS)
def test_emitted_sql_parses_back(cli: Cli, shop_map: Path, dialect: str) -> None:
    result = cli("measure", str(shop_map), "--emit-sql", dialect, "--table", "lake.events")
    assert result.exit_code == 0, result.stderr
    tree = sqlglot.parse_one(result.stdout, read=dialect)
    tables = {t.sql(dialect) for t in tree.find_all(sqlglot.exp.Table)}
    assert {"lake.events", "jm_seq", "jm_by_name", "jm_paths"} <= tables
    assert "'/products'" in result.stdout  # the where filter, as a literal
    if dialect in ("trino", "bigquery", "spark", "databricks"):
        assert "PERCENTILE_APPROX" not in result.stdout.upper()


def _save(path: Path, cursor_rows: list[tuple[Any, ...]], names: list[str]) -> Path:
    if path.suffix == ".json":
        path.write_text(json.dumps([dict(zip(names, r, strict=True)) for r in cursor_rows]))
        return path
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(names)
        writer.writerows([["" if v is None else v for v in r] for r in cursor_rows])
    return path


def test_emitted_sql_runs_on_duckdb_and_postgres_and_reads_back(
    cli: Cli, tmp_path: Path, shop_map: Path, pg_schema: tuple[str, Any]
) -> None:
    rows = simulated_rows(300, seed=4, offsets=False)
    schema, con = pg_schema
    types = SIM_TYPES.replace("timestamp text", "timestamp timestamp")
    load_table(con, f"{schema}.events", rows, SIM_HEADER, types)
    log = write_rows(tmp_path / "events.csv", rows, SIM_HEADER)
    args = (str(shop_map), "--min-cases", "2", "--order", "seq", "--table", f"{schema}.events")
    _, engine = figures(cli, *args[:5], "--events", str(log))

    emitted = cli("measure", *args, "--emit-sql", "postgres").stdout
    cursor = con.execute(emitted)
    pg_file = _save(tmp_path / "pg.json", cursor.fetchall(), [d.name for d in cursor.description])

    duck = duckdb.connect()
    duck.execute(f"CREATE SCHEMA {schema}")
    duck.execute(
        f"CREATE TABLE {schema}.events AS SELECT user_id, event, CAST(timestamp AS TIMESTAMP) "
        f"AS timestamp, page, CAST(seq AS INTEGER) AS seq FROM read_csv(?, all_varchar = true)",
        [str(log)],
    )
    found = duck.execute(cli("measure", *args, "--emit-sql", "duckdb").stdout)
    duck_file = _save(tmp_path / "duck.csv", found.fetchall(), [d[0] for d in found.description])

    _, from_pg = figures(cli, str(shop_map), "--from-results", str(pg_file))
    _, from_duck = figures(cli, str(shop_map), "--from-results", str(duck_file))
    same_figures(engine, from_pg)
    same_figures(engine, from_duck)
    assert json.loads(from_pg)["source"] == {"kind": "postgres", "name": f"{schema}.events"}


def test_from_results_refuses_a_bad_file(cli: Cli, tmp_path: Path, shop_map: Path) -> None:
    bad = tmp_path / "r.csv"
    bad.write_text("a,b\n1,2\n")
    result = cli("measure", str(shop_map), "--from-results", str(bad))
    assert result.exit_code == 2
    assert "the header must be part,v1,v2,v3,v4,v5" in result.stderr
    bad.write_text("part,v1,v2,v3,v4,v5\nsetting,map,other,,,\n")
    result = cli("measure", str(shop_map), "--from-results", str(bad))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1


def test_emit_needs_a_table_and_a_known_dialect(cli: Cli, shop_map: Path) -> None:
    result = cli("measure", str(shop_map), "--emit-sql", "postgres")
    assert result.exit_code == 2
    assert "--table" in result.stderr
    result = cli("measure", str(shop_map), "--emit-sql", "oracle", "--table", "t")
    assert result.exit_code == 2
    assert "unknown dialect 'oracle'" in result.stderr


def test_shop_csv_fixture_is_the_worked_example(tmp_path: Path) -> None:
    """The fixture these tests share is the one docs/analytics.md derives by hand."""
    assert write_csv(tmp_path / "e.csv").read_text().count("\n") == len(ROWS) + 1


def test_readme_shows_the_real_emitted_sql(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    from conftest import ROOT

    readme = (ROOT / "README.md").read_text("utf-8")
    command = "$ $M --emit-sql bigquery --table lake.events | head -n 9\n"
    shown = readme.split(command, 1)[1].split("\n$ ", 1)[0]
    monkeypatch.chdir(ROOT)
    result = cli(
        "measure", "docs/analytics/shop.yaml", "--min-cases", "0",
        "--emit-sql", "bigquery", "--table", "lake.events",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "\n".join(result.stdout.splitlines()[:9]) == shown.rstrip("\n")


@pytest.mark.parametrize(
    ("text", "dsn"),
    [
        ("failed for sc://h:15002/;token=Tok3nXyz", "sc://h:15002/;token=Tok3nXyz"),
        ("bad dsn postgresql://u:Pa%40ssXyz@h/db here", "postgresql://u:Pa%40ssXyz@h/db"),
        ("bad: password='Pa ssXyz' host=x", "password='Pa ssXyz' host=x"),
        ("server said Pa@ssXyz", "postgresql://u:Pa%40ssXyz@h/db"),
    ],
)
def test_redact_removes_every_form_of_a_password(text: str, dsn: str) -> None:
    from journeymap.analytics.engines.redact import redact

    shown = redact(text, dsn)
    assert "Xyz" not in shown
    assert "***" in shown
