"""One table of exit statuses for every command (README, "Safety"), tested command by command.

0 clean; 1 problems in maps; 2 usage errors and missing inputs; 130 after SIGINT and 143
after SIGTERM (tests/test_interrupt.py).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import MINIMAL_MAP, ROOT, Result

Cli = Callable[..., Result]

# Each command with `{missing}` where its input goes; {tmp} is a scratch folder.
MISSING = {
    "validate": ["validate", "{missing}"],
    "render": ["render", "{missing}", "-o", "{tmp}/out"],
    "dump": ["dump", "{missing}"],
    "export": ["export", "--to", "csv", "{missing}"],
    "import": ["import", "{missing}.csv", "-o", "{tmp}/imported.yaml"],
    "diff-two": ["diff", "{missing}", "{good}"],
    "diff-future": ["diff", "{missing}"],
    "build": ["build", "{missing}", "-o", "{tmp}/site"],
    "watch": ["watch", "{missing}", "-o", "{tmp}/site"],
    "serve": ["serve", "{missing}", "--port", "0"],
}


def filled(arguments: list[str], tmp_path: Path) -> list[str]:
    good = tmp_path / "good.yaml"
    good.write_text(MINIMAL_MAP.format(id="good"), encoding="utf-8")
    names = {"missing": str(tmp_path / "nothing-here"), "tmp": str(tmp_path), "good": str(good)}
    return [a.format(**names) for a in arguments]


@pytest.mark.parametrize("arguments", MISSING.values(), ids=MISSING.keys())
def test_a_missing_input_is_status_2_and_one_line(
    cli: Cli, tmp_path: Path, arguments: list[str]
) -> None:
    result = cli(*filled(arguments, tmp_path))
    assert result.exit_code == 2, result.stderr
    assert result.stderr.startswith("journeymap: ") and result.stderr.count("\n") == 1
    assert "nothing-here" in result.stderr
    assert result.stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["good.yaml"]


@pytest.mark.parametrize("command", [a[0] for a in MISSING.values()] + ["init", "rules", "schema"])
def test_an_unknown_option_is_status_2(cli: Cli, command: str) -> None:
    assert cli(command, "--no-such-option").exit_code == 2


# Each command on a clean input (status 0) and on a map with an error (status 1).
ON_MAPS = {
    "validate": ["validate", "{map}"],
    "render": ["render", "{map}", "-o", "{tmp}/out"],
    "dump": ["dump", "{map}"],
    "export": ["export", "--to", "markdown", "{map}"],
    "diff-two": ["diff", "{good}", "{map}"],
    "build": ["build", "{project}", "-o", "{tmp}/site"],
}
BROKEN = MINIMAL_MAP.format(id="m").replace("emotion: 0", "emotion: 9")


@pytest.mark.parametrize("arguments", ON_MAPS.values(), ids=ON_MAPS.keys())
@pytest.mark.parametrize(("text", "status"), [(MINIMAL_MAP.format(id="m"), 0), (BROKEN, 1)])
def test_problems_in_maps_are_status_1_and_clean_maps_0(
    cli: Cli, tmp_path: Path, arguments: list[str], text: str, status: int
) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "journeymap.toml").write_text("", encoding="utf-8")
    (project / "m.yaml").write_text(text, encoding="utf-8")
    (project / "good.yaml").write_text(MINIMAL_MAP.format(id="good"), encoding="utf-8")
    names = {
        "map": str(project / "m.yaml"),
        "good": str(project / "good.yaml"),
        "project": str(project),
        "tmp": str(tmp_path),
    }
    result = cli(*[a.format(**names) for a in arguments])
    assert result.exit_code == status, result.stdout + result.stderr


@pytest.mark.parametrize(("content", "status"), [("a,b\n", 1), (None, 0)])
def test_import_follows_the_table(
    cli: Cli, tmp_path: Path, content: str | None, status: int
) -> None:
    source = tmp_path / "in.csv"
    if content is None:
        exported = cli("export", "--to", "csv", str(ROOT / "examples" / "current-state.yaml"))
        content = exported.stdout
    source.write_text(content, encoding="utf-8")
    result = cli("import", str(source), "-o", str(tmp_path / "out.yaml"))
    assert result.exit_code == status, result.stderr


def test_the_readme_has_the_table() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    safety = text[text.index("## Safety") :]
    for status in ("| 0 |", "| 1 |", "| 2 |", "| 130 |", "| 143 |"):
        assert status in safety
