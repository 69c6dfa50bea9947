"""Benchmark for `journeymap simulate`, as whole processes, on the bundled example.

    python bench/bench_simulate.py [--cases 100000] [--rounds 3]

Prints the wall time of simulating the current-state example into Parquet, CSV and JSON
Lines (best of the rounds), the events written and the rate, and checks that two runs with
one seed wrote the same bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import tempfile
from pathlib import Path

from bench_validate import SCRIPT, wall

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "current-state.yaml"


def simulate(out: Path, cases: int) -> tuple[float, str]:
    command = [SCRIPT, "simulate", str(EXAMPLE), "-n", str(cases), "--seed", "1", "-o", str(out)]
    seconds, done = wall(command)
    if done.returncode != 0:
        raise SystemExit(f"simulate failed: {done.stderr[-2000:]}")
    return seconds, done.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        for suffix in (".parquet", ".csv", ".jsonl"):
            out = Path(scratch) / f"events{suffix}"
            runs = [simulate(out, args.cases) for _ in range(args.rounds)]
            digests = {hashlib.sha256(out.read_bytes()).hexdigest()}
            simulate(out, args.cases)
            digests.add(hashlib.sha256(out.read_bytes()).hexdigest())
            best = min(seconds for seconds, _ in runs)
            events = int(runs[0][1].split(": ")[1].split()[0])
            print(
                f"simulate {args.cases} cases -> {suffix[1:]:8s} {best:6.2f} s"
                f"  {events} events  {events / best / 1e6:.2f} M events/s"
                f"  {out.stat().st_size / 1e6:.1f} MB  same bytes: {len(digests) == 1}"
            )


if __name__ == "__main__":
    main()
