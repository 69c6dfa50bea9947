"""Benchmark for `journeymap validate` against the floor, measured in one run.

    python bench/bench_validate.py [--maps 1000] [--steps 40] [--runs 3]

Prints, for the corpus: the floor (PyYAML's C loader + fastjsonschema on all cores, timed
inside its process after compiling the validator), `journeymap validate` as a whole process
(interpreter start-up, imports, workers and all), their ratio, and what the lint rules add
(`validate` against `validate --no-lint`, in the same run). Also hostile inputs:
wall time and peak memory of a whole `journeymap validate` process for each.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPT = shutil.which("journeymap") or str(Path(sys.executable).with_name("journeymap"))


def ensure_corpus(maps: int, steps: int) -> Path:
    corpus = HERE / "corpus" / f"{maps}x{steps}"
    if len(list(corpus.glob("*.yaml"))) != maps:
        subprocess.run(
            [
                sys.executable,
                str(HERE / "corpus.py"),
                "--out",
                str(corpus),
                "--maps",
                str(maps),
                "--steps",
                str(steps),
            ],
            check=True,
        )
    return corpus


def wall(command: list[str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    return time.perf_counter() - start, done


def floor_seconds(corpus: Path) -> float:
    done = subprocess.run(
        [sys.executable, str(HERE / "floor.py"), str(corpus)],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(json.loads(done.stdout)["seconds"])


def bench_corpus(corpus: Path, runs: int) -> None:
    floors, ours, schema_only = [], [], []
    for _ in range(runs):
        floors.append(floor_seconds(corpus))
        seconds, done = wall([SCRIPT, "validate", str(corpus)])
        assert done.returncode == 0, done.stdout[:500]
        ours.append(seconds)
        seconds, _ = wall([SCRIPT, "validate", "--no-lint", str(corpus)])
        schema_only.append(seconds)
    floor, mine, bare = (statistics.median(x) for x in (floors, ours, schema_only))
    print(f"corpus: {corpus} ({len(list(corpus.glob('*.yaml')))} maps)")
    print(f"  floor (C loader + fastjsonschema, all cores): median {floor:.2f} s of {runs}")
    print(f"  journeymap validate (whole process):          median {mine:.2f} s of {runs}")
    print(f"  journeymap validate --no-lint:                median {bare:.2f} s of {runs}")
    added = (mine / bare - 1) * 100
    print(f"  ratio to the floor: {mine / floor:.2f}x; lint rules add {added:.0f}%")


HOSTILE = {
    "deep flow nesting (100k [)": "[" * 100_000 + "]" * 100_000,
    "deep block nesting (200k '- ')": "- " * 200_000 + "x",
    "billion laughs": "a: &a [lol]\n"
    + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]\n"
        for i in range(8)
    ),
    "2 MiB single line": "a: " + "x" * (2 * 1024 * 1024 - 10),
    "100k flow items": "a: [" + ", ".join(["x"] * 100_000) + "]\n",
    "huge integer": "a: " + "9" * 100_000,
}


def bench_hostile() -> None:
    print("hostile inputs (whole `journeymap validate` process):")
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in HOSTILE.items():
            path = Path(tmp) / "hostile.yaml"
            path.write_text(text, encoding="utf-8")
            seconds, done = wall([SCRIPT, "validate", str(path)])
            peak = _peak_mb([SCRIPT, "validate", str(path)])
            first = (done.stdout.splitlines() or ["(no output)"])[0]
            print(
                f"  {name:32s} exit {done.returncode}  {seconds:5.2f} s  {peak:4d} MB"
                f"  {first[-60:]}"
            )


def _peak_mb(command: list[str]) -> int:
    done = subprocess.run(
        ["/usr/bin/time", "-f", "%M", *command], capture_output=True, text=True, check=False
    )
    return int(done.stderr.strip().splitlines()[-1]) // 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--maps", type=int, default=1000)
    parser.add_argument("--steps", type=int, default=40)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    bench_corpus(ensure_corpus(args.maps, args.steps), args.runs)
    bench_hostile()


if __name__ == "__main__":
    main()
