"""Two refusals of `measure --events`: a zero-byte file is an empty log, and a URL (which may
carry a password) is refused without being echoed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from analytics_fixtures import write_project
from conftest import Result

Cli = Callable[..., Result]


def _measure(cli: Cli, map_path: Path, events: str, out: Path) -> Result:
    return cli("measure", str(map_path), "--events", events, "-o", str(out))


def test_a_zero_byte_log_is_an_empty_log(cli: Cli, tmp_path: Path) -> None:
    map_path, _ = write_project(tmp_path)
    empty = tmp_path / "events.csv"
    empty.write_bytes(b"")
    out = tmp_path / "m.json"
    result = _measure(cli, map_path, str(empty), out)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"journeymap: {empty}: the log is empty (no events)"
    assert not out.exists()


def test_a_url_is_refused_and_its_password_never_shown(cli: Cli, tmp_path: Path) -> None:
    map_path, _ = write_project(tmp_path)
    out = tmp_path / "m.json"
    result = _measure(cli, map_path, "postgresql://ana:hunter2@127.0.0.1:1/shop", out)
    assert result.exit_code == 2
    assert "hunter2" not in result.stderr + result.stdout
    assert "--dsn" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert not out.exists()
