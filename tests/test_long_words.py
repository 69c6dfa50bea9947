"""Long unbroken words never break a view (issue 10, item 4): the flow view and the grid.

The HTML page is checked in a real browser (tests/test_browser.py); the pictures here, on the
laid-out scene, where every width is known.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from journeymap.layout.flow_source import EDGE_LABEL_LINES, EDGE_LABEL_WIDTH
from journeymap.layout.scene import Text
from journeymap.text import text_width, wrap
from render_helpers import absolute, scene_of

Write = Callable[[str, str | bytes], Path]

TOKEN = "Supercalifragilistic" * 15
URL = "https://example.org/" + "very-long-path-segment/" * 10 + "?q=" + "x" * 80
COMPOUND = "Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft"
CJK = "東京都渋谷区の区役所で住民票の写しを請求するために長い列に並んで待っている間に考えたこと"
THAI = "ผู้ใช้เปรียบเทียบตั๋วเดี่ยวกับบัตรรายเดือนก่อนซื้อจากเว็บไซต์"  # no spaces at all


def branching_map(label: str, stage: str = "Awareness") -> str:
    return f"""\
journeymap: 1
kind: current-state
id: flow
title: Flow
stages:
  - id: awareness
    title: "{stage}"
    steps:
      - id: a
        action: Starts
        next: [{{to: b, label: "{label}"}}, {{to: c}}]
      - id: b
        action: Goes one way
      - id: c
        action: Goes the other
"""


@pytest.mark.parametrize("label", [TOKEN[:190], URL[:190], COMPOUND * 2, CJK * 4, THAI * 3])
def test_a_long_edge_label_wraps_and_does_not_widen_the_flow(
    label: str, project: Path, write: Write
) -> None:
    """It was one 1,300 px line that widened the canvas and that its own edge crossed."""
    short = scene_of(write("short.yaml", branching_map("ok")), "flow")
    scene = scene_of(write("long.yaml", branching_map(label)), "flow")
    assert scene.width <= short.width + EDGE_LABEL_WIDTH
    labels = [
        e for e, _, _, css in absolute(scene.elements) if isinstance(e, Text) and css == "edge"
    ]
    (drawn,) = labels
    assert 2 <= len(drawn.lines) <= EDGE_LABEL_LINES
    for line in drawn.lines:
        assert text_width(line, drawn.size) <= EDGE_LABEL_WIDTH


def test_a_long_stage_title_does_not_widen_the_flow(project: Path, write: Write) -> None:
    short = scene_of(write("short.yaml", branching_map("ok")), "flow")
    scene = scene_of(write("long.yaml", branching_map("ok", stage=TOKEN[:190])), "flow")
    assert scene.width == short.width


@pytest.mark.parametrize("word", [TOKEN, URL, COMPOUND, CJK * 3, THAI * 2, "🙂" * 80])
@pytest.mark.parametrize("bold", [False, True])
def test_any_script_breaks_anywhere_past_the_width_without_a_hyphen(word: str, bold: bool) -> None:
    lines = wrap(word, 150, 13, bold=bold)
    assert len(lines) > 1
    assert "".join(lines) == word  # nothing added (no hyphen), nothing lost
    assert all(text_width(line, 13, bold=bold) <= 150 for line in lines)
