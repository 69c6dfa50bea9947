"""Benchmark for rendering: in-process grid SVG + HTML per map size, and the whole process.

    python bench/bench_render.py [--runs 15]

Prints the median time to lay out and render one map to grid SVG + HTML (already parsed and
checked) for 10, 40, 200 and 1,000 steps, with the time per step to show the curve stays
near-linear; then the wall time of a whole `journeymap render` process for the 40-step map.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import map_yaml
from journeymap.config import load_project
from journeymap.pipeline import check_file, open_session
from journeymap.rendering import Request, render_journey

SIZES = (10, 40, 200, 1000)
SCRIPT = shutil.which("journeymap") or str(Path(sys.executable).with_name("journeymap"))


def in_process(path: Path, runs: int) -> float:
    project, _ = load_project(path)
    journey = check_file(path, open_session(project)).journey
    assert journey is not None
    request = Request("grid", ("svg", "html"))
    render_journey(journey, project, request)
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        render_journey(journey, project, request)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def whole_process(path: Path, out: Path, runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [SCRIPT, "render", str(path), "-o", str(out), "--view", "grid"],
            check=True,
            capture_output=True,
        )
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        print("in process, layout + grid SVG + HTML (median):")
        for steps in SIZES:
            path = root / f"map-{steps}.yaml"
            path.write_text(map_yaml(1, steps), encoding="utf-8")
            runs = args.runs if steps <= 200 else max(3, args.runs // 5)
            seconds = in_process(path, runs)
            per_step = seconds * 1e6 / steps
            print(f"  {steps:5d} steps: {seconds * 1000:8.1f} ms  ({per_step:6.0f} µs/step)")
        seconds = whole_process(root / "map-40.yaml", root / "out", max(5, args.runs // 3))
        print(f"whole process `journeymap render` of the 40-step map (median): {seconds:.3f} s")


if __name__ == "__main__":
    main()
