"""References: persona files and based_on maps resolve inside the project root, or fail located."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from journeymap.config import load_project
from journeymap.diagnostics import Diagnostic
from journeymap.pipeline import Checked, check_file, open_session

Write = Callable[[str, str | bytes], Path]

PERSONA = """\
journeymap: 1
kind: persona
id: anna
name: Anna
role: Runner
"""


def a_map(reference: str, *, kind: str = "current-state", field: str = "persona") -> str:
    return f"""\
journeymap: 1
kind: {kind}
id: {kind}-map
title: T
{field}: {reference}
stages:
  - id: awareness
    steps:
      - {{id: a, action: Does a thing}}
"""


def check(path: Path) -> Checked:
    project, problems = load_project(path)
    assert problems == []
    return check_file(path, open_session(project), with_lint=False)


def only(checked: Checked) -> Diagnostic:
    assert len(checked.diagnostics) == 1, checked.diagnostics
    return checked.diagnostics[0]


def test_persona_by_relative_path(project: Path, write: Write) -> None:
    write("personas/anna.yaml", PERSONA)
    checked = check(write("maps/m.yaml", a_map("../personas/anna.yaml")))
    assert checked.diagnostics == []
    assert checked.journey is not None and checked.journey.persona is not None
    assert checked.journey.persona.name == "Anna"


def test_persona_by_id_from_the_personas_directory(project: Path, write: Write) -> None:
    write("personas/anna.yaml", PERSONA)
    checked = check(write("maps/deep/m.yaml", a_map("anna")))
    assert checked.diagnostics == []
    assert checked.journey is not None and checked.journey.persona is not None
    assert checked.journey.persona.id == "anna"


@pytest.mark.parametrize(
    ("reference", "code", "fragment"),
    [
        ("/etc/passwd", "JM201", "absolute path"),
        ("C:\\\\Users\\\\x.yaml", "JM201", "absolute path"),
        ("https://example.com/p.yaml", "JM201", "URL"),
        ("file:///etc/passwd", "JM201", "URL"),
        ("../../outside.yaml", "JM202", "outside the project root"),
        ("missing.yaml", "JM203", "does not exist"),
        ("nobody", "JM203", "does not exist"),
        ("personas/", "JM204", "not a regular file"),
    ],
)
def test_bad_persona_reference_is_located(
    project: Path, write: Write, reference: str, code: str, fragment: str
) -> None:
    write("personas/anna.yaml", PERSONA)
    diagnostic = only(check(write("m.yaml", a_map(f'"{reference}"'))))
    assert (diagnostic.code, diagnostic.line, diagnostic.col) == (code, 5, 10)
    assert fragment in diagnostic.message


def test_symlink_escaping_the_root_is_refused(project: Path, write: Write, tmp_path: Path) -> None:
    outside = tmp_path.parent / f"{tmp_path.name}-outside.yaml"
    outside.write_text(PERSONA, encoding="utf-8")
    (tmp_path / "personas").mkdir()
    (tmp_path / "personas" / "sneaky.yaml").symlink_to(outside)
    diagnostic = only(check(write("m.yaml", a_map("personas/sneaky.yaml"))))
    assert diagnostic.code == "JM202"


def test_persona_file_with_errors_is_reported_there_and_here(project: Path, write: Write) -> None:
    write("personas/bad.yaml", "journeymap: 1\nkind: persona\nid: bad\n")
    checked = check(write("m.yaml", a_map("personas/bad.yaml")))
    found = {(Path(d.path).name, d.code, d.line) for d in checked.diagnostics}
    assert found == {("bad.yaml", "JM101", 1), ("m.yaml", "JM207", 5)}


def test_persona_reference_to_a_map_is_refused(project: Path, write: Write) -> None:
    write("other.yaml", a_map("{name: X}").replace("current-state-map", "other"))
    checked = check(write("m.yaml", a_map("other.yaml")))
    diagnostic = only(checked)
    assert (Path(diagnostic.path).name, diagnostic.code, diagnostic.line) == ("m.yaml", "JM207", 5)
    assert "is a current-state map, not a persona file" in diagnostic.message


def test_based_on_resolves_a_current_state_map(project: Path, write: Write) -> None:
    write("current.yaml", a_map("{name: X}"))
    checked = check(
        write("future.yaml", a_map("current.yaml", kind="future-state", field="based_on"))
    )
    assert checked.diagnostics == []
    assert checked.journey is not None and checked.journey.based_on is not None
    assert checked.journey.based_on.id == "current-state-map"


def test_based_on_itself(project: Path, write: Write) -> None:
    path = write("future.yaml", a_map("future.yaml", kind="future-state", field="based_on"))
    diagnostic = only(check(path))
    assert (diagnostic.code, diagnostic.line, diagnostic.col) == ("JM206", 5, 11)


def test_based_on_cycle_reports_the_chain(project: Path, write: Write) -> None:
    write(
        "a.yaml",
        a_map("b.yaml", kind="future-state", field="based_on").replace("id: future", "id: a"),
    )
    write(
        "b.yaml",
        a_map("a.yaml", kind="future-state", field="based_on").replace("id: future", "id: b"),
    )
    checked = check(project / "a.yaml")
    cycles = [d for d in checked.diagnostics if d.code == "JM205"]
    assert len(cycles) == 1
    assert cycles[0].message.endswith("a.yaml -> b.yaml -> a.yaml")
    assert Path(cycles[0].path).name == "b.yaml"


def test_based_on_must_name_a_journey_of_the_right_kind(project: Path, write: Write) -> None:
    write("bp.yaml", a_map("{name: X}", kind="service-blueprint"))
    diagnostic = only(
        check(write("f.yaml", a_map("bp.yaml", kind="future-state", field="based_on")))
    )
    assert diagnostic.code == "JM207"
    assert "service-blueprint" in diagnostic.message


def test_without_journeymap_toml_the_root_is_the_map_directory(
    tmp_path: Path, write: Write
) -> None:
    write("personas/anna.yaml", PERSONA)
    checked = check(write("m.yaml", a_map("anna")))
    assert checked.diagnostics == []
    escaped = check(write("sub/m.yaml", a_map("../personas/anna.yaml")))
    assert [d.code for d in escaped.diagnostics] == ["JM202"]
