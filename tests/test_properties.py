"""Property tests (hypothesis): any text in any text field of any kind of map.

Whatever the strings, the SVG and HTML are well-formed and inert, the exports carry no raw
control, bidi, separator or invisible character, and no text of the grid is wider than the
box that holds it (checked on the laid-out Scene, where widths are known, not on SVG text).

The maps are built as the schema would accept them and go through the model stage
(`journey_from`, where the character policy applies) and every writer; the loader's own
refusals (C0 and C1 controls) are tested with the loader. Examples are few and strings short
enough to keep the whole file within a few seconds of CI time.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeymap.config import Project
from journeymap.interchange.exporting import render as export
from journeymap.layout import lay_out
from journeymap.layout.document import lay_out_document
from journeymap.layout.scene import Group, Rect, Scene, Text
from journeymap.model import KINDS, JourneyMap
from journeymap.normalize import journey_from, persona_from
from journeymap.render.html import render_html
from journeymap.render.scripts import NAMES, source
from journeymap.render.svg import render_svg
from journeymap.rendering import context_for
from journeymap.text import text_width
from render_helpers import absolute, assert_only_our_scripts

# Raw characters no export may carry: C0 controls but tab and line feed, DEL, C1, bidi
# controls and marks, separators, and the invisible format characters of the policy.
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u00ad\u180e\u200b\u200e\u200f\u2028-\u202e"
    "\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]"
)
POLICY = (
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
    "\u2028\u2029\u200b\u200c\u200d\u2060\u00ad\ufeff\u180e\ufff9\x85\x00\r\t\n"
)
FORMULA = frozenset("=+-@\t\r")  # a spreadsheet would run a cell starting with one
HOSTILE = ["<script>", "</svg>", '" onload="x', "javascript:alert(1)", "&amp;", "]]>", "{{ 1 }}"]

# Any character but lone surrogates (which UTF-8 YAML cannot hold), weighted toward the
# characters the policy is about, markup, long words and scripts without spaces.
characters = st.one_of(
    st.characters(codec="utf-8"),
    st.sampled_from(POLICY),
    st.sampled_from("<>&\"'=/ :#;|*_`[]"),
    st.sampled_from("東京都の区役所يقارنผู้ใช้ 👨\u200d👩"),
)
words = st.one_of(
    st.text(characters, min_size=1, max_size=40),
    st.sampled_from(HOSTILE),
    st.builds(lambda n: "W" * n, st.integers(100, 190)),
)
texts = st.lists(words, min_size=1, max_size=3).map(" ".join).map(lambda t: t[:190])
# Every map also holds each character of the policy in some fields, whatever was drawn.
pools = st.lists(texts, min_size=1, max_size=4).map(lambda pool: [*pool, f"a{POLICY}b"])


def map_data(kind: str, pool: list[str]) -> dict[str, Any]:
    """A schema-shaped map of `kind` with a text of `pool` in every text field (round-robin)."""
    it = iter(pool * 40)

    def t() -> str:
        return next(it)

    step: dict[str, Any] = {
        "id": "a",
        "title": t(),
        "action": t(),
        "touchpoints": [{"channel": "web", "name": t(), "note": t()}],
        "thoughts": [t()],
        "questions": t(),
        "motivations": [t()],
        "emotion": -1,
        "feeling": t(),
        "pain_points": [{"id": "p", "text": t(), "owner": t(), "severity": 3}],
        "opportunities": [{"id": "o", "text": t(), "owner": t(), "addresses": ["p"]}],
        "metrics": {"note": t(), "completion_rate": 0.5},
        "notes": t(),
        "next": [{"to": "b", "label": t()}, "b"],
    }
    if kind == "day-in-the-life":
        step |= {"time": "08:30", "place": t()}
    if kind == "service-blueprint":
        item = {"id": "fi", "text": t(), "owner": t(), "system": t(), "fail_point": t()}
        back = {"id": "bi", "text": t(), "wait": t()}
        step |= {"evidence": [t()], "frontstage": [item], "backstage": [back], "support": [t()]}
    second: dict[str, Any] = {"id": "b", "action": t(), "emotion": 1}
    if kind == "day-in-the-life":
        second["time"] = "09:00"
    if kind == "future-state":
        step["status"], second["status"] = "new", "changed"
    persona = {"name": t(), "role": t(), "quote": t(), "bio": t(), "goals": [t()]}
    links = [{"from": "fi", "to": "bi", "label": t()}] if kind == "service-blueprint" else []
    return {
        "journeymap": 1,
        "kind": kind,
        "links": links,
        "updated": t(),
        "id": "prop",
        "title": t(),
        "owner": t(),
        "tags": [t()],
        "scenario": t(),
        "goals": [t()],
        "description": t(),
        "persona": persona | {"traits": {"k": t()}},
        "research": [{"title": t(), "url": "https://example.org/x", "note": t()}],
        "stages": [{"id": "awareness", "title": t(), "description": t(), "steps": [step, second]}],
    }


def journey(kind: str, pool: list[str]) -> JourneyMap:
    data = map_data(kind, pool)
    persona_data = data.pop("persona")
    return journey_from(data, path="prop.yaml", persona=persona_from(persona_data))


class _Inert(HTMLParser):
    """Collects what would make an HTML page active: scripts, handlers, script URLs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.active: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "iframe", "object", "embed", "foreignobject"):
            self.active.append(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.active.append(f"{tag} {name}")
            if name in ("href", "src") and (value or "").strip().lower().startswith("javascript"):
                self.active.append(f"{tag} {name}={value}")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def assert_inert_svg(svg: str) -> None:
    root = ElementTree.fromstring(svg.encode("utf-8"))
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1].lower()
        assert tag not in ("script", "foreignobject"), tag
        for name, value in element.attrib.items():
            assert not name.rsplit("}", 1)[-1].lower().startswith("on"), name
            assert not value.strip().lower().startswith("javascript"), value
    assert not FORBIDDEN.search("".join(root.itertext()))


def assert_inert_html(html: str) -> None:
    """Inert but for journeymap's own hashed scripts, which are checked and then set aside."""
    assert_only_our_scripts(html)
    for name in NAMES:
        html = html.replace(f"<script>{source(name)}</script>", "")
    parser = _Inert()
    parser.feed(html)
    parser.close()
    assert parser.active == []
    assert not FORBIDDEN.search("".join(parser.text))


def assert_boxes_fit(scene: Scene, column: float) -> None:
    """Every card within its column, every line within its card, every text in the picture."""
    for element in scene.elements:
        if isinstance(element, Group) and "card" in element.css:
            frame = element.children[0]
            assert isinstance(frame, Rect)
            assert frame.w <= column, (frame, column)
            for inner, _, _, _ in absolute(element.children):
                if isinstance(inner, Text):
                    for line in inner.lines:
                        right = inner.x + text_width(line, inner.size, bold=inner.bold)
                        assert right <= frame.x + frame.w + 0.1, (line, right, frame)
    for inner, x, _, _ in absolute(scene.elements):
        if isinstance(inner, Text) and inner.anchor == "start":
            for line in inner.lines:
                right = x + inner.x + text_width(line, inner.size, bold=inner.bold)
                assert right <= scene.width + 0.1, (line, right, scene.width)


# 30 examples keep the file near two seconds; JOURNEYMAP_EXAMPLES=1000 searches harder.
PROPERTY = settings(
    max_examples=int(os.environ.get("JOURNEYMAP_EXAMPLES", "30")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@PROPERTY
@given(kind=st.sampled_from(KINDS), pool=pools)
def test_any_text_gives_inert_well_formed_pictures_and_pages(kind: str, pool: list[str]) -> None:
    model = journey(kind, pool)
    ctx = context_for(model, Project(root=Path(".")))
    grid = lay_out("grid", model, ctx)
    assert_boxes_fit(grid, ctx.theme.column_width)
    svg = render_svg(grid)
    assert_inert_svg(svg)
    html = render_html(lay_out_document(model, ctx, grid, None), {"grid": svg})
    assert_inert_html(html)


@PROPERTY
@given(kind=st.sampled_from(KINDS), pool=pools)
def test_any_text_gives_clean_exports(kind: str, pool: list[str]) -> None:
    model = journey(kind, pool)
    project = Project(root=Path("."))
    for target in ("markdown", "mermaid", "json"):
        text = export(model, project, target)
        assert not FORBIDDEN.search(text), (target, FORBIDDEN.findall(text))
    json.loads(export(model, project, "json"))
    cells = csv.reader(io.StringIO(export(model, project, "csv"), newline=""))
    for row in cells:
        for cell in row:
            assert not FORBIDDEN.search(cell), (cell, FORBIDDEN.findall(cell))
            assert cell[:1] not in FORMULA or re.fullmatch("-[0-9]+", cell), cell


@settings(max_examples=6, deadline=None)
@given(kind=st.sampled_from(KINDS), pool=pools)
def test_any_text_gives_an_inert_flow_view(kind: str, pool: list[str]) -> None:
    model = journey(kind, pool)
    ctx = context_for(model, Project(root=Path(".")))
    flow = lay_out("flow", model, ctx)
    assert_boxes_fit(flow, ctx.theme.column_width)
    assert_inert_svg(render_svg(flow))
