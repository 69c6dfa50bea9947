"""The bundled examples and the README's snippet are valid, and every example has a modeline."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT
from journeymap.source import parse_text
from journeymap.validation import validate

FILES = sorted(EXAMPLES.rglob("*.yaml"))


def test_examples_validate_clean() -> None:
    result = validate([str(EXAMPLES)], jobs=1)
    assert result.outcome.diagnostics == []
    assert len(result.outcome.files) == len(FILES) >= 10


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(EXAMPLES)) for p in FILES])
def test_example_starts_with_a_modeline_to_the_schema(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert match, first
    target = (path.parent / match.group(1)).resolve()
    assert target == (ROOT / "schemas" / "journeymap.schema.json").resolve()


def test_examples_cover_every_kind_and_the_seed_languages() -> None:
    kinds, locales = set(), set()
    for path in FILES:
        data = parse_text(path.read_text(encoding="utf-8"), path.name).data  # type: ignore[union-attr]
        kinds.add(data["kind"])
        locales.add(data.get("locale", "en"))
    assert kinds == {
        "current-state",
        "day-in-the-life",
        "future-state",
        "service-blueprint",
        "persona",
    }
    assert {"hu", "zh-TW", "nb", "el"} <= locales


def test_readme_map_is_valid(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    snippet = readme.split("## A map\n\n```yaml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "personas").mkdir()
    (tmp_path / "personas" / "maya.yaml").write_text(
        "journeymap: 1\nkind: persona\nid: maya\nname: Maya\n", encoding="utf-8"
    )
    (tmp_path / "map.yaml").write_text(snippet, encoding="utf-8")
    (tmp_path / "journeymap.toml").write_text("", encoding="utf-8")
    result = validate([str(tmp_path / "map.yaml")], jobs=1)
    assert result.outcome.diagnostics == []
