"""Hostile and extreme input through the real CLI: one located line, no crash, no output.

Each test is a regression of a problem found by an adversarial sweep of the CLI.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import MINIMAL_MAP, Result

Cli = Callable[..., Result]
Write = Callable[[str, str | bytes], Path]

LOCATED = re.compile(r"^[^:]+:\d+:\d+: JM\d{3} ")


def one_line_problems(stderr: str) -> list[str]:
    """The error lines of a run; fails the test on any line that is not `path:line:col: CODE`."""
    lines = [line for line in stderr.splitlines() if "[info]" not in line]
    lines = [line for line in lines if "[warning]" not in line]
    assert all(LOCATED.match(line) for line in lines), stderr
    return lines


@pytest.mark.parametrize("emotion", ["1.0", "-0.0", "1e-999"])
def test_an_integral_float_where_an_integer_is_expected_renders(
    cli: Cli, project: Path, write: Write, emotion: str
) -> None:
    """JSON Schema counts 1.0 as an integer; the renderer looked up `emotion.1.0` and crashed."""
    text = MINIMAL_MAP.format(id="floats").replace("emotion: 1\n", f"emotion: {emotion}\n")
    text = text.replace(
        "        emotion: 0\n",
        "        emotion: -2.0\n        pain_points: [{id: p, text: Slow, severity: 3.0}]\n"
        "        opportunities: [{id: o, text: Faster, impact: 4.0, addresses: [p]}]\n",
    )
    path = write("floats.yaml", text)
    result = cli("render", str(path), "-f", "svg", "-f", "html")
    assert result.exit_code == 0, result.stderr
    assert (project / "floats.html").exists()
    dumped = json.loads(cli("dump", str(path)).stdout)
    step = dumped["stages"][0]["steps"][1]
    assert (step["emotion"], step["pain_points"][0]["severity"]) == (-2, 3)
    assert type(step["emotion"]) is int and type(step["opportunities"][0]["impact"]) is int


@pytest.mark.parametrize("value", ["nan", "-nan", "+nan"])
def test_nan_in_journeymap_toml_is_a_located_error(
    cli: Cli, tmp_path: Path, write: Write, value: str
) -> None:
    """NaN passes every minimum and maximum (it compares false) and crashed the text wrapper."""
    write("journeymap.toml", f"[theme]\nfont_size = 12\ncolumn_width = {value}\n")
    write("journey.yaml", MINIMAL_MAP.format(id="journey"))
    result = cli("render", "journey.yaml", cwd=tmp_path)
    assert result.exit_code == 1
    assert one_line_problems(result.stderr) == [
        "journeymap.toml:3:1: JM014 nan and inf are not allowed here (hint: write a finite number)"
    ]
    assert not (tmp_path / "journey.svg").exists() and not (tmp_path / "journey.html").exists()


@pytest.mark.parametrize(
    "toml",
    [
        "a = " + "[" * 100_000 + "]" * 100_000 + "\n",
        "[lint]\nseverity = " + "{a = " * 400 + "1" + "}" * 400 + "\n",
    ],
)
def test_deeply_nested_toml_is_a_located_error(
    cli: Cli, tmp_path: Path, write: Write, toml: str
) -> None:
    """tomllib recurses per level: a few hundred levels raised RecursionError."""
    write("journeymap.toml", toml)
    path = write("journey.yaml", MINIMAL_MAP.format(id="journey"))
    for command in (("render", str(path)), ("validate", str(path)), ("dump", str(path))):
        result = cli(*command)
        assert result.exit_code == 1
        problems = [
            line for line in (result.stderr + result.stdout).splitlines() if "JM006" in line
        ]
        assert problems and problems[0].startswith(str(tmp_path / "journeymap.toml:"))
        assert "nesting is deeper than 32 levels" in problems[0]


def test_brackets_inside_toml_strings_and_comments_are_not_nesting(
    cli: Cli, tmp_path: Path, write: Write
) -> None:
    deep = "[" * 40
    write(
        "journeymap.toml",
        f"# {deep}\n[project]\nname = \"{deep}\"\n[lint]\ndisable = ['{deep}'] # {deep}\n",
    )
    path = write("journey.yaml", MINIMAL_MAP.format(id="journey"))
    result = cli("validate", str(path))
    assert "JM006" not in result.stdout


def test_a_symlink_loop_is_a_located_error_for_render_and_dump(cli: Cli, tmp_path: Path) -> None:
    """Path.resolve() raises RuntimeError on a loop in Python 3.11; validate already coped."""
    (tmp_path / "a.yaml").symlink_to(tmp_path / "b.yaml")
    (tmp_path / "b.yaml").symlink_to(tmp_path / "a.yaml")
    for command in ("render", "dump", "validate"):
        result = cli(command, str(tmp_path / "a.yaml"))
        assert result.exit_code == 1
        out = result.stdout if command == "validate" else result.stderr
        assert "JM001" in out and "symbolic links" in out


def test_render_into_a_file_is_a_located_error(cli: Cli, project: Path, write: Write) -> None:
    """`-o` naming an existing file (or anything unwritable) crashed with FileExistsError."""
    path = write("journey.yaml", MINIMAL_MAP.format(id="journey"))
    blocker = write("out", "not a directory")
    result = cli("render", str(path), "-o", str(blocker))
    assert result.exit_code == 1
    problems = one_line_problems(result.stderr)
    assert problems and all(" JM021 cannot write " in line for line in problems)
    assert result.stdout == ""
    assert blocker.read_text(encoding="utf-8") == "not a directory"


def test_an_unknown_lint_rule_fails_render_as_it_fails_validate(
    cli: Cli, tmp_path: Path, write: Write
) -> None:
    write("journeymap.toml", '[lint]\ndisable = ["JM999"]\n')
    path = write("journey.yaml", MINIMAL_MAP.format(id="journey"))
    assert cli("validate", str(path)).exit_code == 1
    result = cli("render", str(path))
    assert result.exit_code == 1
    assert "journeymap.toml:2:1: JM018 unknown lint rule 'JM999'\n" in result.stderr
    assert not (tmp_path / "journey.svg").exists()


@pytest.mark.parametrize("name", ["", ".", ".."])
def test_init_refuses_a_name_that_is_no_file_name(cli: Cli, tmp_path: Path, name: str) -> None:
    """`init ""` wrote a hidden file called `.yaml`."""
    result = cli("init", name, cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stderr.startswith("journeymap: ") and "is not a name" in result.stderr
    assert not list(tmp_path.glob("*.y*ml")) and not (tmp_path / ".yaml").exists()


@pytest.mark.parametrize("name", ["new\nline", "bell\x07", "sep\u2028arator"])
def test_init_with_a_line_break_in_the_name_writes_a_valid_map(
    cli: Cli, tmp_path: Path, name: str
) -> None:
    """The file name went raw into a comment: a newline ended it and the rest became YAML."""
    assert cli("init", name, cwd=tmp_path).exit_code == 0
    result = cli("validate", str(tmp_path / f"{name}.yaml"))
    assert result.exit_code == 0, result.stdout


def test_init_with_a_name_too_long_is_one_line(cli: Cli, tmp_path: Path) -> None:
    result = cli("init", "a" * 300, cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stderr.startswith("journeymap: cannot create ")
    assert len(result.stderr.strip().splitlines()) == 1
