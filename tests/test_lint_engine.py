"""The lint engine: configuration, per-path overrides, inline suppression, plugins, `rules`."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import ROOT, Result
from journeymap.lint import registry

Cli = Callable[..., Result]
Write = Callable[[str, str | bytes], Path]

PLUGIN_DIR = Path(__file__).parent / "plugin"

# A map with one negative step and no pain point: JM304 (warning) at 10:68, nothing else
# at warning level or above.
DIP = """\
journeymap: 1
kind: day-in-the-life
id: dip
title: A dip
persona: {name: Ana}
stages:
  - id: morning
    title: Morning
    steps:
      - {id: wakes, time: "07:00", action: Wakes up late, emotion: -1}
"""


def codes(result: Result) -> list[str]:
    return [d["code"] for d in json.loads(result.stdout)["diagnostics"]]


def run(cli: Cli, path: Path, *extra: str) -> Result:
    return cli("validate", "-f", "json", *extra, str(path))


@pytest.fixture
def plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Install the test plugin for real: a dist-info with entry points, found on sys.path."""
    dist = tmp_path / "site" / "acme_journeymap_rules-1.0.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: acme-journeymap-rules\nVersion: 1.0\n"
    )
    (dist / "entry_points.txt").write_text(
        "[journeymap.rules]\n"
        "ACME101 = acme_rules.no_lorem\n"
        "ACME102 = acme_rules.strict_titles\n"
        "ACME103 = acme_rules.broken\n"
    )
    monkeypatch.syspath_prepend(str(PLUGIN_DIR))
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    registry.load.cache_clear()
    yield
    registry.load.cache_clear()
    sys.modules.pop("acme_rules", None)


def test_a_warning_is_reported_and_does_not_fail_without_strict(
    cli: Cli, project: Path, write: Write
) -> None:
    result = run(cli, write("dip.yaml", DIP))
    assert result.exit_code == 0
    (diagnostic,) = json.loads(result.stdout)["diagnostics"]
    assert (diagnostic["code"], diagnostic["line"], diagnostic["col"]) == ("JM304", 10, 68)
    assert diagnostic["severity"] == "warning"


def test_strict_makes_warnings_fail(cli: Cli, project: Path, write: Write) -> None:
    assert run(cli, write("dip.yaml", DIP), "--strict").exit_code == 1


@pytest.mark.parametrize("name", ["JM304", "negative-emotion-without-pain-point", "jm304"])
def test_disable_by_code_or_name(cli: Cli, tmp_path: Path, write: Write, name: str) -> None:
    write("journeymap.toml", f'[lint]\ndisable = ["{name}"]\n')
    assert codes(run(cli, write("dip.yaml", DIP))) == []


def test_change_severity(cli: Cli, tmp_path: Path, write: Write) -> None:
    write("journeymap.toml", '[lint.severity]\nnegative-emotion-without-pain-point = "error"\n')
    result = run(cli, write("dip.yaml", DIP))
    assert result.exit_code == 1
    assert json.loads(result.stdout)["diagnostics"][0]["severity"] == "error"


def test_overrides_apply_by_path(cli: Cli, tmp_path: Path, write: Write) -> None:
    write(
        "journeymap.toml",
        '[[lint.overrides]]\npaths = ["legacy/**"]\ndisable = ["JM304"]\n'
        '[[lint.overrides]]\npaths = ["strict/*.yaml"]\nseverity = { JM304 = "error" }\n',
    )
    assert codes(run(cli, write("legacy/old/dip.yaml", DIP))) == []
    assert codes(run(cli, write("current/dip.yaml", DIP))) == ["JM304"]
    assert run(cli, write("strict/dip.yaml", DIP)).exit_code == 1


def test_unknown_rule_in_the_config_is_located(cli: Cli, tmp_path: Path, write: Write) -> None:
    write("journeymap.toml", '[lint]\ndisable = ["JM999"]\n')
    result = cli("validate", str(write("dip.yaml", DIP)))
    assert "journeymap.toml:2:1: JM018 unknown lint rule 'JM999'" in result.stdout


def test_suppression_on_the_same_line(cli: Cli, project: Path, write: Write) -> None:
    text = DIP.replace("emotion: -1}", "emotion: -1}  # journeymap: disable=JM304")
    assert codes(run(cli, write("dip.yaml", text))) == []


def test_suppression_on_the_line_before(cli: Cli, project: Path, write: Write) -> None:
    text = DIP.replace(
        "      - {id: wakes",
        "      # journeymap: disable=negative-emotion-without-pain-point\n      - {id: wakes",
    )
    assert codes(run(cli, write("dip.yaml", text))) == []


def test_suppression_for_the_whole_file(cli: Cli, project: Path, write: Write) -> None:
    text = "# journeymap: disable-file=JM304\n" + DIP
    assert codes(run(cli, write("dip.yaml", text))) == []


def test_a_suppression_that_suppresses_nothing_is_reported(
    cli: Cli, project: Path, write: Write
) -> None:
    text = DIP.replace("title: A dip", "title: A dip  # journeymap: disable=JM304, JM999")
    result = json.loads(run(cli, write("dip.yaml", text)).stdout)["diagnostics"]
    found = sorted((d["code"], d["line"], d["message"]) for d in result)
    assert found == [
        ("JM300", 4, "suppression names an unknown rule 'JM999'"),
        ("JM300", 4, "suppression of JM304 suppresses nothing"),
        ("JM304", 10, "emotion -1 at step 'wakes' has no pain point"),
    ]


def test_plugin_rules_are_picked_up_from_entry_points(
    plugin: None, cli: Cli, project: Path, write: Write
) -> None:
    text = DIP.replace("action: Wakes up late", "action: Lorem ipsum dolor")
    result = json.loads(run(cli, write("dip.yaml", text)).stdout)["diagnostics"]
    found = {(d["code"], d["line"]) for d in result}
    assert ("ACME101", 10) in found
    assert not any(code == "ACME102" for code, _ in found), "ACME102 is off by default"
    crash = next(d for d in result if d["code"] == "ACME103")
    assert crash["message"] == "rule always-crashes failed: RuntimeError: boom"


def test_a_default_off_plugin_rule_can_be_enabled(
    plugin: None, cli: Cli, tmp_path: Path, write: Write
) -> None:
    write("journeymap.toml", '[lint]\nenable = ["step-needs-title"]\ndisable = ["ACME103"]\n')
    assert "ACME102" in codes(run(cli, write("dip.yaml", DIP)))


def test_plugin_rules_are_listed(plugin: None, cli: Cli) -> None:
    listing = cli("rules").stdout
    assert "ACME102  step-needs-title" in listing
    assert "info (off by default)" in listing


def test_rules_lists_every_built_in_rule(cli: Cli) -> None:
    lines = cli("rules").stdout.splitlines()
    assert len(lines) >= 15
    assert all(re.match(r"^JM3\d\d  [a-z-]+ +(error|warning|info)", line) for line in lines)


def test_rules_shows_one_rule(cli: Cli) -> None:
    page = cli("rules", "JM305").stdout
    assert page.startswith("JM305 pain-point-without-opportunity\n")
    assert "**Why**" in page and "**Anti-pattern**" in page and "**Best practice**" in page
    assert cli("rules", "no-such-rule").exit_code == 2


def test_every_built_in_rule_is_documented() -> None:
    for rule in registry.all_rules():
        assert rule.origin.startswith("journeymap.lint.rules.jm")
        assert rule.code.lower() in rule.origin, "the module name carries the code"
        for section in ("**Why**", "**Anti-pattern**", "**Best practice**"):
            assert section in rule.doc, f"{rule.code} lacks {section}"


def test_docs_rules_md_is_current() -> None:
    from journeymap.lint.docs import rules_markdown

    current = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == rules_markdown(), "run: python scripts/regenerate.py"
