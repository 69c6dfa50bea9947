"""No text box meets another text box or a drawn line, on every example and on generated maps.

Checked on the laid-out Scene (journeymap.layout.footprint), where every text's width is the
one layout wrapped it with, so the test is exact rather than a look at pixels. Generated maps
vary what moves labels around: scores, feelings, pain points, lane order, links and labels.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES
from journeymap.config import Project
from journeymap.layout import lay_out
from journeymap.layout.footprint import Box, Segment, collisions, text_boxes
from journeymap.layout.lanes import DEFAULT_LANES
from journeymap.layout.scene import Line, Text
from journeymap.normalize import journey_from
from journeymap.rendering import context_for
from render_helpers import scene_of

CASES = Path(__file__).parent / "cases"
MAPS = sorted(EXAMPLES.glob("*.yaml")) + sorted((EXAMPLES / "i18n").glob("*.yaml"))
MAPS += sorted(CASES.glob("*/map.yaml"))


@pytest.mark.parametrize("path", MAPS, ids=[f"{p.parent.name}/{p.stem}" for p in MAPS])
def test_no_text_meets_text_or_a_line_in_the_examples(path: Path) -> None:
    assert collisions(scene_of(path).elements) == []


def test_the_check_sees_a_text_on_a_line_and_two_texts_on_each_other() -> None:
    """The check itself can fail: a score on the curve and a label on a label are found."""
    text = Text(100, 100, ("+1",), 13, "#000", 16.9)
    assert collisions([text, Line(90, 95, 130, 95, "#000")])
    assert collisions([text, Text(105, 104, ("x",), 13, "#000", 16.9)])
    assert collisions([text, Line(90, 130, 130, 130, "#000")]) == []
    (box,) = text_boxes([text])
    assert box.crosses(Segment(110, 0, 110, 200))
    assert not Box(0, 0, 10, 10).crosses(Segment(20, 0, 20, 10))


# Generated maps: short and long words, East Asian text, scores in every order.
words = st.sampled_from(
    ["Tense", "Relieved, a little let down", "困惑", "安心した", "Ok", "Frustrated again", "x"]
)
long_words = st.builds(lambda n: "W" * n, st.integers(8, 30))
texts = st.lists(st.one_of(words, long_words), min_size=1, max_size=4).map(" ".join)


@st.composite
def maps(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(st.sampled_from(["current-state", "service-blueprint", "day-in-the-life"]))
    count = draw(st.integers(1, 9))
    steps = [_step(draw, kind, i) for i in range(count)]
    data: dict[str, Any] = {
        "journeymap": 1,
        "kind": kind,
        "id": "gen",
        "title": draw(texts),
        "stages": [{"id": "awareness", "steps": steps}],
        "lanes": draw(st.permutations(DEFAULT_LANES[kind])),
    }
    if kind == "service-blueprint":
        items = [f"f{i}" for i in range(count)] + [f"b{i}" for i in range(count)]
        pairs = st.tuples(st.sampled_from(items), st.sampled_from(items), st.none() | texts)
        links = draw(st.lists(pairs, max_size=6))
        data["links"] = [
            {"from": a, "to": b} | ({"label": label} if label else {})
            for a, b, label in links
            if a != b
        ]
    return data


def _step(draw: st.DrawFn, kind: str, index: int) -> dict[str, Any]:
    step: dict[str, Any] = {"id": f"s{index}", "action": draw(texts)}
    score = draw(st.none() | st.integers(-2, 2))
    if score is not None:
        step["emotion"] = score
        if draw(st.booleans()):
            step["feeling"] = draw(texts)[:60]
    pains = draw(st.integers(0, 2))
    step["pain_points"] = [{"id": f"p{index}-{n}", "text": draw(texts)} for n in range(pains)]
    if kind == "day-in-the-life":
        step["time"] = f"{8 + index:02d}:00"
        step["place"] = draw(texts)
    if kind == "service-blueprint":
        step["frontstage"] = [{"id": f"f{index}", "text": draw(texts)}]
        step["backstage"] = [{"id": f"b{index}", "text": draw(texts)}]
    return step


@settings(
    max_examples=int(os.environ.get("JOURNEYMAP_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(data=maps(), wrap=st.sampled_from([0, 700, 1100]))
def test_no_text_meets_text_or_a_line_on_generated_maps(data: dict[str, Any], wrap: int) -> None:
    """Wrapped too: rows of a long map repeat headers, curves and labels."""
    model = journey_from(data, path="gen.yaml")
    ctx = context_for(model, Project(root=Path(".")))
    ctx = replace(ctx, theme=replace(ctx.theme, wrap_width=wrap))
    scene = lay_out("grid", model, ctx)
    assert collisions(scene.elements) == []


def test_link_labels_are_drawn_on_their_arrows_or_listed() -> None:
    """Every labelled link's label is drawn: in the arrow's group, or listed under the grid."""
    from journeymap.layout.scene import Group

    scene = scene_of(EXAMPLES / "service-blueprint.yaml")
    groups = {e.id: e for e in scene.elements if isinstance(e, Group) and e.id}
    journey_links = [link for link in load_links() if link.get("label")]
    for number, link in enumerate(load_links()):
        if not link.get("label"):
            continue
        arrow = groups[f"g-link-{number}"]
        inside = [t for t in arrow.children if isinstance(t, Text)]
        listed = groups.get(f"g-link-{number}-label")
        drawn = inside or (listed.children if listed else [])
        assert any(link["label"] in " ".join(t.lines) for t in drawn if isinstance(t, Text))
    assert journey_links


def load_links() -> list[dict[str, Any]]:
    import yaml

    data = yaml.safe_load((EXAMPLES / "service-blueprint.yaml").read_text(encoding="utf-8"))
    return list(data["links"])
