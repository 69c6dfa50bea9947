"""The CLI through its real entry point: exit codes, report formats, init, dump and schema."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

import pytest

from conftest import MINIMAL_MAP, Result
from journeymap import __version__
from journeymap.schema import schema

Cli = Callable[..., Result]
Write = Callable[[str, str | bytes], Path]

BROKEN = "journeymap: 1\nkind: current-state\nid: broken\ntitle: B\nstages: []\n"


def test_version(cli: Cli) -> None:
    result = cli("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"journeymap {__version__}"


def test_help_lists_the_commands(cli: Cli) -> None:
    result = cli("--help")
    assert result.exit_code == 0
    for command in ("validate", "schema", "init", "dump"):
        assert command in result.stdout


def test_validate_clean_exits_zero(cli: Cli, project: Path, write: Write) -> None:
    path = write("ok.yaml", MINIMAL_MAP.format(id="ok"))
    result = cli("validate", str(path))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "1 file checked, no problems" in result.stderr


def test_validate_invalid_exits_one_with_located_lines(
    cli: Cli, project: Path, write: Write
) -> None:
    write("ok.yaml", MINIMAL_MAP.format(id="ok"))
    write("bad.yaml", BROKEN)
    result = cli("validate", str(project))
    assert result.exit_code == 1
    (line,) = result.stdout.splitlines()
    assert line.endswith("bad.yaml:5:9: JM107 needs at least 1 item")


def test_validate_missing_path_is_a_usage_error(cli: Cli, tmp_path: Path) -> None:
    result = cli("validate", str(tmp_path / "nothing.yaml"))
    assert result.exit_code == 2
    assert "no such file" in result.stderr


def test_validate_expands_globs(cli: Cli, project: Path, write: Write) -> None:
    write("maps/a.yaml", MINIMAL_MAP.format(id="a"))
    write("maps/deep/b.yaml", BROKEN)
    result = cli("validate", str(project / "maps" / "**" / "*.yaml"))
    assert result.exit_code == 1
    assert "2 files checked" in result.stderr


def test_validate_skips_hidden_directories(cli: Cli, project: Path, write: Write) -> None:
    write("a.yaml", MINIMAL_MAP.format(id="a"))
    write(".github/workflows/ci.yml", "on: push\n")
    result = cli("validate", str(project))
    assert result.exit_code == 0, result.stdout


def test_duplicate_map_ids_in_a_project(cli: Cli, project: Path, write: Write) -> None:
    write("a.yaml", MINIMAL_MAP.format(id="same"))
    write("b.yaml", MINIMAL_MAP.format(id="same"))
    result = cli("validate", str(project))
    assert result.exit_code == 1
    assert "b.yaml:3:5: JM208 id 'same' is already used by" in result.stdout


def test_json_format(cli: Cli, project: Path, write: Write) -> None:
    write("bad.yaml", BROKEN)
    result = cli("validate", "--format", "json", str(project))
    document = json.loads(result.stdout)
    assert document["files"] == 1
    assert document["summary"]["error"] == 1
    (diagnostic,) = document["diagnostics"]
    assert (diagnostic["code"], diagnostic["line"], diagnostic["col"]) == ("JM107", 5, 9)


def test_github_format_is_chosen_under_actions(
    cli: Cli, project: Path, write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    write("bad.yaml", BROKEN)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = cli("validate", str(project / "bad.yaml"))
    assert result.exit_code == 1
    assert result.stdout.startswith("::error file=")
    assert ",line=5,col=9,title=JM107::needs at least 1 item" in result.stdout


def test_github_format_escapes_properties(cli: Cli, project: Path, write: Write) -> None:
    write("a,b:c.yaml", BROKEN)
    result = cli("validate", "-f", "github", str(project))
    assert "a%2Cb%3Ac.yaml,line=5" in result.stdout


def test_sarif_format(cli: Cli, project: Path, write: Write) -> None:
    write("bad.yaml", BROKEN)
    document = json.loads(cli("validate", "--format", "sarif", str(project)).stdout)
    assert document["version"] == "2.1.0"
    run = document["runs"][0]
    assert run["tool"]["driver"]["rules"][0]["id"] == "JM107"
    region = run["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 5, "startColumn": 9}
    assert run["results"][0]["level"] == "error"


def test_junit_format(cli: Cli, project: Path, write: Write) -> None:
    write("ok.yaml", MINIMAL_MAP.format(id="ok"))
    write("bad.yaml", BROKEN)
    result = cli("validate", "--format", "junit", str(project))
    suite = ElementTree.fromstring(result.stdout).find("testsuite")
    assert suite is not None
    assert (suite.get("tests"), suite.get("failures")) == ("2", "1")
    failures = suite.findall("testcase/failure")
    assert len(failures) == 1
    assert "JM107" in (failures[0].text or "")


def test_reports_stay_one_line_and_valid_xml_for_hostile_names(
    cli: Cli, project: Path, write: Write
) -> None:
    write("bad\x01name.yaml", BROKEN)
    result = cli("validate", "--format", "junit", str(project))
    ElementTree.fromstring(result.stdout)
    text = cli("validate", str(project)).stdout
    assert len(text.splitlines()) == 1
    assert "\x01" not in text


def test_schema_command_prints_the_schema(cli: Cli) -> None:
    result = cli("schema")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == schema()


@pytest.mark.parametrize(
    "kind", ["current-state", "day-in-the-life", "future-state", "service-blueprint"]
)
def test_init_scaffolds_a_valid_map(cli: Cli, project: Path, kind: str) -> None:
    result = cli("init", "--kind", kind, "Árvíztűrő tükörfúrógép", cwd=project)
    assert result.exit_code == 0, result.stderr
    created = project / "Árvíztűrő tükörfúrógép.yaml"
    text = created.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=schemas/journeymap.schema.json\n")
    assert "id: arvizturo-tukorfurogep\n" in text
    assert (project / "schemas" / "journeymap.schema.json").is_file()
    validated = cli("validate", str(created))
    assert validated.exit_code == 0, validated.stdout


def test_init_refuses_to_overwrite(cli: Cli, project: Path) -> None:
    assert cli("init", "journey", cwd=project).exit_code == 0
    again = cli("init", "journey", cwd=project)
    assert again.exit_code == 2
    assert "already exists" in again.stderr
    assert cli("init", "journey", "--force", cwd=project).exit_code == 0


def test_init_rejects_a_bad_locale(cli: Cli, project: Path) -> None:
    result = cli("init", "journey", "--locale", "English", cwd=project)
    assert result.exit_code == 2
    assert not (project / "journey.yaml").exists()


def test_dump_prints_the_resolved_model(cli: Cli, project: Path, write: Write) -> None:
    write("personas/anna.yaml", "journeymap: 1\nkind: persona\nid: anna\nname: Anna\n")
    path = write("m.yaml", MINIMAL_MAP.format(id="m").replace("{name: Ana, role: Shopper}", "anna"))
    result = cli("dump", str(path))
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["persona"]["name"] == "Anna"
    assert data["locale"] == "en"
    assert [s["id"] for s in data["stages"][0]["steps"]] == ["first", "second"]
    assert data["stages"][0]["steps"][1]["at"] == ["stages", 0, "steps", 1]


def test_dump_of_an_invalid_map_fails(cli: Cli, project: Path, write: Write) -> None:
    result = cli("dump", str(write("bad.yaml", BROKEN)))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "JM107" in result.stderr


def test_config_errors_are_located(cli: Cli, tmp_path: Path, write: Write) -> None:
    write("journeymap.toml", '[project]\nlocale = "en"\npersonas = 3\n')
    write("m.yaml", MINIMAL_MAP.format(id="m"))
    result = cli("validate", str(tmp_path))
    assert result.exit_code == 1
    assert "journeymap.toml:3:1: JM103 expected text, got an integer 3" in result.stdout


def test_config_syntax_error_is_located(cli: Cli, tmp_path: Path, write: Write) -> None:
    write("journeymap.toml", '[project]\nlocale = "en\n')
    write("m.yaml", MINIMAL_MAP.format(id="m"))
    result = cli("validate", str(tmp_path))
    assert result.exit_code == 1
    assert "journeymap.toml:2:13: JM017 TOML syntax error" in result.stdout
