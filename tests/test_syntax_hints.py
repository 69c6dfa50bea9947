"""YAML syntax errors in plain words, located where the cause is, with a hint to fix it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Result

Cli = Callable[..., Result]
Write = Callable[[str, str | bytes], Path]

HEAD = "journeymap: 1\nkind: current-state\nid: x\n"
STEP = "title: A\nstages:\n  - id: s\n    steps:\n      - id: a\n"

CASES = {
    "colon-in-title": (
        HEAD + "title: Booking: the first visit\nstages: []\n",
        "4:8: JM005 YAML syntax error: a value holding ': ' must be quoted",
        'quote the value: title: "Booking: the first visit"',
    ),
    "colon-in-step": (
        HEAD + STEP + '        action: Says "hi": then waits # a comment\n',
        "9:17: JM005 YAML syntax error: a value holding ': ' must be quoted",
        'quote the value: action: "Says \\"hi\\": then waits"',
    ),
    "colon-in-list-item": (
        HEAD + "title: A\ngoals:\n  - Learn: why: now\nstages: []\n",
        "6:5: JM005 YAML syntax error: a value holding ': ' must be quoted",
        'quote the value: - "Learn: why: now"',
    ),
    "unclosed-double-quote": (
        HEAD + 'title: "Unclosed\nscenario: fine\nstages: []\n',
        '4:8: JM005 YAML syntax error: the quote " opened here is never closed',
        'end the text with " on the same line',
    ),
    "unclosed-single-quote-in-flow": (
        HEAD + "title: A\ngoals: ['one, two\nstages: []\n",
        "5:9: JM005 YAML syntax error: the quote ' opened here is never closed",
        None,
    ),
    "quote-closed-lines-later": (
        HEAD + 'title: "Unclosed\nscenario: "fine"\nstages: []\n',
        "4:8: JM005 YAML syntax error: the quoted text opened here runs on to line 5",
        None,
    ),
    "quote-inside-quotes": (
        HEAD + STEP + '        action: "He said "hi" there"\n',
        '9:17: JM005 YAML syntax error: text goes on after the quoted text "He said " closes',
        'write \\" for a quote inside',
    ),
}


@pytest.mark.parametrize(("text", "says", "hint"), CASES.values(), ids=CASES.keys())
def test_a_syntax_error_says_what_to_do(
    cli: Cli, project: Path, write: Write, text: str, says: str, hint: str | None
) -> None:
    result = cli("validate", str(write("m.yaml", text)))
    assert result.exit_code == 1
    (line,) = result.stdout.splitlines()
    assert f"m.yaml:{says}" in line
    assert "(hint: " in line
    if hint is not None:
        assert hint in line


def test_a_long_value_is_cut_in_the_hint(cli: Cli, project: Path, write: Write) -> None:
    value = "Booking: " + "very " * 40 + "long"
    result = cli("validate", str(write("m.yaml", HEAD + f"title: {value}\nstages: []\n")))
    (line,) = result.stdout.splitlines()
    assert '…")' in line
    assert len(line) < 250


def test_other_yaml_is_not_quoted_back(cli: Cli, project: Path, write: Write) -> None:
    """A file that is not a map may hold secrets: the hint must not repeat its lines."""
    result = cli("validate", str(write("ci.yaml", "token: abc: s3cr3t\n")))
    (line,) = result.stdout.splitlines()
    assert "s3cr3t" not in line
    assert "JM005 YAML syntax error" in line


def test_an_unknown_syntax_error_keeps_libyaml_words(cli: Cli, project: Path, write: Write) -> None:
    result = cli("validate", str(write("m.yaml", HEAD + "title: A\nstages: [a b c]]\n")))
    (line,) = result.stdout.splitlines()
    assert "JM005 YAML syntax error: while parsing a block mapping" in line
