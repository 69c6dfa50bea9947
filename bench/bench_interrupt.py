"""Benchmark: how soon Ctrl-C stops `journeymap measure` in the middle of a long query.

    python bench/bench_interrupt.py [--rounds 5] [--events 10000000]

Writes a Parquet log of a 40-step map under bench/out/ (as bench_measure.py does), starts
`journeymap measure` on it as a terminal would (SIGINT at its default), sends SIGINT once the
query runs, and prints the time from the signal to the process's exit (best, median, worst),
the exit status (130 expected) and its one line on stderr. Issue 11 asks for under a second.
"""

from __future__ import annotations

import argparse
import signal
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from bench_measure import SCRIPT, generate, map_yaml


def one_interrupt(map_path: Path, log: Path, delay: float) -> tuple[float, int, str]:
    """Seconds from SIGINT to exit, the exit status and the last line on stderr."""
    out = map_path.with_suffix(".measures.json")
    child = subprocess.Popen(
        [SCRIPT, "measure", str(map_path), "--events", str(log), "-o", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    time.sleep(delay)
    child.send_signal(signal.SIGINT)
    sent = time.perf_counter()
    _, err = child.communicate(timeout=120)
    lines = err.strip().splitlines()
    return time.perf_counter() - sent, child.returncode, lines[-1] if lines else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--delay", type=float, default=2.0, help="seconds before the signal")
    args = parser.parse_args()
    log = generate(args.events, "parquet")
    with tempfile.TemporaryDirectory() as tmp:
        map_path = Path(tmp) / "bench.yaml"
        map_path.write_text(map_yaml(), encoding="utf-8")
        runs = [one_interrupt(map_path, log, args.delay) for _ in range(args.rounds)]
    seconds = sorted(s for s, _, _ in runs)
    print(f"measure on {args.events:,} events, SIGINT after {args.delay} s, {args.rounds} rounds")
    print(
        f"  signal to exit: best {seconds[0]:.3f} s, median {statistics.median(seconds):.3f} s,"
        f" worst {seconds[-1]:.3f} s (budget 1 s)"
    )
    print(f"  exit statuses: {sorted({code for _, code, _ in runs})}; last line: {runs[-1][2]}")


if __name__ == "__main__":
    main()
