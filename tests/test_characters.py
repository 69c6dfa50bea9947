"""The character policy (docs/format.md, "Characters"): one function, applied to every output.

Unit tests pin each class of the table; the CLI tests render and export one map holding every
class and look for them in every file, as issue 10 found them: raw in the HTML step table's
metrics cells, the Mermaid and CSV exports, and U+2028 in HTML, SVG, CSV and JSON.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

import pytest

from conftest import Result
from journeymap.site import build
from journeymap.text import clean_text, plain_text, wrap

Cli = Callable[..., Result]
Write = Callable[[str, str | bytes], Path]

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
MARKS = "\u200e\u200f\u061c"
INVISIBLE = "\u00ad\u180e\u2060\u2061\u2062\u2063\u2064\ufeff\ufff9\ufffa\ufffb"
SEPARATORS = "\u2028\u2029"
# Nothing of these may reach any output; ZWJ/ZWNJ only between two visible characters.
FORBIDDEN = re.compile(f"[{BIDI}{MARKS}{INVISIBLE}{SEPARATORS}\u200b\u0080-\u009f]")


@pytest.mark.parametrize("char", list(BIDI + MARKS + INVISIBLE))
def test_bidi_controls_marks_and_invisible_format_characters_are_dropped(char: str) -> None:
    assert clean_text(f"pay{char}ment") == "payment"
    assert clean_text(char) == ""


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\r\n", "\r"])
def test_line_and_paragraph_separators_become_line_breaks(separator: str) -> None:
    assert clean_text(f"first{separator}second") == "first\nsecond"
    assert wrap(clean_text(f"first{separator}second"), 500, 14) == ["first", "second"]


def test_a_zero_width_space_is_a_break_opportunity_then_gone() -> None:
    text = clean_text("Kundenservice\u200bmitarbeiterin")
    assert text == "Kundenservice\u200bmitarbeiterin"  # kept for the line breaker
    lines = wrap(text, 110, 14)
    assert [plain_text(line) for line in lines] == ["Kundenservice", "mitarbeiterin"]
    assert plain_text(text) == "Kundenservicemitarbeiterin"


@pytest.mark.parametrize(
    "kept",
    [
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",  # Persian "mi-khaham": ZWNJ
        "\u0915\u094d\u200d\u0937",  # Devanagari KA + virama + ZWJ + SSA: ZWJ after a mark
        "\U0001f468\u200d\U0001f469\u200d\U0001f467",  # family emoji sequence
        "\U0001f3f3\ufe0f\u200d\U0001f308",  # rainbow flag: ZWJ after a variation selector
    ],
)
def test_joiners_between_visible_characters_are_kept(kept: str) -> None:
    assert clean_text(kept) == kept


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("\u200dstart", "start"),
        ("end\u200c", "end"),
        ("a \u200d b", "a  b"),
        ("a\u200d\u200db", "ab"),
        ("a\u200d\u200bb", "a\u200bb"),
    ],
)
def test_joiners_elsewhere_are_dropped(text: str, expected: str) -> None:
    assert clean_text(text) == expected


def test_a_joiner_is_judged_after_the_dropped_characters_are_gone() -> None:
    assert clean_text("a\u200c\u202eb") == "a\u200cb"


def test_controls_that_reach_the_writers_become_replacement_characters() -> None:
    assert clean_text("a\x00b\x85c\ud800d\uffff") == "a\ufffdb\ufffdc\ufffdd\ufffd"
    assert clean_text("tab\tand\nnewline") == "tab\tand\nnewline"


def test_every_character_the_policy_touches_is_unprintable() -> None:
    """clean_text's fast path skips printable texts: none may hold a character it changes.
    (U+200B, which the policy keeps, makes each text go through the whole policy.)"""
    for code in range(0x110000):
        char = chr(code)
        if char.isprintable():
            assert clean_text(f"a{char}\u200bb") == f"a{char}\u200bb", hex(code)


def test_clean_text_is_idempotent_and_free_for_clean_text() -> None:
    plain = "Buys a monthly pass"
    assert clean_text(plain) is plain
    dirty = f"x{BIDI}{MARKS}{INVISIBLE}\u2028\u200d y\u200b"
    assert clean_text(clean_text(dirty)) == clean_text(dirty)


EVERY_CLASS = f"A{BIDI}B{MARKS}C{INVISIBLE}D\u2028E\u2029F\u200bG\u200dH"
SHOWN = "ABCD\nE\nFG\u200dH"  # as exported: the model keeps U+200B between F and G


def hostile_map() -> str:
    """A map with every class of character in every kind of text the issue found raw."""
    text = json.dumps(EVERY_CLASS)
    return f"""\
journeymap: 1
kind: current-state
id: chars
title: {text}
owner: {text}
tags: [{text}]
persona: {{name: {text}, role: {text}}}
scenario: {text}
stages:
  - id: awareness
    title: {text}
    steps:
      - id: first
        action: {text}
        touchpoints: [{{channel: web, name: {text}}}]
        emotion: -1
        metrics: {{note: {text}, completion_rate: 0.5}}
        pain_points: [{{id: p, text: {text}, owner: {text}}}]
        opportunities: [{{id: o, text: {text}, addresses: [p]}}]
        next: [{{to: second, label: {text}}}]
      - id: second
        action: {text}
        emotion: 1
"""


def test_the_model_holds_clean_text(cli: Cli, project: Path, write: Write) -> None:
    path = write("chars.yaml", hostile_map())
    result = cli("dump", str(path))
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["title"] == SHOWN
    assert data["stages"][0]["steps"][0]["metrics"]["note"] == SHOWN


def test_no_output_or_export_carries_a_forbidden_character(
    cli: Cli, project: Path, write: Write
) -> None:
    path = write("chars.yaml", hostile_map())
    result = cli("render", str(path), "-f", "svg", "-f", "html")
    assert result.exit_code == 0, result.stderr
    outputs = {name: (project / name).read_text("utf-8") for name in ("chars.svg", "chars.html")}
    outputs["chars.flow.svg"] = (project / "chars.flow.svg").read_text("utf-8")
    for target in ("markdown", "mermaid", "csv", "json"):
        exported = cli("export", "--to", target, str(path))
        assert exported.exit_code == 0, exported.stderr
        outputs[target] = exported.stdout
    for name, text in outputs.items():
        assert not FORBIDDEN.search(text), (name, FORBIDDEN.findall(text))
        assert "ABCD" in text, name  # the visible text is all there
    for name in ("chars.svg", "chars.flow.svg"):
        ElementTree.fromstring(outputs[name].encode("utf-8"))


def test_html_isolates_every_user_text_and_breaks_at_zero_width_spaces(
    cli: Cli, project: Path, write: Write
) -> None:
    path = write("chars.yaml", hostile_map())
    assert cli("render", str(path), "-f", "html").exit_code == 0
    html = (project / "chars.html").read_text("utf-8")
    body = html[html.index("<body>") :]
    body = re.sub(r"<svg.*?</svg>", "", body, flags=re.S)  # the pictures isolate per text run
    assert body.count("<bdi>ABCD") >= 10
    assert "ABCD<br>E<br>F<wbr>G\u200dH" in body  # U+2028 and U+2029: line breaks
    assert not re.search(r">ABCD", body.replace("<bdi>ABCD", "")), "a user text not isolated"


def test_site_pages_and_backlog_csv_are_clean(project: Path, write: Write, tmp_path: Path) -> None:
    write("chars.yaml", hostile_map())
    site = tmp_path / "site"
    build(project, site)
    names = ["index.html", "channels.html", "backlog.html", "backlog.csv"]
    for name in names:
        text = (site / name).read_text("utf-8")
        assert not FORBIDDEN.search(text), (name, FORBIDDEN.findall(text))
        assert "ABCD" in text, name
    assert "<bdi>ABCD" in (site / "backlog.html").read_text("utf-8")


def test_diff_outputs_are_clean(cli: Cli, project: Path, write: Write) -> None:
    old = write("old.yaml", hostile_map())
    new = write("new.yaml", hostile_map().replace("emotion: 1", "emotion: 2"))
    new.write_text(new.read_text("utf-8").replace("action: ", "action: x", 1), "utf-8")
    for target in ("text", "markdown", "json", "html"):
        result = cli("diff", str(old), str(new), "-f", target)
        assert result.exit_code in (0, 1), result.stderr
        assert not FORBIDDEN.search(result.stdout), (target, FORBIDDEN.findall(result.stdout))
