"""Every output of the bundled examples reads like a product: no Python `None`, no "1 maps".

The examples are built into a site (with measures), exported to every format, diffed in
every format, validated and measured; a one-map project adds the counts of one. Every
file and every line the commands print is then scanned.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import EXAMPLES
from journeymap.cli import app

COUNTED = (
    "maps|personas|steps|stages|cases|pain points|files|errors|warnings|changes|moves|events"
    "|items|problems|paths|branching points|opportunities|touchpoints"
)
WRONG_PLURAL = re.compile(rf"(?<![\d.,\u202f\u00a0])\b1 (?:{COUNTED})\b")
PYTHON_NONE = re.compile(r"\bNone\b")

ONE_MAP = """\
journeymap: 1
kind: current-state
id: only
title: The only map
locale: en
persona: {name: Ana, role: Shopper}
stages:
  - id: awareness
    steps:
      - id: first
        action: Notices the offer
        touchpoints: [{channel: web}]
        emotion: -1
        pain_points: [{id: hidden, text: The offer is hidden}]
        metrics: {date: 3, completion_rate: 0.5}
"""


def _run(outputs: dict[str, str], name: str, *args: str) -> None:
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    outputs[f"{name} (stdout)"] = result.stdout
    outputs[f"{name} (stderr)"] = result.stderr


def _files(outputs: dict[str, str], root: Path) -> None:
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix in {".html", ".svg", ".csv", ".json", ".md", ".txt"}:
            outputs[str(path.relative_to(root.parent))] = path.read_text("utf-8")


def _exports(outputs: dict[str, str], maps: list[Path]) -> None:
    for path in maps:
        for kind in ("markdown", "mermaid", "csv", "json"):
            _run(outputs, f"export {kind} {path.name}", "export", "--to", kind, str(path))


def _diffs(outputs: dict[str, str], future: Path) -> None:
    for kind in ("text", "markdown", "json", "html"):
        _run(outputs, f"diff {kind}", "diff", "--format", kind, str(future))


def _measures(outputs: dict[str, str], work: Path, current: Path) -> Path:
    events, measures = str(work / "events.parquet"), work / "measures.json"
    _run(outputs, "simulate", "simulate", str(current), "-n", "300", "--seed", "1", "-o", events)
    measure = ("measure", str(current), "--events", events)
    _run(outputs, "measure", *measure, "-o", str(measures))
    for kind in ("text", "md"):
        _run(outputs, f"measure {kind}", *measure, "-f", kind)
    return measures


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    work = tmp_path_factory.mktemp("words")
    examples = work / "examples"
    shutil.copytree(EXAMPLES, examples)
    single = work / "single"
    single.mkdir()
    (single / "only.yaml").write_text(ONE_MAP, "utf-8")
    found: dict[str, str] = {}
    measures = _measures(found, work, examples / "current-state.yaml")
    maps = sorted(examples.rglob("*.yaml"))
    _run(found, "validate examples", "validate", str(examples))
    _run(found, "validate single", "validate", str(single))
    site = work / "site"
    with_measures = ("--measures", str(measures))
    _run(found, "build examples", "build", str(examples), "-o", str(site), *with_measures)
    _run(found, "build single", "build", str(single), "-o", str(work / "single-site"))
    _exports(found, [p for p in maps if "personas" not in p.parts] + [single / "only.yaml"])
    _diffs(found, examples / "future-state.yaml")
    _files(found, site)
    _files(found, work / "single-site")
    return found


def test_the_scan_sees_every_kind_of_output(outputs: dict[str, str]) -> None:
    names = " ".join(outputs)
    kinds = ("index.html", "backlog.csv", "personas/", "maps/", ".svg", "diff html", "measure md")
    assert [kind for kind in kinds if kind not in names] == []
    assert sum(bool(text) for text in outputs.values()) > 60


def test_no_output_prints_python_none(outputs: dict[str, str]) -> None:
    found = {name: PYTHON_NONE.findall(text) for name, text in outputs.items()}
    assert {name: hits for name, hits in found.items() if hits} == {}


def test_no_output_counts_one_in_the_plural(outputs: dict[str, str]) -> None:
    found = {name: WRONG_PLURAL.findall(text) for name, text in outputs.items()}
    assert {name: hits for name, hits in found.items() if hits} == {}


def test_counts_of_one_are_singular(outputs: dict[str, str]) -> None:
    index = outputs["single-site/index.html"]
    assert "1 map · 1 persona" in index
    assert "1 step · 1 pain point" in index
    assert "1 file checked" in outputs["validate single (stderr)"]
    assert "built 1 map into" in outputs["build single (stderr)"]
    assert "1 stage, 1 step" in outputs["single-site/maps/only.svg"]


def test_metric_names_are_shown_as_written(outputs: dict[str, str]) -> None:
    page = outputs["single-site/maps/only.html"]
    assert "date: 3" in page
    assert "DATE" not in page
    assert "completion rate: 50%" in page


def test_empty_sections_say_what_is_empty(outputs: dict[str, str]) -> None:
    page = outputs["single-site/maps/only.html"]
    assert "No opportunities on this map." in page
