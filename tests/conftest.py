"""Shared fixtures: the real CLI entry point, and small projects written to tmp_path."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from journeymap.cli import app

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

MINIMAL_MAP = """\
journeymap: 1
kind: current-state
id: {id}
title: A small journey
persona: {{name: Ana, role: Shopper}}
stages:
  - id: awareness
    steps:
      - id: first
        action: Notices the offer
        touchpoints: [{{channel: ads, name: Poster}}]
        emotion: 1
      - id: second
        action: Reads about it
        touchpoints: [{{channel: web, name: Offer page}}]
        emotion: 0
"""


class Result:
    def __init__(self, exit_code: int, stdout: str, stderr: str) -> None:
        self.exit_code = exit_code
        self.stdout = stdout
        self.stderr = stderr


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Run the real typer app in-process, with exceptions propagating (never swallowed)."""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)

    def run(*args: str, cwd: Path | None = None) -> Result:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        runner = CliRunner()
        outcome = runner.invoke(app, list(args), catch_exceptions=False)
        return Result(outcome.exit_code, outcome.stdout, outcome.stderr)

    return run


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str | bytes], Path]:
    """Write a file below tmp_path (dedented when text) and return its path."""

    def put(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
        return path

    return put


@pytest.fixture
def project(write: Callable[[str, str | bytes], Path], tmp_path: Path) -> Path:
    """An empty project: a journeymap.toml at tmp_path."""
    write("journeymap.toml", '[project]\nname = "Test"\n')
    return tmp_path


# Property tests search at random on a developer's machine, and replay a fixed search in CI,
# so a CI run is reproducible and a failure found locally is kept in .hypothesis/.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
