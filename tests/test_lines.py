"""Line and column numbers stay right (issue 10, item 3): lines end at LF, CRLF and CR only.

libyaml also ends lines at NEL, U+2028 and U+2029, which shifted every later diagnostic.
Each case puts the odd character (or line ending) early in a map and a problem after it, and
expects the position an editor shows.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import MINIMAL_MAP, Result
from journeymap.diagnostics import Diagnostic
from journeymap.source import Source, load_source, parse_text
from journeymap.source.lines import Lines, split_lines

Cli = Callable[..., Result]
Write = Callable[[str, str | bytes], Path]


def editor_position(text: str, index: int) -> tuple[int, int]:
    """The reference: walk the text, a line ends at CRLF, CR or LF and nowhere else."""
    line, start, at = 1, 0, 0
    while at < index:
        if text.startswith("\r\n", at):
            if at + 1 == index:  # the LF of a CRLF still ends the line it is on
                break
            at += 2
            line, start = line + 1, at
        elif text[at] in "\r\n":
            at += 1
            line, start = line + 1, at
        else:
            at += 1
    return line, index - start + 1


def test_positions_match_the_editor_count_on_every_short_text() -> None:
    alphabet = ("a", "\n", "\r", "\u2028", "\u2029", "\x85", "é")
    for size in range(7):
        for chars in itertools.product(alphabet, repeat=size):
            text = "".join(chars)
            lines = Lines(text)
            for index in range(len(text) + 1):
                assert lines.position(index) == editor_position(text, index), (text, index)


def test_positions_far_down_a_long_text_match_the_editor_count() -> None:
    """Past the first 2 KB the line starts are found once and kept; before, on demand."""
    text = "ab\r\nc\rd\u2028e\né\x85f\r\n\n" * 400
    indexes = [*range(len(text), 0, -37), *range(0, 3000, 13)]
    lines = Lines(text)
    for index in indexes:
        assert lines.position(index) == editor_position(text, index), index
    fresh = Lines(text)
    for index in reversed(indexes):
        assert fresh.position(index) == editor_position(text, index), index


def test_split_lines_ends_lines_only_at_lf_crlf_and_cr() -> None:
    assert split_lines("a\r\nb\rc\nd\u2028e\x85f\x0cg") == ["a", "b", "c", "d\u2028e\x85f\x0cg"]


# A map whose line 5 holds the odd character in three kinds of text (plain, quoted, block),
# and whose line 13 holds an unknown property: reported at 13:3 whatever the odd character.
ODD_MAP = """\
journeymap: 1
kind: current-state
id: odd
title: A small journey
scenario: "before{odd}after"
description: plain{odd}text
persona: {{name: Ana, role: Shopper}}
stages:
  - id: awareness
    steps:
      - id: first
        action: |
          block{odd}text
        colour: red
"""
ODD_CHARS = {"ls": "\u2028", "ps": "\u2029", "both": "\u2028\u2029\u2028"}
NEWLINES = {"lf": "\n", "crlf": "\r\n", "cr": "\r"}


def diagnostics(path: Path) -> list[Diagnostic]:
    from journeymap.config import load_project
    from journeymap.pipeline import check_file, open_session

    project, _ = load_project(path)
    return check_file(path, open_session(project)).diagnostics


@pytest.mark.parametrize("newline", NEWLINES.values(), ids=NEWLINES.keys())
@pytest.mark.parametrize("odd", ODD_CHARS.values(), ids=ODD_CHARS.keys())
def test_a_diagnostic_after_separators_keeps_its_editor_position(
    write: Write, odd: str, newline: str
) -> None:
    text = ODD_MAP.format(odd=odd).replace("\n", newline)
    path = write("odd.yaml", text.encode("utf-8"))
    found = [(d.code, d.line, d.col) for d in diagnostics(path)]
    assert ("JM102", 14, 9) in found, found
    source = load_source(path, "odd.yaml")
    assert isinstance(source, Source)
    assert source.data["scenario"] == f"before{odd}after"
    assert source.data["description"] == f"plain{odd}text"
    step = source.data["stages"][0]["steps"][0]
    assert step["action"] == f"block{odd}text\n"


@pytest.mark.parametrize("newline", NEWLINES.values(), ids=NEWLINES.keys())
def test_a_raw_nel_is_refused_where_it_stands(write: Write, newline: str) -> None:
    text = ODD_MAP.format(odd="").replace("\n", newline).replace("plaintext", "plain\x85text")
    result = load_source(write("nel.yaml", text.encode("utf-8")), "nel.yaml")
    assert isinstance(result, Diagnostic)
    assert (result.code, result.line, result.col) == ("JM004", 6, 19)
    assert "U+0085" in result.message


@pytest.mark.parametrize("escape", ["\\x85", "\\u0085", "\\N", "\\U00000085", "\\x9f"])
def test_an_escaped_c1_control_is_refused_where_the_escape_stands(escape: str) -> None:
    text = ODD_MAP.format(odd="\u2028").replace('"before', f'"before{escape}', 1)
    result = parse_text(text, "c1.yaml")
    assert isinstance(result, Diagnostic)
    assert (result.code, result.line, result.col) == ("JM004", 5, 18)


@pytest.mark.parametrize("odd", ODD_CHARS.values(), ids=ODD_CHARS.keys())
def test_a_syntax_error_after_a_separator_keeps_its_position(odd: str) -> None:
    text = f"a: x{odd}y\nb: [1, 2\nc: 3\n"
    result = parse_text(text, "broken.yaml")
    assert isinstance(result, Diagnostic)
    assert (result.code, result.line, result.col) == ("JM005", 3, 2)


@pytest.mark.parametrize("newline", NEWLINES.values(), ids=NEWLINES.keys())
def test_other_yaml_refusals_after_odd_lines_are_placed_right(newline: str) -> None:
    lines = ["journeymap: 1", "kind: persona", "b: x\u2028y", "c: &anchor [1]", "d: *anchor"]
    head = newline.join([*lines, "d: 2", ""])
    alias = parse_text(head, "alias.yaml")
    assert isinstance(alias, Diagnostic)
    assert (alias.code, alias.line, alias.col) == ("JM008", 5, 4)
    duplicate = parse_text(head.replace("*anchor", "1").replace("&anchor ", ""), "dup.yaml")
    assert isinstance(duplicate, Diagnostic)
    assert (duplicate.code, duplicate.line, duplicate.col) == ("JM007", 6, 1)
    assert duplicate.message == "duplicate key 'd' (first defined on line 5)"


def test_a_bad_utf8_byte_after_cr_lines_is_placed_right(write: Write) -> None:
    result = load_source(write("cr.yaml", b"a: 1\rb: 2\rc: x\xff\r"), "cr.yaml")
    assert isinstance(result, Diagnostic)
    assert (result.code, result.line, result.col) == ("JM003", 3, 5)


def test_validate_reports_editor_positions_end_to_end(cli: Cli, write: Write) -> None:
    text = ODD_MAP.format(odd="\u2028\u2029")
    path = write("odd.yaml", text)
    result = cli("validate", str(path))
    assert result.exit_code == 1
    assert ":14:9: JM102 unknown property 'colour'" in result.stdout


def test_a_suppression_comment_after_a_separator_applies_to_its_own_line(
    cli: Cli, write: Write
) -> None:
    """JM307 (no touchpoint) on step `first`, on line 10 after a comment holding a U+2028;
    str.splitlines would count 11 and silence the wrong line."""
    text = MINIMAL_MAP.format(id="s").replace("stages:\n", "# see\u2028below\nstages:\n")
    text = text.replace("        touchpoints: [{channel: ads, name: Poster}]\n", "", 1)
    plain = cli("validate", str(write("plain.yaml", text)))
    assert "plain.yaml:10:9: JM307 " in plain.stdout
    marked = text.replace("      - id: first\n", "      - id: first  # journeymap: disable=JM307\n")
    result = cli("validate", str(write("marked.yaml", marked)))
    assert (result.exit_code, result.stdout) == (0, "")
