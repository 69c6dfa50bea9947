"""The terminal: usage errors on one line, FORCE_COLOR and NO_COLOR, shell completion."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import MINIMAL_MAP, Result

Cli = Callable[..., Result]
Write = Callable[[str, str | bytes], Path]

USAGE_ERRORS = {
    "unknown-option": (["validate", "x.yaml", "--bogus"], "no such option: --bogus"),
    "missing-argument": (["validate"], "missing argument 'PATH...'"),
    "bad-choice": (["validate", "x.yaml", "-f", "nope"], "'nope' is not one of"),
    "bad-number": (["validate", "x.yaml", "-j", "-1"], "-1 is not in the range"),
    "unknown-command": (["nosuch"], "no such command 'nosuch'"),
    "bad-kind": (["init", "--kind", "poster", "x"], "'poster' is not one of"),
}


@pytest.mark.parametrize(("args", "says"), USAGE_ERRORS.values(), ids=USAGE_ERRORS.keys())
def test_a_usage_error_is_one_line(cli: Cli, project: Path, args: list[str], says: str) -> None:
    result = cli(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("journeymap")
    assert says in line
    assert line.endswith(f"; try 'journeymap{' ' + args[0] if args[0] != 'nosuch' else ''} -h'")


def test_no_arguments_still_prints_the_help(cli: Cli) -> None:
    result = cli()
    assert result.exit_code == 2
    assert "Commands:" in result.stderr + result.stdout


def test_a_usage_error_shows_no_raw_control_character(cli: Cli) -> None:
    result = cli("validate", "x.yaml", "--b\x1b[31mad")
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr
    assert len(result.stderr.splitlines()) == 1


def _warning_map(write: Write) -> Path:
    return write("m.yaml", MINIMAL_MAP.format(id="m").replace("emotion: 0", "emotion: -2"))


COLOURS = {
    "force": ({"FORCE_COLOR": "1"}, True),
    "force-any-value": ({"FORCE_COLOR": "always"}, True),
    "force-zero": ({"FORCE_COLOR": "0"}, False),
    "no-color-wins": ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
    "neither": ({}, False),
}


@pytest.mark.parametrize(("env", "coloured"), COLOURS.values(), ids=COLOURS.keys())
def test_force_color_and_no_color_decide_colour(
    cli: Cli,
    project: Path,
    write: Write,
    monkeypatch: pytest.MonkeyPatch,
    env: dict[str, str],
    coloured: bool,
) -> None:
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    result = cli("validate", str(_warning_map(write)))
    assert "JM304" in result.stdout
    assert ("\x1b[" in result.stdout) is coloured


def test_force_color_colours_the_diff_too(
    cli: Cli, project: Path, write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("FORCE_COLOR", "1")
    old = write("old.yaml", MINIMAL_MAP.format(id="m"))
    new = write("new.yaml", MINIMAL_MAP.format(id="m").replace("Reads about it", "Reads it"))
    result = cli("diff", str(old), str(new))
    assert "\x1b[" in result.stdout


@pytest.mark.parametrize(
    ("shell", "marker"),
    [
        ("bash", "complete -o default -F _journeymap_completion journeymap"),
        ("zsh", "#compdef journeymap"),
        ("fish", "complete --command journeymap"),
    ],
)
def test_completion_prints_a_script_for_each_shell(cli: Cli, shell: str, marker: str) -> None:
    result = cli("completion", shell)
    assert result.exit_code == 0, result.stderr
    assert marker in result.stdout
    assert "_JOURNEYMAP_COMPLETE" in result.stdout


def test_the_bash_script_is_valid_bash(cli: Cli, tmp_path: Path) -> None:
    script = tmp_path / "journeymap.bash"
    script.write_text(cli("completion", "bash").stdout, encoding="utf-8")
    checked = subprocess.run(["bash", "-n", str(script)], capture_output=True, check=False)
    assert checked.returncode == 0, checked.stderr


def test_completion_of_an_unknown_shell_is_a_usage_error(cli: Cli) -> None:
    result = cli("completion", "ksh")
    assert result.exit_code == 2
    assert "bash, zsh or fish" in result.stderr


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_the_installed_script_answers_completion_requests(shell: str) -> None:
    """What the shell scripts ask: once "Shell bash not supported"."""
    script = shutil.which("journeymap") or str(Path(sys.executable).with_name("journeymap"))
    env = {
        **os.environ,
        "_JOURNEYMAP_COMPLETE": f"complete_{shell}",
        "COMP_WORDS": "journeymap vali",
        "COMP_CWORD": "1",
        "_TYPER_COMPLETE_ARGS": "journeymap vali",
        "_TYPER_COMPLETE_FISH_ACTION": "get-args",
    }
    done = subprocess.run(
        [script], capture_output=True, text=True, env=env, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "validate" in done.stdout
    assert "not supported" not in done.stderr
