"""`journeymap init`: folders made, one schema per project, titles people write, personas."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Result
from journeymap.scaffold import title_from_name

Cli = Callable[..., Result]

MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$", re.MULTILINE)


def _schema_of(path: Path) -> Path:
    found = MODELINE.search(path.read_text(encoding="utf-8"))
    assert found is not None
    return (path.parent / found.group(1)).resolve()


def test_the_readme_example_makes_its_folder(cli: Cli, tmp_path: Path) -> None:
    result = cli("init", "--kind", "service-blueprint", "maps/returns.yaml", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "wrote schemas/journeymap.schema.json",
        "wrote maps/returns.yaml",
    ]
    assert _schema_of(tmp_path / "maps" / "returns.yaml").is_file()
    checked = cli("validate", "maps")
    assert checked.exit_code == 0, checked.stdout


def test_maps_in_several_folders_share_one_schema(cli: Cli, tmp_path: Path) -> None:
    for name in ("maps/a", "research/2024/b", "c"):
        assert cli("init", name, cwd=tmp_path).exit_code == 0
    schemas = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*.schema.json"))
    assert schemas == [Path("schemas/journeymap.schema.json")]
    for name in ("maps/a.yaml", "research/2024/b.yaml", "c.yaml"):
        assert _schema_of(tmp_path / name) == tmp_path / "schemas" / "journeymap.schema.json"


def test_the_schema_goes_to_the_project_root(cli: Cli, project: Path) -> None:
    inner = project / "team" / "maps"
    inner.mkdir(parents=True)
    assert cli("init", "new/journey", cwd=inner).exit_code == 0
    assert _schema_of(inner / "new" / "journey.yaml") == (
        project / "schemas" / "journeymap.schema.json"
    )
    assert not (inner / "schemas").exists()


def test_a_file_in_the_way_of_the_folder_is_one_line(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "maps").write_text("not a folder", encoding="utf-8")
    result = cli("init", "maps/returns", cwd=tmp_path)
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith("journeymap: cannot create maps")


TITLES = {
    "gp-booking": "GP booking",
    "nps-survey-v2": "NPS survey v2",
    "b2b_crm-onboarding": "B2B CRM onboarding",
    "first-2fa-login": "First 2FA login",
    "API-flow": "API flow",
    "24h-support-vs-chat": "24h support vs chat",
    "v2-rollout": "v2 rollout",
    "my-day": "My day",
    "Árvíztűrő tükörfúrógép": "Árvíztűrő tükörfúrógép",
    "退货流程": "退货流程",
}


@pytest.mark.parametrize(("stem", "title"), TITLES.items(), ids=TITLES.keys())
def test_titles_from_file_names_keep_acronyms_and_versions(stem: str, title: str) -> None:
    assert title_from_name(stem) == title


def test_init_writes_the_derived_title(cli: Cli, tmp_path: Path) -> None:
    assert cli("init", "maps/nps-survey-v2", cwd=tmp_path).exit_code == 0
    assert 'title: "NPS survey v2"\n' in (tmp_path / "maps/nps-survey-v2.yaml").read_text("utf-8")


def test_title_option_wins(cli: Cli, tmp_path: Path) -> None:
    assert cli("init", "gp", "--title", "Booking a GP: the 2025 way", cwd=tmp_path).exit_code == 0
    text = (tmp_path / "gp.yaml").read_text("utf-8")
    assert 'title: "Booking a GP: the 2025 way"\n' in text
    assert cli("validate", "gp.yaml").exit_code == 0


def test_a_blank_title_is_refused(cli: Cli, tmp_path: Path) -> None:
    result = cli("init", "gp", "--title", "  ", cwd=tmp_path)
    assert result.exit_code == 2
    assert "--title has no text" in result.stderr
    assert not (tmp_path / "gp.yaml").exists()


def test_init_writes_a_persona_maps_can_name(cli: Cli, project: Path) -> None:
    result = cli("init", "--kind", "persona", "personas/maya-commuter", cwd=project)
    assert result.exit_code == 0, result.stderr
    persona = project / "personas" / "maya-commuter.yaml"
    text = persona.read_text("utf-8")
    assert "kind: persona\n" in text
    assert 'name: "Maya commuter"' in text
    assert cli("validate", str(persona)).exit_code == 0
    assert cli("init", "maps/journey").exit_code == 0
    journey = project / "maps" / "journey.yaml"
    named = re.sub(
        r"persona:.*\n  name: Anna\n  role: .*\n",
        "persona: maya-commuter\n",
        journey.read_text("utf-8"),
    )
    journey.write_text(named, encoding="utf-8")
    checked = cli("dump", str(journey))
    assert checked.exit_code == 0, checked.stderr
    assert '"name": "Maya commuter"' in checked.stdout
