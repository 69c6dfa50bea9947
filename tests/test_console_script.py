"""The installed `journeymap` console script, run as a user runs it."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from test_loader import REFUSALS

LINE = re.compile(r"^\S.*:\d+:\d+: JM\d{3} .+$")


def journeymap(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    script = shutil.which("journeymap") or str(Path(sys.executable).with_name("journeymap"))
    return subprocess.run(
        [script, *args], capture_output=True, text=True, timeout=60, cwd=cwd, check=False
    )


def test_console_script_reports_its_version() -> None:
    result = journeymap("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("journeymap ")


@pytest.mark.parametrize(
    ("content", "code"), [(c[1], c[2]) for c in REFUSALS], ids=[c[0] for c in REFUSALS]
)
def test_hostile_input_gives_one_located_line(
    content: str | bytes, code: str, tmp_path: Path
) -> None:
    path = tmp_path / "hostile.yaml"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    result = journeymap("validate", str(path), cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and LINE.match(lines[0]), result.stdout
    assert f": {code} " in lines[0]
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hostile.yaml"]


def test_a_missing_input_is_one_line_without_debug(tmp_path: Path) -> None:
    result = journeymap("dump", str(tmp_path / "missing.yaml"))
    assert result.returncode == 2
    assert result.stderr == f"journeymap: no such file: {tmp_path / 'missing.yaml'}\n"
