"""Benchmark for `journeymap build` on the bench corpus, as whole processes.

    python bench/bench_build.py [--maps 1000] [--steps 40]

Prints: a cold build (grid SVG, HTML per map, index, personas, channels, backlog); a build
after touching one map; a build of nothing changed; and, for the comparison the issue asks
for, a cold build of a project holding only that one map (its render plus the index).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from bench_validate import SCRIPT, ensure_corpus, wall


def build(project: Path, site: Path, *extra: str) -> float:
    seconds, done = wall([SCRIPT, "build", str(project), "-o", str(site), *extra])
    if done.returncode != 0:
        raise SystemExit(f"build failed: {done.stderr[-2000:]}")
    print(f"    {done.stderr.strip().splitlines()[-1]}")
    return seconds


def touch_one(project: Path, round_: int) -> None:
    """A real edit (a pain point's text), so the index and backlog must be made again too."""
    first = sorted(project.glob("*.yaml"))[0]
    text = first.read_text(encoding="utf-8")
    first.write_text(text.replace("text: ", f"text: Edit {round_} ", 1), encoding="utf-8")


def index_seconds(project: Path, site: Path) -> float:
    """What making the shared pages of the whole site costs, from the cached summaries."""
    from journeymap.config import load_project
    from journeymap.site import cache
    from journeymap.site.pages import site_pages
    from journeymap.site.summary import Summary

    config = load_project(project)[0]
    entries = cache.load(site, cache.config_key(config.config_path)).entries
    summaries = [Summary.from_json(e.summary) for e in entries.values() if e.summary]
    times = []
    for _ in range(3):
        start = time.perf_counter()
        site_pages(summaries, {}, config)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--maps", type=int, default=1000)
    parser.add_argument("--steps", type=int, default=40)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    corpus = ensure_corpus(args.maps, args.steps)
    with tempfile.TemporaryDirectory() as scratch:
        project = Path(shutil.copytree(corpus, Path(scratch) / "project"))
        site = Path(scratch) / "site"
        print(f"corpus: {corpus} ({args.maps} maps x {args.steps} steps)")
        print("cold build:")
        cold = build(project, site)
        touched = []
        for round_ in range(args.runs):
            touch_one(project, round_)
            print("after touching one map:")
            touched.append(build(project, site))
        print("nothing changed:")
        idle = build(project, site)
        alone = Path(scratch) / "alone"
        alone.mkdir()
        shutil.copy(sorted(project.glob("*.yaml"))[0], alone)
        print("one map alone, cold:")
        single = build(alone, Path(scratch) / "alone-site")
        index = index_seconds(project, site)
    one = statistics.median(touched)
    print(f"cold build: {cold:.2f} s (target < 15 s)")
    print(f"after touching one map: {one:.2f} s median of {args.runs} (target < 1.5 s)")
    print(f"nothing changed: {idle:.2f} s")
    print(f"one map alone: {single:.2f} s; the index, personas, channels and backlog of all")
    print(
        f"  maps, in process: {index:.2f} s; touched / (alone + index) = "
        f"{one / (single + index):.2f}x (target <= 2x)"
    )


if __name__ == "__main__":
    main()
