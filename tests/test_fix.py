"""`journeymap validate --fix`: the did-you-mean fixes, in place, touching only their tokens."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from conftest import EXAMPLES, Result
from journeymap.fix.files import fix_file

Run = Callable[..., Result]


def _broken_copy(tmp_path: Path) -> tuple[Path, str, str]:
    root = tmp_path / "examples"
    shutil.copytree(EXAMPLES, root)
    path = root / "current-state.yaml"
    original = path.read_text("utf-8")
    broken = original.replace("{to: buys-at-machine,", "{to: 'buy-at-machine',", 1)
    broken = broken.replace("{channel: web, name: Fares", "{channel: webb, name: Fares", 1)
    broken = broken.replace("        emotion: -1\n", "        emotionn: -1  # keep me\n", 1)
    assert broken.count("\n") == original.count("\n")
    return path, original, broken


def test_validate_fix_applies_every_safe_fix_and_reports_clean(cli: Run, tmp_path: Path) -> None:
    path, original, broken = _broken_copy(tmp_path)
    path.write_text(broken.replace("\n", "\r\n"), "utf-8", newline="")
    result = cli("validate", "--fix", str(path))
    assert result.exit_code == 0, result.stderr
    assert "fixed 3 problem(s)" in result.stderr
    expected = original.replace("{to: buys-at-machine,", "{to: 'buys-at-machine',", 1)
    expected = expected.replace("        emotion: -1\n", "        emotion: -1  # keep me\n", 1)
    assert path.read_bytes() == expected.replace("\n", "\r\n").encode("utf-8")


def test_fix_rewrites_only_the_touched_lines(tmp_path: Path) -> None:
    path, _, broken = _broken_copy(tmp_path)
    path.write_text(broken, "utf-8")
    path.chmod(0o600)
    fixed = fix_file(path)
    assert fixed is not None and fixed.count == 3
    after = path.read_text("utf-8")
    pairs = zip(broken.split("\n"), after.split("\n"), strict=True)
    changed = [(old.strip(), new.strip()) for old, new in pairs if old != new]
    assert changed == [
        (
            "- {channel: webb, name: Fares and zones page}",
            "- {channel: web, name: Fares and zones page}",
        ),
        ("emotionn: -1  # keep me", "emotion: -1  # keep me"),
        (
            "- {to: 'buy-at-machine', label: Card check fails, share: 0.22}",
            "- {to: 'buys-at-machine', label: Card check fails, share: 0.22}",
        ),
    ]
    assert path.stat().st_mode & 0o777 == 0o600
    assert list(path.parent.glob(".*.tmp")) == []


def test_fix_leaves_a_file_without_safe_fixes_alone(cli: Run, tmp_path: Path) -> None:
    path, original, _ = _broken_copy(tmp_path)
    broken = original.replace("emotion: -1", "emotion: -3", 1)
    path.write_text(broken, "utf-8")
    before = path.stat().st_mtime_ns
    result = cli("validate", "--fix", str(path))
    assert result.exit_code == 1
    assert "fixed" not in result.stderr and "JM106" in result.stdout
    assert path.read_text("utf-8") == broken and path.stat().st_mtime_ns == before


def test_fix_of_unparsable_or_missing_files_changes_nothing(cli: Run, tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("journeymap: 1\nkind: [\n", "utf-8")
    result = cli("validate", "--fix", str(path))
    assert result.exit_code == 1 and "JM005" in result.stdout
    assert path.read_text("utf-8") == "journeymap: 1\nkind: [\n"
    missing = cli("validate", "--fix", str(tmp_path / "nothing.yaml"))
    assert missing.exit_code == 2 and "no such file" in missing.stderr
