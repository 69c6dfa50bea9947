"""A schema error does not hide the problems that can still be checked."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from conftest import Result

Cli = Callable[..., Result]
Write = Callable[[str, str | bytes], Path]

MAP = """\
journeymap: 1
kind: current-state
id: {id}
title: Schema and more
persona: {{name: Ana, role: Shopper}}
stages:
  - id: awareness
    steps:
      - id: first
        action: Notices the offer
        touchpoints: [{{channel: ads, name: Poster}}]
        emotion: {emotion}
      - id: first
        action: Reads about it
        touchpoints: [{{channel: web, name: Offer page{extra}}}]
        emotion: -2
"""


def codes(result: Result) -> list[tuple[str, str]]:
    return re.findall(r":(\d+):\d+: (JM\d{3}) ", result.stdout)


def test_a_duplicate_step_id_and_lint_findings_survive_a_schema_error(
    cli: Cli, project: Path, write: Write
) -> None:
    result = cli("validate", str(write("m.yaml", MAP.format(id="m", emotion=-3, extra=""))))
    assert result.exit_code == 1
    assert ("12", "JM106") in codes(result)  # the schema error itself
    assert ("13", "JM319") in codes(result)  # step id used twice
    assert ("16", "JM304") in codes(result)  # a lint warning elsewhere


def test_findings_the_cut_could_cause_are_not_reported(
    cli: Cli, project: Path, write: Write
) -> None:
    """A touchpoint with a channel of the wrong type is cut; its step must not then be
    reported as having no touchpoint, nor a `next` naming a cut step as unknown."""
    text = (
        MAP.format(id="m", emotion=0, extra="")
        .replace(
            "      - id: first\n        action: Reads", "      - id: second\n        action: Reads"
        )
        .replace("{channel: web, name: Offer page}", "{channel: [web], name: Offer page}")
    )
    text += "        next: [gone]\n"
    result = cli("validate", "--strict", str(write("m.yaml", text)))
    found = [code for _, code in codes(result)]
    assert "JM103" in found
    assert "JM307" not in found
    assert "JM301" not in found


def test_a_map_id_is_still_checked_across_files(cli: Cli, project: Path, write: Write) -> None:
    write(
        "a.yaml",
        MAP.format(id="same", emotion=0, extra="").replace(
            "id: first\n        action: Reads", "id: second\n        action: Reads"
        ),
    )
    write("b.yaml", MAP.format(id="same", emotion=9, extra=""))
    result = cli("validate", str(project))
    assert re.search(r"b\.yaml:3:5: JM208 id 'same' is already used by \S*a\.yaml", result.stdout)


def test_a_missing_top_level_property_still_stops_there(
    cli: Cli, project: Path, write: Write
) -> None:
    text = MAP.format(id="m", emotion=0, extra="").replace("stages:", "stagez:")
    result = cli("validate", str(write("m.yaml", text)))
    assert result.exit_code == 1
    assert {code for _, code in codes(result)} == {"JM101", "JM102"}


def test_a_map_with_a_schema_error_is_never_drawn(cli: Cli, project: Path, write: Write) -> None:
    path = write("m.yaml", MAP.format(id="m", emotion=-3, extra=""))
    result = cli("render", str(path), "-o", str(project / "out"))
    assert result.exit_code == 1
    assert not (project / "out").exists() or not any((project / "out").iterdir())
