"""The rules on measures through `validate`: where the measures come from, and thresholds."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

from conftest import Result

Cli = Callable[..., Result]

CASES = Path(__file__).parent / "lint_cases" / "jm330-declared-share-off"
FAR = "share-far-from-log.yaml"


def copy_case(tmp_path: Path, toml: str = "") -> Path:
    """The JM330 fixture map and its measures file, in a project of their own."""
    shutil.copy(CASES / FAR, tmp_path / FAR)
    shutil.copy(CASES / "measures.json", tmp_path / "events-measures.json")
    (tmp_path / "journeymap.toml").write_text(toml, encoding="utf-8")
    return tmp_path / FAR


def jm330_lines(result: Result) -> list[str]:
    return [line for line in result.stdout.splitlines() if " JM330 " in line]


def test_without_measures_the_rules_stay_silent(cli: Cli, tmp_path: Path) -> None:
    source = copy_case(tmp_path)
    result = cli("validate", str(source))
    assert jm330_lines(result) == []


def test_measures_flag_feeds_the_rules(cli: Cli, tmp_path: Path) -> None:
    source = copy_case(tmp_path)
    result = cli("validate", str(source), "--measures", str(tmp_path / "events-measures.json"))
    places = [re.search(r":(\d+):(\d+): JM330 ", line) for line in jm330_lines(result)]
    assert [m.groups() for m in places if m] == [("14", "13"), ("15", "13")]
    assert "declares share 0.8, the log shows 0.50" in result.stdout


def test_project_key_feeds_the_rules(cli: Cli, tmp_path: Path) -> None:
    source = copy_case(tmp_path, '[analytics]\nmeasures = "events-measures.json"\n')
    result = cli("validate", str(source), "--strict")
    assert len(jm330_lines(result)) == 2
    assert result.exit_code == 1


def test_a_missing_project_measures_file_means_no_measures_yet(cli: Cli, tmp_path: Path) -> None:
    source = copy_case(tmp_path, '[analytics]\nmeasures = "not-measured-yet.json"\n')
    result = cli("validate", str(source))
    assert jm330_lines(result) == []
    assert result.exit_code == 0


def test_threshold_is_configurable(cli: Cli, tmp_path: Path) -> None:
    toml = (
        '[analytics]\nmeasures = "events-measures.json"\n[lint.options.JM330]\nthreshold = 0.26\n'
    )
    source = copy_case(tmp_path, toml)
    result = cli("validate", str(source))
    assert len(jm330_lines(result)) == 1, "0.8 vs 0.5 is reported, 0.2 vs 0.45 is not"
    by_name = toml.replace("JM330", "declared-share-off").replace("0.26", "0.4")
    (tmp_path / "journeymap.toml").write_text(by_name, encoding="utf-8")
    assert jm330_lines(cli("validate", str(source))) == []


def test_options_of_an_unknown_rule_are_reported(cli: Cli, tmp_path: Path) -> None:
    source = copy_case(tmp_path, "[lint.options.JM999]\nthreshold = 0.3\n")
    result = cli("validate", str(source))
    assert "JM018 unknown lint rule 'JM999'" in result.stdout
    assert result.exit_code == 1


def test_a_broken_measures_flag_is_one_line(cli: Cli, tmp_path: Path) -> None:
    source = copy_case(tmp_path)
    broken = tmp_path / "broken.json"
    broken.write_text('{"journeymap_measures": 1', encoding="utf-8")
    result = cli("validate", str(source), "--measures", str(broken))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and "not JSON" in result.stderr


def test_a_broken_project_measures_file_is_located_in_the_toml(cli: Cli, tmp_path: Path) -> None:
    source = copy_case(tmp_path, '[analytics]\nmeasures = "events-measures.json"\n')
    data = json.loads((tmp_path / "events-measures.json").read_text("utf-8"))
    data["journeymap_measures"] = 7
    (tmp_path / "events-measures.json").write_text(json.dumps(data), encoding="utf-8")
    result = cli("validate", str(source))
    assert result.exit_code == 1
    located = [line for line in result.stdout.splitlines() if " JM207 " in line]
    assert len(located) == 1
    assert f"{tmp_path / 'journeymap.toml'}:2:1: JM207" in located[0]
    assert "version 7 is not supported" in located[0]
    assert jm330_lines(result) == []


def test_render_lints_with_the_project_measures_too(cli: Cli, tmp_path: Path) -> None:
    source = copy_case(tmp_path, '[analytics]\nmeasures = "events-measures.json"\n')
    result = cli("render", str(source), "-o", str(tmp_path / "out"), "-f", "svg")
    assert result.exit_code == 0, result.stderr
    assert len([line for line in result.stderr.splitlines() if " JM330 " in line]) == 2
