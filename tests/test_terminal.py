"""Terminal messages never carry a raw control, separator, bidi or invisible character.

Diagnostics echo keys, values and file names from maps; `journeymap.diagnostics.printable`
makes controls and separators U+FFFD and shows what reorders or hides text as <U+XXXX>.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import MINIMAL_MAP, Result
from journeymap.diagnostics import at, printable

Cli = Callable[..., Result]
Write = Callable[[str, str | bytes], Path]

RAW = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b\u200e\u200f\u2028\u2029"
    "\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]"
)
"""What must never reach a terminal (output here is not a terminal, so no colour codes)."""

VISIBLE_KEY = re.compile(
    r"'col(<U\+[0-9A-F]{4,5}>|\\x[0-9a-f]{2}|\\u[0-9a-f]{4}|\\U[0-9a-f]{8})our'"
)

HIDDEN = {
    "rlo": "\u202e",
    "lri": "\u2066",
    "pdi": "\u2069",
    "rlm": "\u200f",
    "alm": "\u061c",
    "zwsp": "\u200b",
    "word-joiner": "\u2060",
    "bom": "\ufeff",
    "soft-hyphen": "\u00ad",
    "annotation": "\ufff9",
    "tag": "\U000e0041",
}


@pytest.mark.parametrize("char", HIDDEN.values(), ids=HIDDEN.keys())
def test_printable_shows_what_reorders_or_hides_text(char: str) -> None:
    shown = printable(f"a{char}b")
    assert shown == f"a<U+{ord(char):04X}>b"


@pytest.mark.parametrize("char", ["\x1b", "\x07", "\x85", "\x9b", "\u2028", "\u2029", "\r"])
def test_printable_replaces_controls_and_separators(char: str) -> None:
    assert printable(f"a{char}b") == "a\ufffdb"


def test_joiners_stay_so_emoji_and_scripts_read_right() -> None:
    text = "👩\u200d💻 می\u200cخواهم"
    assert printable(text) == text


@pytest.mark.parametrize("char", HIDDEN.values(), ids=HIDDEN.keys())
def test_an_echoed_key_reaches_the_terminal_inert(cli: Cli, write: Write, char: str) -> None:
    text = MINIMAL_MAP.format(id="m").replace("title:", f"col{char}our: red\ntitle:")
    result = cli("validate", str(write("m.yaml", text)))
    assert result.exit_code == 1
    assert VISIBLE_KEY.search(result.stdout), result.stdout  # shown, in an escaped form
    assert not RAW.search(result.stdout + result.stderr)


@pytest.mark.parametrize("output_format", ["text", "github"])
def test_a_hostile_file_name_is_shown_inert(cli: Cli, write: Write, output_format: str) -> None:
    path = write("evil\u202e\u2028lmth.yaml", "journeymap: 1\nkind: persona\n")
    result = cli("validate", "--format", output_format, str(path))
    assert result.exit_code == 1
    assert "evil<U+202E>\ufffdlmth.yaml" in result.stdout
    assert not RAW.search(result.stdout + result.stderr)


def test_usage_errors_show_arguments_inert(cli: Cli, tmp_path: Path) -> None:
    result = cli("validate", str(tmp_path / "no\u202esuch\x1b[31m.yaml"))
    assert result.exit_code == 2
    assert "no<U+202E>such\ufffd[31m.yaml" in result.stderr
    assert not RAW.search(result.stderr) and "\x1b" not in result.stderr


def test_diagnostics_read_back_from_data_are_inert() -> None:
    """The build cache holds diagnostics as data; one edited there is shown inert too."""
    data = at("m.yaml", 1, 1, "JM102", "fine").as_data()
    data["message"] = "x\u202ey\x1b[2J"
    from journeymap.diagnostics import Diagnostic

    line = Diagnostic.from_data(data).one_line()
    assert line == "m.yaml:1:1: JM102 x<U+202E>y\ufffd[2J"
