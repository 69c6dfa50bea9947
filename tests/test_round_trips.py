"""Export, then import: the same map, for every field the format carries (the README's
table in "export and import"). Maps come from hypothesis (any text in any field of any kind)
and from the bundled examples; both files go through the real pipeline, and `journeymap
dump` of the two must be equal but for where the map lives (`path`, and a persona file,
written inline).
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import EXAMPLES, Result
from journeymap.dump import dump_map
from journeymap.interchange.exporting import export_map
from journeymap.interchange.importing import import_file
from journeymap.model import KINDS
from journeymap.text import plain_text
from test_properties import HOSTILE, POLICY, PROPERTY, characters, map_data

Cli = Callable[..., Result]
Write = Callable[[str, str | bytes], Path]
FORMATS = {"mermaid": "mmd", "csv": "csv"}
# Texts within every field's limit (short texts hold 120 characters), with every character
# of the policy somewhere, markup, and texts a spreadsheet or Mermaid would read otherwise.
_words = st.one_of(
    st.text(characters, min_size=1, max_size=24),
    st.sampled_from([*HOSTILE, "+1", "=1+1", "-2", "@x", "3.50", "true", "null", "%% x", "#58;"]),
)
pools = st.lists(
    st.lists(_words, min_size=1, max_size=3).map(" ".join).map(lambda t: t[:100]),
    min_size=1,
    max_size=4,
).map(lambda pool: [*pool, f"a{POLICY}b"])
REFUSED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
"""Characters the loader refuses in a map file (raw or escaped): a map cannot hold them."""


def comparable(path: Path) -> dict[str, Any]:
    """`journeymap dump` without where the map and its parts came from."""
    text, problems = dump_map(path)
    assert text is not None, [d.one_line() for d in problems]
    data: dict[str, Any] = _without_at(json.loads(text))
    data.pop("path")
    if data["persona"]:
        data["persona"]["source"] = None  # a persona file comes back inline, with its id
    if data["based_on"]:
        data["based_on"].pop("path")
    return data


def _without_at(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_at(v) for k, v in value.items() if k != "at"}
    if isinstance(value, list):
        return [_without_at(v) for v in value]
    return value


def round_trip(source: Path, target: str) -> Path:
    """`export --to target`, then `import` beside the source; the imported map's path."""
    text, problems = export_map(source, target)
    assert text is not None, [d.one_line() for d in problems]
    exported = source.with_suffix(f".{FORMATS[target]}")
    exported.write_text(text, encoding="utf-8")
    back = source.with_name(f"{source.stem}-back.yaml")
    written, problems = import_file(exported, target, back)
    assert written, [d.one_line() for d in problems]
    return back


def loadable(value: Any, target: str) -> Any:
    """Generated data without the characters no map file can hold, without texts that the
    character policy empties (an export cannot write an empty required text) and, for CSV,
    without texts of only white space (a blank cell is an empty one): the README's table."""
    if isinstance(value, str):
        text = REFUSED.sub("", value)
        blank = not plain_text(text) or (target == "csv" and not text.strip())
        return "x" if blank else text
    if isinstance(value, dict):
        return {loadable(k, target): loadable(v, target) for k, v in value.items()}
    if isinstance(value, list):
        return [loadable(v, target) for v in value]
    return value


def richer(data: dict[str, Any], kind: str) -> dict[str, Any]:
    """The generated map plus what it lacks: a stage with a built-in title, a step without
    emotion, events, lanes, a two-way link, an empty stage, a removed step."""
    first = data["stages"][0]["steps"][0]
    first["events"] = ["opened", {"event": "page_view", "where": {"path": ["/a", "/b"]}}]
    first["moment_of_truth"] = True
    data["lanes"] = ["actions", "emotion", "pain_points"]
    extra: dict[str, Any] = {"id": "c", "action": first["action"], "notes": "Actors: Zoë, Bo"}
    if kind == "day-in-the-life":
        extra["time"] = "10:00"
    if kind == "future-state":
        extra["status"] = "removed"
    data["stages"].append({"id": "consideration", "phase": "conversion", "steps": [extra]})
    data["stages"].append({"id": "later", "title": "Later", "steps": []})
    if kind == "service-blueprint":
        data["links"].append({"from": "bi", "to": "fi", "direction": "two-way"})
    else:
        del data["links"]  # blueprints only
    return data


@pytest.mark.parametrize("target", FORMATS)
@PROPERTY
@given(kind=st.sampled_from(KINDS), pool=pools)
def test_any_map_comes_back_the_same(target: str, kind: str, pool: list[str]) -> None:
    data = loadable(richer(map_data(kind, pool), kind), target)
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        (root / "journeymap.toml").write_text('[project]\nname = "T"\n', encoding="utf-8")
        source = root / "map.yaml"
        source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        assert comparable(round_trip(source, target)) == comparable(source)


@pytest.mark.parametrize("target", FORMATS)
@pytest.mark.parametrize(
    "name",
    sorted(
        str(p.relative_to(EXAMPLES)) for p in EXAMPLES.rglob("*.yaml") if "personas" not in p.parts
    ),
)
def test_every_example_comes_back_the_same(target: str, name: str, tmp_path: Path) -> None:
    project = tmp_path / "examples"
    shutil.copytree(EXAMPLES, project)
    source = project / name
    back = round_trip(source, target)
    assert comparable(back) == comparable(source)
    again, _ = export_map(back, target)
    first, _ = export_map(source, target)
    assert again == first  # and the export of the copy is the same text
