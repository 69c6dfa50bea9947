"""Logs and servers for the engine tests: a simulated log with ties, repeats and time zones,
loaded into PostgreSQL; one SparkSession per test session; the DSN from scripts/check."""

from __future__ import annotations

import csv
import os
import random
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

SIM_HEADER = ("user_id", "event", "timestamp", "page", "seq")
_FLOW = ["app_open", "page_view", "search", "add_to_cart", "purchase"]
_PAGES = ["/products", "/help", "/products"]
_ZONES = [UTC, timezone(timedelta(hours=2)), timezone(timedelta(hours=-5, minutes=-30))]


def simulated_rows(cases: int, *, seed: int, offsets: bool) -> list[tuple[str, ...]]:
    """Shop-like journeys: skipped and repeated steps, back-steps, noise events, equal
    timestamps (ties, broken by `seq` when given), and times written with one of three UTC
    offsets (`offsets`) or without any (read in the zone the test names)."""
    rng = random.Random(seed)
    start = datetime(2026, 3, 1, tzinfo=UTC)
    rows: list[tuple[str, ...]] = []
    for case in range(cases):
        moment = start + timedelta(minutes=rng.randrange(60 * 24 * 60))
        zone = _ZONES[case % len(_ZONES)]
        for position in range(rng.randrange(1, 9)):
            event = _FLOW[min(len(_FLOW) - 1, int(rng.expovariate(0.6)))]
            if rng.random() < 0.1:
                event = rng.choice(["heartbeat", "logout", "page_view"])
            page = rng.choice(_PAGES) if event == "page_view" else ""
            local = moment.astimezone(zone)
            shown = local.isoformat(sep=" ") if offsets else local.strftime("%Y-%m-%d %H:%M:%S")
            rows.append((f"u{case:05d}", event, shown, page, str(position)))
            if rng.random() < 0.2:  # a repeat at the same time: a tie
                rows.append((f"u{case:05d}", event, shown, page, str(position)))
            moment += timedelta(seconds=rng.choice([0, 1, 30, 600, 3600, 86400 * 3, 86400 * 20]))
    rng.shuffle(rows)
    return rows


def write_rows(path: Path, rows: list[tuple[str, ...]], header: tuple[str, ...]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def server_dsn() -> str:
    """The server scripts/check started; a missing one is a failure, never a skip."""
    dsn = os.environ.get("JOURNEYMAP_TEST_DSN")
    if not dsn:
        pytest.fail("JOURNEYMAP_TEST_DSN is not set: run the tests through scripts/check")
    return dsn


@pytest.fixture(name="pg_schema")
def pg_schema_fixture() -> Iterator[tuple[str, Any]]:
    """A fresh schema on the test server (parallel workers never meet), dropped after."""
    import psycopg

    name = f"jm_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(server_dsn(), autocommit=True) as con:
        con.execute(f"CREATE SCHEMA {name}")
        try:
            yield name, con
        finally:
            con.execute(f"DROP SCHEMA {name} CASCADE")


def load_table(
    con: Any, table: str, rows: list[tuple[str, ...]], header: tuple[str, ...], types: str
) -> None:
    """CREATE TABLE table (types) and COPY the rows in; '' loads as NULL."""
    con.execute(f"CREATE TABLE {table} ({types})")
    with con.cursor() as cursor, cursor.copy(f"COPY {table} FROM STDIN") as copy:
        for row in rows:
            copy.write_row([value if value != "" else None for value in row])
    del header


@pytest.fixture(scope="session", name="spark")
def spark_fixture() -> Iterator[Any]:
    """One local SparkSession for the whole test session (a JVM start costs seconds); the
    CLI's spark engine finds it as the active session."""
    from journeymap.analytics.engines.spark import _session

    session = _session("local[2]")
    yield session
    session.stop()
