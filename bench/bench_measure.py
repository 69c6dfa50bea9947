"""Benchmark for `journeymap measure` on generated logs of a 40-step map.

    python bench/bench_measure.py [--small 1000000] [--naive 10000000] [--large 100000000]

Logs are generated with DuckDB SQL under bench/out/ (kept between runs; delete to
regenerate): time-ordered rows with string case ids, 50 events per case (so 100 M events
are 2 M cases), about 10% of events no step claims, ties and repeats. It prints:

- the whole `journeymap measure` process on --small events (CSV), budget 2 s;
- on --naive events (Parquet), the transitions by the naive formulation (every event
  joined to its step, one lead() over all events partitioned by the case column as written,
  COUNT(DISTINCT case) per pair) next to journeymap's (DuckDB's per-case list path: the
  lists, the pairs of neighbours, their sums), as a ratio (budget >= 3x), and the logical
  query's window formulation (what PostgreSQL and Spark run) beside them; each is run
  twice, alternately, and the faster run counts;
- the whole process on --large events (Parquet, hive folder), wall time and peak RSS of
  the child process, with DuckDB's memory limit set; budget 30 s and 4 GB.
Pass 0 to skip a part.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent
OUT = ROOT / "out"
SCRIPT = shutil.which("journeymap") or str(Path(sys.executable).with_name("journeymap"))
STEPS = 40
PER_CASE = 50
MEMORY_LIMIT = "3GB"


def map_yaml() -> str:
    """40 steps in 5 stages; each leads to the next (0.9) or skips one (0.1)."""
    lines = ["journeymap: 1", "kind: current-state", "id: bench-40", "title: Bench", "stages:"]
    for stage in range(5):
        lines += [f"  - id: stage-{stage}", f"    title: Stage {stage}", "    steps:"]
        for i in range(stage * 8, stage * 8 + 8):
            lines += [f"      - id: step-{i}", f"        action: Does thing {i}"]
            lines.append(f"        events: [e{i}]")
            edges = [
                f"{{to: step-{j}, share: {s}}}"
                for j, s in ((i + 1, 0.9), (i + 2, 0.1))
                if j < STEPS
            ]
            lines.append(f"        next: [{', '.join(edges)}]")
    return "\n".join(lines) + "\n"


def generate_sql(events: int) -> str:
    """Rows in time order; case c gets rows c, c+n, c+2n, ... (n cases), so its k-th event
    is roughly step k*40/50, with noise, a per-case cap (drop-off), and noise events."""
    cases = max(1, events // PER_CASE)
    return f"""
    SELECT 'user-' || CAST(i % {cases} AS VARCHAR) AS user_id,
      CASE WHEN hash(i, 1) % 10 = 0 THEN 'heartbeat'
           ELSE 'e' || CAST(LEAST(CAST(hash(i % {cases}) % {STEPS + 10} AS BIGINT),
                      {STEPS - 1}, GREATEST(0, (i // {cases}) * {STEPS} // {PER_CASE}
                      + CAST(hash(i, 2) % 3 AS BIGINT) - 1)) AS VARCHAR) END AS event,
      TIMESTAMP '2026-01-01' + to_seconds(i * 5184000 // {events}) AS timestamp
    FROM range({events}) AS r(i)
    """


def generate(events: int, kind: str) -> Path:
    OUT.mkdir(exist_ok=True)
    target = OUT / (f"events-{events}.csv" if kind == "csv" else f"events-{events}")
    if target.exists():
        return target
    config = {"memory_limit": MEMORY_LIMIT, "temp_directory": str(OUT / "tmp")}
    con = duckdb.connect(config=config)
    con.execute("SET enable_progress_bar = false")
    started = time.perf_counter()
    if kind == "csv":
        con.execute(f"COPY ({generate_sql(events)}) TO '{target}' (HEADER)")
    else:
        rows = f"SELECT *, month(timestamp) AS month FROM ({generate_sql(events)})"
        con.execute(
            f"COPY ({rows}) TO '{target}' (FORMAT parquet, PARTITION_BY (month), "
            "ROW_GROUP_SIZE 1000000)"
        )
    print(f"  generated {target.name} in {time.perf_counter() - started:.1f} s", flush=True)
    return target


def run_measure(source: Path, *extra: str) -> tuple[float, float, int]:
    """Wall seconds, peak RSS (GB) of the child, exit code; prints the child's CPU time,
    which says how much of the wall time was waiting for a busy machine."""
    map_path = OUT / "bench-40.yaml"
    map_path.write_text(map_yaml(), "utf-8")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    before, cpu = usage.ru_maxrss, usage.ru_utime + usage.ru_stime
    start = time.perf_counter()
    done = subprocess.run(
        [
            SCRIPT,
            "measure",
            str(map_path),
            "--events",
            str(source),
            "-o",
            str(OUT / "m.json"),
            *extra,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak = usage.ru_maxrss
    print(f"  child CPU time {usage.ru_utime + usage.ru_stime - cpu:.2f} s (2 cores)", flush=True)
    if done.returncode != 0:
        print(done.stderr.strip())
    return wall, max(peak, before) / 1024 / 1024, done.returncode


NAIVE = """
WITH steps(event, step) AS (VALUES {values}),
joined AS (
  SELECT e.user_id, e.timestamp, s.step
  FROM read_parquet('{glob}') AS e JOIN steps AS s USING (event)
),
pairs AS (
  SELECT user_id, step, LEAD(step) OVER (PARTITION BY user_id ORDER BY timestamp) AS next_step
  FROM joined
)
SELECT step, next_step, COUNT(DISTINCT user_id) AS cases, COUNT(*) AS occurrences
FROM pairs WHERE next_step IS NOT NULL AND next_step <> step GROUP BY step, next_step
"""


def our_transitions_seconds(folder: Path, events: int, *, lists: bool = True) -> float:
    """The same transitions by journeymap's query, in-process like the naive query: on the
    list path the lists (which also serve every other measure), the pairs of neighbours
    and their sums; on the logical query its window stage and its pairs result."""
    import yaml

    from journeymap.analytics.binding import bind
    from journeymap.analytics.engines.duckdb import DuckDBEngine
    from journeymap.analytics.engines.duckdb_lists import lists_plan
    from journeymap.analytics.query import build_query
    from journeymap.analytics.source import pick_columns, resolve_source
    from journeymap.normalize import journey_from

    journey = journey_from(yaml.safe_load(map_yaml()), path="bench-40.yaml")
    query = build_query(bind(journey), kinds={}, ordered=False, window_seconds=86400, min_cases=10)
    plan = lists_plan(query)
    assert plan is not None
    with DuckDBEngine(resolve_source(str(folder)), timezone="UTC", memory_limit=MEMORY_LIMIT) as e:
        e.log.prepare(
            pick_columns(list(e.log.types), case=None, event=None, time=None, order=None), []
        )
        if lists:
            wanted = {"jm_keys", "jm_lists", "jm_pair_counts", "jm_pairs", "pairs"}
            parts = [p for p in plan.rest(events, e.memory_bytes()) if p.name in wanted]
        else:
            parts = [p for p in query.parts if p.name in ("jm_seq", "pairs")]
        start = time.perf_counter()
        for part in parts:
            e.fetch(part.sql("duckdb"))
        return time.perf_counter() - start


def load() -> str:
    """The machine's load average (2 cores, shared): read every figure beside it."""
    return "load {:.1f} {:.1f} {:.1f}".format(*os.getloadavg())


def naive_seconds(folder: Path) -> float:
    values = ", ".join(f"('e{i}', {i})" for i in range(STEPS))
    con = duckdb.connect(config={"memory_limit": MEMORY_LIMIT, "temp_directory": str(OUT / "tmp")})
    con.execute("SET enable_progress_bar = false")
    start = time.perf_counter()
    con.execute(NAIVE.format(values=values, glob=f"{folder}/**/*.parquet")).fetchall()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--small", type=int, default=1_000_000)
    parser.add_argument("--naive", type=int, default=10_000_000)
    parser.add_argument("--large", type=int, default=100_000_000)
    args = parser.parse_args()
    if args.small:
        source = generate(args.small, "csv")
        wall, rss, code = run_measure(source)
        print(
            f"measure, {args.small:,} events (CSV), whole process: {wall:.2f} s, exit {code} "
            f"({load()})"
        )
        wall, rss, code = run_measure(generate(args.small, "parquet"))
        print(
            f"measure, {args.small:,} events (Parquet), whole process: {wall:.2f} s, exit {code} "
            f"({load()})"
        )
    if args.naive:
        folder = generate(args.naive, "parquet")
        naive, ours, window = [], [], []
        for _ in range(2):
            naive.append(naive_seconds(folder))
            ours.append(our_transitions_seconds(folder, args.naive))
            window.append(our_transitions_seconds(folder, args.naive, lists=False))
        print(
            f"transitions, {args.naive:,} events: naive {min(naive):.2f} s, journeymap "
            f"{min(ours):.2f} s (logical query's window: {min(window):.2f} s) ({load()})"
        )
        print(
            f"ratio naive / journeymap (transitions): {min(naive) / min(ours):.2f}x (budget >= 3x)"
        )
        wall, _, code = run_measure(folder, "--memory-limit", MEMORY_LIMIT)
        print(
            f"measure (every figure), {args.naive:,} events, whole process: {wall:.2f} s ({load()})"
        )
    if args.large:
        folder = generate(args.large, "parquet")
        wall, rss, code = run_measure(folder, "--memory-limit", MEMORY_LIMIT)
        cases = args.large // PER_CASE
        print(
            f"measure, {args.large:,} events ({cases:,} cases, Parquet), whole process: "
            f"{wall:.2f} s (budget 30 s), peak RSS {rss:.2f} GB (budget 4 GB), exit {code} "
            f"({load()})"
        )


if __name__ == "__main__":
    main()
