"""Schema cases from disk: valid maps pass, invalid maps give exactly the expected diagnostics.

Each invalid case lists what it expects in comments: `# expect: CODE line:col`.
"""

from __future__ import annotations

import re
import socket
from pathlib import Path

import pytest

from journeymap.schema import is_valid
from journeymap.schema.check import check_schema
from journeymap.schema.report import problems
from journeymap.source import Source, load_source

CASES = Path(__file__).parent / "schema_cases"
VALID = sorted((CASES / "valid").glob("*.yaml"))
INVALID = sorted((CASES / "invalid").glob("*.yaml"))
EXPECT = re.compile(r"^# expect: (JM\d{3}) (\d+):(\d+)$", re.MULTILINE)


def parsed(path: Path) -> Source:
    source = load_source(path, path.name)
    assert isinstance(source, Source), source
    return source


@pytest.mark.parametrize("path", VALID, ids=[p.stem for p in VALID])
def test_valid_case_passes_both_validators(path: Path) -> None:
    source = parsed(path)
    assert check_schema(source) == []
    assert problems(source.data) == []


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_case_reports_expected_positions(path: Path) -> None:
    source = parsed(path)
    expected = {(c, int(line), int(col)) for c, line, col in EXPECT.findall(source.text)}
    assert expected, f"{path.name} declares no expectations"
    found = {(d.code, d.line, d.col) for d in check_schema(source)}
    assert found == expected


@pytest.mark.parametrize("path", VALID + INVALID, ids=[p.stem for p in VALID + INVALID])
def test_fast_and_full_validators_agree(path: Path) -> None:
    data = parsed(path).data
    assert is_valid(data) == (problems(data) == [])


def test_full_report_never_touches_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    for path in INVALID:
        assert problems(parsed(path).data) or path.stem == "not-a-mapping"


def test_blueprint_error_names_the_blueprint_step() -> None:
    source = parsed(CASES / "invalid" / "blueprint-step-needs.yaml")
    messages = [d.one_line() for d in check_schema(source)]
    assert any("a service-blueprint step needs: id, action" in m for m in messages), messages
    assert all("is not valid under any" not in m for m in messages)


def test_unknown_property_suggests_the_kind_it_belongs_to() -> None:
    source = parsed(CASES / "invalid" / "blueprint-step-in-current-state.yaml")
    (diagnostic,) = check_schema(source)
    assert diagnostic.message == "unknown property 'frontstage' in a current-state step"
    assert diagnostic.hint == "'frontstage' belongs in service-blueprint maps"
