"""Benchmark for `journeymap diff`: the whole process on two 200-step maps.

    python bench/bench_diff.py [--runs 15] [--steps 200]

Generates a map with bench/corpus.py and a copy with changes spread over the whole map
(a new title, changed actions and emotions, a removed and an added step, a step moved to
another stage, changed severities), writes both to a temporary directory, then runs the
real `journeymap diff OLD NEW` process several times per output format and prints the
median wall time. The budget is 0.5 s for the text report.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import map_yaml

SCRIPT = shutil.which("journeymap") or str(Path(sys.executable).with_name("journeymap"))
FORMATS = ("text", "markdown", "json", "html")


def changed_copy(text: str) -> str:
    """The map with about one step in seven changed, in ways the differ must all notice."""
    text = text.replace("title: Benchmark journey", "title: Revised benchmark journey", 1)
    text = re.sub(r"action: (Opens|Returns) ", r"action: Quickly \1 ", text)
    text = text.replace("emotion: -2", "emotion: -1").replace("severity: 5", "severity: 4")
    text = _block("step-3").sub("", text, count=1)
    moved = _block("step-5").search(text)
    assert moved is not None
    text = text.replace(moved.group(), "", 1) + moved.group()
    added = "      - id: step-new\n        action: Reads a new onboarding email\n"
    head = "  - id: consideration\n    steps:\n"
    return text.replace(head, head + added, 1)


def _block(step: str) -> re.Pattern[str]:
    """One step's lines in a corpus map."""
    return re.compile(rf"      - id: {step}\n(        .*\n)+")


def whole_process(old: Path, new: Path, output_format: str, runs: int) -> tuple[float, int]:
    """Median seconds of a whole `journeymap diff` process, and its exit code."""
    samples = []
    code = 0
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(
            [SCRIPT, "diff", str(old), str(new), "-f", output_format],
            capture_output=True,
            check=False,
        )
        samples.append(time.perf_counter() - start)
        code = done.returncode
    return statistics.median(samples), code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--steps", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        old, new = Path(tmp) / "old.yaml", Path(tmp) / "new.yaml"
        text = map_yaml(1, args.steps)
        old.write_text(text, encoding="utf-8")
        new.write_text(changed_copy(text), encoding="utf-8")
        report = subprocess.run(
            [SCRIPT, "diff", str(old), str(new)], capture_output=True, text=True, check=True
        )
        print(f"{args.steps}-step maps, {report.stdout.strip().splitlines()[-1]}")
        for output_format in FORMATS:
            seconds, code = whole_process(old, new, output_format, args.runs)
            print(f"journeymap diff -f {output_format:<8} median {seconds:.3f} s (exit {code})")


if __name__ == "__main__":
    main()
