"""Benchmark of `journeymap measure` where the data lives: PostgreSQL and Spark local next to
DuckDB on the same log, Spark's growth with the log, and the time of --emit-sql.

    JOURNEYMAP_DSN=postgresql://... python bench/bench_engines.py [--sizes 1000000,10000000]
        [--spark-growth 1000000,10000000,100000000] [--spark-max 10000000]
    python bench/bench_engines.py --emit-only

(`bash -c '. scripts/services.sh; JOURNEYMAP_DSN=$JOURNEYMAP_TEST_DSN python bench/...'`
starts a throwaway server.) The logs are bench_measure's (40-step map, 50 events per case,
Parquet under bench/out/); PostgreSQL gets them with COPY into a table (not timed). Each
figure is the whole `journeymap measure` process (Spark's includes starting its JVM).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_measure import OUT, SCRIPT, generate, map_yaml


def measure_seconds(*args: str) -> float:
    map_path = OUT / "bench-40.yaml"
    map_path.write_text(map_yaml(), "utf-8")
    start = time.perf_counter()
    done = subprocess.run(
        [SCRIPT, "measure", str(map_path), "-o", str(OUT / "engine.json"), *args],
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"measure {' '.join(args)} failed: {done.stderr.strip()[-400:]}")
    return wall


def load_postgres(dsn: str, folder: Path, events: int) -> str:
    """The Parquet log as a PostgreSQL table (kept between runs of the same size)."""
    import psycopg

    table = f"bench_events_{events}"
    with psycopg.connect(dsn, autocommit=True) as con:
        found = con.execute("SELECT to_regclass(%s) IS NOT NULL", (table,)).fetchone()
        if found and found[0]:
            return table
        con.execute(
            f"CREATE TABLE {table} (user_id text, event text, timestamp timestamp, month int)"
        )
        csv_path = OUT / f"pg-{events}.csv"
        duckdb.execute(
            f"COPY (SELECT user_id, event, timestamp, month FROM "
            f"read_parquet('{folder}/**/*.parquet', hive_partitioning = true)) "
            f"TO '{csv_path}' (HEADER false)"
        )
        started = time.perf_counter()
        copy_sql = f"COPY {table} FROM STDIN (FORMAT csv)"
        with con.cursor() as cursor, cursor.copy(copy_sql) as copy, csv_path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                copy.write(chunk)
        con.execute(f"ANALYZE {table}")
        csv_path.unlink()
        print(f"  loaded {table} in {time.perf_counter() - started:.1f} s", flush=True)
    return table


def emit_seconds() -> tuple[float, int]:
    """All eight dialects in one process (imports done): the query is built once."""
    import yaml

    from journeymap.analytics.binding import bind
    from journeymap.analytics.engines.emit import DIALECTS, emit_sql
    from journeymap.analytics.source import Columns
    from journeymap.normalize import journey_from

    bound = bind(journey_from(yaml.safe_load(map_yaml()), path="bench-40.yaml"))
    columns = Columns("user_id", "event", "timestamp")
    start = time.perf_counter()
    size = 0
    for dialect in DIALECTS:
        size += len(
            emit_sql(bound, dialect=dialect, table="lake.events", columns=columns, kinds={},
                     window_seconds=86400, min_cases=10)
        )  # fmt: skip
    return time.perf_counter() - start, size


def emit_process_seconds() -> dict[str, tuple[float, float]]:
    """`journeymap measure MAP --emit-sql DIALECT` as a process per dialect: (wall, CPU)
    seconds, start-up and imports included; CPU time says what a busy machine hides."""
    from journeymap.analytics.engines.emit import DIALECTS

    map_path = OUT / "bench-40.yaml"
    map_path.write_text(map_yaml(), "utf-8")
    out = {}
    for dialect in DIALECTS:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(
            [SCRIPT, "measure", str(map_path), "--emit-sql", dialect, "--table", "lake.events"],
            capture_output=True,
            check=True,
        )
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        out[dialect] = (wall, cpu)
    return out


def load() -> str:
    return "load {:.1f} {:.1f} {:.1f}".format(*os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000000,10000000")
    parser.add_argument("--spark-growth", default="1000000,10000000,100000000")
    parser.add_argument("--spark-max", type=int, default=10**12, help="largest log for Spark")
    parser.add_argument("--dsn", default=os.environ.get("JOURNEYMAP_DSN"))
    parser.add_argument("--emit-only", action="store_true", help="only the --emit-sql times")
    args = parser.parse_args()
    if args.emit_only:
        print_emit()
        return
    if not args.dsn:
        raise SystemExit("give --dsn or JOURNEYMAP_DSN (a PostgreSQL server to measure on)")
    spark_times: dict[int, float] = {}
    for events in [int(n) for n in args.sizes.split(",") if n]:
        folder = generate(events, "parquet")
        table = load_postgres(args.dsn, folder, events)
        runs = [
            ("duckdb", ("--events", str(folder))),
            ("postgres", ("--engine", "postgres", "--dsn", args.dsn, "--table", table)),
        ]
        if events <= args.spark_max:
            runs.append(("spark local", ("--engine", "spark", "--events", str(folder))))
        for name, options in runs:
            wall = measure_seconds(*options)
            if name == "spark local":
                spark_times[events] = wall
            rate = events / wall
            print(
                f"{events:>12,} events  {name:<12} {wall:8.1f} s  {rate:>12,.0f} events/s "
                f"({load()})"
            )
    for events in [int(n) for n in args.spark_growth.split(",") if n]:
        if events not in spark_times:
            folder = generate(events, "parquet")
            spark_times[events] = measure_seconds("--engine", "spark", "--events", str(folder))
        print(
            f"spark local growth: {events:>12,} events  {spark_times[events]:8.1f} s ({load()})",
            flush=True,
        )
    print_emit()


def print_emit() -> None:
    seconds, size = emit_seconds()
    print(
        f"--emit-sql, all 8 dialects in one process (40-step map, {size:,} characters): "
        f"{seconds * 1000:.0f} ms ({load()})"
    )
    for dialect, (wall, cpu) in emit_process_seconds().items():
        print(f"  journeymap measure --emit-sql {dialect:<10} {wall:5.2f} s wall, {cpu:5.2f} s CPU")
    print(f"  ({load()})")


if __name__ == "__main__":
    main()
