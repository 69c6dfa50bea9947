"""`journeymap measure` on every kind of source, and on bad input: one line, exit 2, no file."""

from __future__ import annotations

import gzip
import json
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from analytics_fixtures import HEADER, ROWS, write_csv, write_project
from conftest import Result

Cli = Callable[..., Result]


def copy_to(log: Path, target: Path, options: str) -> Path:
    """The CSV log rewritten by DuckDB in another format."""
    con = duckdb.connect()
    rows = f"SELECT * FROM read_csv('{log}', types = {{'timestamp': 'TIMESTAMP'}})"
    con.execute(f"COPY ({rows}) TO '{target}' ({options})")
    return target


def figures(result: Result) -> dict[str, object]:
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    return data


@pytest.fixture
def shop(tmp_path: Path) -> tuple[Path, Path]:
    return write_project(tmp_path)


def sources(log: Path, folder: Path) -> dict[str, tuple[str, str]]:
    """Every kind of source with the same events: (argument, kind recorded)."""
    tsv = write_csv(folder / "events.tsv", delimiter="\t")
    gz = folder / "events.csv.gz"
    gz.write_bytes(gzip.compress(log.read_bytes()))
    parquet = copy_to(log, folder / "events.parquet", "FORMAT parquet")
    hive = folder / "hive"
    con = duckdb.connect()
    con.execute(
        f"COPY (SELECT *, substr(user_id, 2) AS part FROM read_csv('{log}')) TO '{hive}' "
        "(FORMAT parquet, PARTITION_BY (part))"
    )
    (folder / "split").mkdir()
    copy_to(log, folder / "split" / "a.parquet", "FORMAT parquet")
    jsonl = copy_to(log, folder / "events.jsonl", "FORMAT json")
    zst = copy_to(log, folder / "events.jsonl.zst", "FORMAT json, COMPRESSION zstd")
    database = folder / "app.duckdb"
    with duckdb.connect(str(database)) as db:
        db.execute(f"CREATE TABLE events AS SELECT * FROM read_csv('{log}')")
    return {
        "tsv": (str(tsv), "tsv"),
        "gzip": (str(gz), "csv"),
        "parquet": (str(parquet), "parquet"),
        "hive": (str(hive), "parquet"),
        "glob": (str(folder / "split" / "*.parquet"), "parquet"),
        "jsonl": (str(jsonl), "jsonl"),
        "zstd": (str(zst), "jsonl"),
        "duckdb": (f"{database}:events", "duckdb"),
    }


def test_every_source_gives_the_same_measures(
    cli: Cli, shop: tuple[Path, Path], tmp_path: Path
) -> None:
    map_path, log = shop
    base = figures(cli("measure", str(map_path), "--events", str(log), "--min-cases", "0"))
    for name, (argument, kind) in sources(log, tmp_path / "data").items():
        data = figures(cli("measure", str(map_path), "--events", argument, "--min-cases", "0"))
        assert data["maps"] == base["maps"], name
        assert data["period"] == base["period"], name
        assert data["source"]["kind"] == kind, name  # type: ignore[index]
        assert "/" not in data["source"]["name"], name  # type: ignore[index]


def test_table_flag_names_the_duckdb_table(
    cli: Cli, shop: tuple[Path, Path], tmp_path: Path
) -> None:
    map_path, log = shop
    database = tmp_path / "app.duckdb"
    with duckdb.connect(str(database)) as db:
        db.execute(f"CREATE TABLE events AS SELECT * FROM read_csv('{log}')")
    result = cli("measure", str(map_path), "--events", str(database), "--table", "events")
    assert figures(result)["source"] == {"kind": "duckdb", "name": "app.duckdb:events"}
    missing = cli("measure", str(map_path), "--events", str(database), "--table", "evts")
    assert missing.exit_code == 2
    assert "no table 'evts' (tables: events)" in missing.stderr


def _big_broken(folder: Path) -> Path:
    """Past the CSV sniffer's sample, DuckDB names the bad line itself."""
    lines = [",".join(HEADER)] + [
        f"u{i % 99},app_open,2026-01-01 10:00:00,/x" for i in range(40000)
    ]
    lines[30000] = "u1,app_open,2026-01-01 10:00:00,/x,extra"
    path = folder / "big-broken.csv"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def bad_logs(folder: Path) -> dict[str, tuple[Path, list[str], str]]:
    """name -> (log, extra arguments, what the one line must say)."""
    rows = list(ROWS)
    fake = folder / "fake.parquet"
    fake.write_text("not parquet", "utf-8")
    broken = folder / "broken.csv"
    lines = [",".join(HEADER)] + [f"u{i},app_open,2026-01-01 10:00:00,/x" for i in range(5000)]
    lines[4000] = "u1,app_open,2026-01-01 10:00:00,/x,extra,fields"
    broken.write_text("\n".join(lines) + "\n", "utf-8")
    csv = lambda name, rows=ROWS, header=HEADER: write_csv(folder / name, rows, header)  # noqa: E731
    unreadable = [*rows[:3], ("u9", "search", "soon", ""), ("u9", "search", "later", "")]
    mixed = [
        ("u1", "search", "2026-01-01T10:00:00+01:00", ""),
        ("u2", "search", "2026-01-01T10:00:00", ""),
    ]
    no_case = [*rows[:2], ("", "search", "2026-01-01 10:00:00", "")]
    other = [("u1", "login", "2026-01-01 10:00:00", "")]
    return {
        "misnamed column": (csv("a.csv", header=("uid", *HEADER[1:])), [], "usual case columns"),
        "named column missing": (csv("b.csv"), ["--time", "tstamp"], "did you mean 'timestamp'?"),
        "where column missing": (
            csv("c.csv", [r[:3] for r in rows], HEADER[:3]),
            [],
            "no column 'page' for a `where` filter",
        ),
        "bad timestamps": (
            csv("d.csv", unreadable),
            [],
            "2 timestamps in column 'timestamp' cannot be read, the first at data row 4: 'soon'",
        ),
        "mixed zones": (csv("e.csv", mixed), [], "mixed time zones"),
        "null case ids": (
            csv("f.csv", no_case),
            [],
            "1 event has no case id (column 'user_id'), the first at data row 3",
        ),
        "empty log": (csv("g.csv", []), [], "the log is empty"),
        "none of the events": (csv("h.csv", other), [], "its most frequent events are: login"),
        "not parquet": (fake, [], "not a Parquet file"),
        "a bad line in the sample": (broken, [], "line 4001 has 6 fields, the header has 4"),
        "a bad line in a big file": (_big_broken(folder), [], "CSV Error on Line: 30001"),
        "no such file": (folder / "absent.csv", [], "no such file"),
        "unknown zone": (csv("i.csv"), ["--timezone", "Europe/Pariss"], "'Europe/Paris'?"),
        "bad window": (csv("j.csv"), ["--window", "2 weeks"], "is not a number and a unit"),
        "unknown path step": (csv("k.csv"), ["--path", "land,bye"], "did you mean 'buy'?"),
    }


BAD_CASES = [
    "misnamed column", "named column missing", "where column missing", "bad timestamps",
    "mixed zones", "null case ids", "empty log", "none of the events", "not parquet",
    "a bad line in the sample", "a bad line in a big file", "no such file", "unknown zone",
    "bad window", "unknown path step",
]  # fmt: skip


@pytest.mark.parametrize("case", BAD_CASES)
def test_bad_input_is_one_line_exit_two_and_no_file(
    cli: Cli, shop: tuple[Path, Path], tmp_path: Path, case: str
) -> None:
    map_path, _ = shop
    log, extra, expected = bad_logs(tmp_path)[case]
    out = tmp_path / "out" / "measures.json"
    result = cli("measure", str(map_path), "--events", str(log), *extra, "-o", str(out))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert result.stderr.startswith("journeymap: ")
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.parent.exists() or list(out.parent.iterdir()) == []


def test_a_toml_log_outside_the_root_is_refused(cli: Cli, tmp_path: Path) -> None:
    root = tmp_path / "project"
    root.mkdir()
    map_path, _ = write_project(root)
    (root / "journeymap.toml").write_text('[analytics]\nevents = "../elsewhere.csv"\n', "utf-8")
    write_csv(tmp_path / "elsewhere.csv")
    result = cli("measure", str(map_path))
    assert result.exit_code == 2
    assert "JM202" in result.stderr and "leads outside the project root" in result.stderr
    (root / "journeymap.toml").write_text("", "utf-8")
    given = cli("measure", str(map_path), "--events", str(tmp_path / "elsewhere.csv"))
    assert given.exit_code == 0, given.stderr


def test_no_log_given_is_a_usage_error(cli: Cli, shop: tuple[Path, Path]) -> None:
    map_path, _ = shop
    result = cli("measure", str(map_path))
    assert result.exit_code == 2
    assert "give the event log with --events SOURCE" in result.stderr


def test_a_map_with_errors_exits_one(cli: Cli, shop: tuple[Path, Path]) -> None:
    map_path, log = shop
    map_path.write_text(map_path.read_text("utf-8").replace("events: [search]", "events: []"))
    result = cli("measure", str(map_path), "--events", str(log))
    assert result.exit_code == 1
    assert "JM107" in result.stderr


def test_only_aggregates_leave_the_engine(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Thousands of events, a few dozen rows fetched: the events stay in DuckDB."""
    from journeymap.analytics.engines.duckdb import DuckDBEngine

    rows = [
        (f"u{c}", event, f"2026-01-01 10:{minute:02d}:00", "/products")
        for c in range(400)
        for minute, event in enumerate(
            ["app_open", "page_view", "search", "add_to_cart", "purchase"] * 2
        )
    ]
    map_path, _ = write_project(tmp_path)
    log = write_csv(tmp_path / "big.csv", rows)
    fetched: list[int] = []
    original = DuckDBEngine._fetch

    def counting(self: DuckDBEngine, sql: str) -> list[tuple[object, ...]]:
        found = original(self, sql)
        fetched.append(len(found))
        return found

    monkeypatch.setattr(DuckDBEngine, "_fetch", counting)
    data = figures(cli("measure", str(map_path), "--events", str(log)))
    assert data["events"] == 4000
    assert sum(fetched) < 100


INTERRUPTED = """
import sys
from journeymap.analytics.engines.duckdb import DuckDBEngine
from journeymap.analytics.errors import Interrupted
from journeymap.analytics.source import LogSource
with DuckDBEngine(LogSource(sys.argv[1], "csv"), timezone="UTC") as engine:
    print("running", flush=True)
    try:
        engine.fetch("SELECT COUNT(*) FROM range(10000000000000) AS a(i) WHERE i % 7 = 3")
    except Interrupted:
        print("interrupted", flush=True)
        sys.exit(130)
sys.exit(1)
"""


def test_ctrl_c_stops_a_running_query(tmp_path: Path) -> None:
    """In a process of its own, as on a terminal: test workers ignore SIGINT and may run
    tests off the main thread, where no signal arrives. The query would run for hours, so an
    exit within the wait proves it was stopped; how fast is a figure of
    bench/bench_interrupt.py, not asserted here."""
    log = write_csv(tmp_path / "events.csv")
    child = subprocess.Popen(
        [sys.executable, "-c", INTERRUPTED, str(log)],
        stdout=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # as on a terminal
    )
    try:
        assert child.stdout is not None and child.stdout.readline() == "running\n"
        time.sleep(0.5)
        child.send_signal(signal.SIGINT)
        code = child.wait(timeout=60)
        assert code == 130
        assert child.stdout.read() == "interrupted\n"
    finally:
        child.kill()
        child.wait()


def test_every_bad_log_is_tested(tmp_path: Path) -> None:
    assert sorted(BAD_CASES) == sorted(bad_logs(tmp_path))
