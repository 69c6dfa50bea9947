"""Rendering, checked on structure: well-formed XML, nothing overlaps, every step drawn, the
curve in order, kinds drawn as they should be, output deterministic, hostile text harmless."""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

from conftest import EXAMPLES, ROOT
from journeymap.layout import emotion
from journeymap.layout.document import safe_url
from journeymap.layout.scene import Circle, Text
from journeymap.layout.scene import Path as PathElement
from journeymap.text import text_width
from journeymap.theme import Colors
from render_helpers import absolute, assert_only_our_scripts, cards, files_of, load, scene_of, texts

CASES = Path(__file__).parent / "cases"
MAPS = sorted(EXAMPLES.glob("*.yaml")) + sorted((EXAMPLES / "i18n").glob("*.yaml"))
MAPS += sorted(CASES.glob("*/map.yaml"))
SVG = "{http://www.w3.org/2000/svg}"


def ids(paths: list[Path]) -> list[str]:
    return [f"{p.parent.name}/{p.stem}" for p in paths]


@pytest.mark.parametrize("path", MAPS, ids=ids(MAPS))
def test_svg_is_well_formed_and_accessible(path: Path) -> None:
    svg = files_of(path, "svg", view="grid")[f"{path.stem}.svg"]
    root = ElementTree.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title") is not None and root.find(f"{SVG}desc") is not None
    assert not list(root.iter(f"{SVG}script"))


@pytest.mark.parametrize("path", MAPS, ids=ids(MAPS))
def test_cards_never_overlap_and_text_fits(path: Path) -> None:
    scene = scene_of(path)
    boxes = cards(scene)
    for (x1, y1, w1, h1, _), (x2, y2, w2, h2, _) in itertools.combinations(boxes, 2):
        apart = x1 + w1 <= x2 or x2 + w2 <= x1 or y1 + h1 <= y2 or y2 + h2 <= y1
        assert apart, f"cards overlap at ({x1}, {y1}) and ({x2}, {y2})"
    for element, dx, _, css in absolute(scene.elements):
        if isinstance(element, Text) and "card" in css:
            card_right = next(x + w for x, y, w, h, _ in boxes if x <= dx + element.x < x + w)
            for line in element.lines:
                width = text_width(line, element.size, bold=element.bold)
                assert dx + element.x + width <= card_right + 0.5, f"{line!r} overflows its card"


@pytest.mark.parametrize("path", MAPS, ids=ids(MAPS))
def test_every_step_is_drawn(path: Path) -> None:
    journey, _ = load(path)
    drawn = " ".join(texts(scene_of(path)))
    for _, step in journey.steps():
        assert step.action.split()[0][:6] in drawn or step.action[:2] in drawn
    numbers = {line for line in texts(scene_of(path)) if line.isdigit()}
    assert {str(n) for n in range(1, len(journey.step_ids()) + 1)} <= numbers


@pytest.mark.parametrize("path", MAPS, ids=ids(MAPS))
def test_emotion_curve_runs_through_every_score_in_order(path: Path) -> None:
    journey, _ = load(path)
    scores = [s.emotion for _, s in journey.steps() if s.emotion is not None]
    scene = scene_of(path)
    faces = [
        e
        for e, _, _, css in absolute(scene.elements)
        if isinstance(e, Circle) and e.css == "face" and e.r == emotion.FACE
    ]
    assert len(faces) == len(scores)
    xs = [f.cx for f in faces]
    assert xs == sorted(xs)
    by_score = {}
    for face, score in zip(faces, scores, strict=True):
        by_score.setdefault(score, set()).add(face.cy)
    assert all(len(ys) == 1 for ys in by_score.values())
    levels = sorted(by_score, reverse=True)
    assert [next(iter(by_score[s])) for s in levels] == sorted(
        next(iter(by_score[s])) for s in levels
    )
    curves = [
        e
        for e, _, _, _ in absolute(scene.elements)
        if isinstance(e, PathElement) and e.css == "curve"
    ]
    if scores:
        (curve,) = curves
        points = [
            float(x) for x in re.findall(r"(-?\d+(?:\.\d+)?) -?\d+(?:\.\d+)?(?=\s|$)", curve.d)
        ]
        assert points == sorted(points)


def test_low_points_are_tied_to_their_pain_points() -> None:
    scene = scene_of(CASES / "current-state-basic" / "map.yaml")
    ties = [e for e, _, _, _ in absolute(scene.elements) if getattr(e, "css", "") == "low-point"]
    assert len(ties) == 1


def test_moment_of_truth_and_metrics_are_marked() -> None:
    scene = scene_of(CASES / "current-state-basic" / "map.yaml")
    assert any(getattr(e, "css", "") == "moment" for e, _, _, _ in absolute(scene.elements))
    assert "completion rate: 64%" in texts(scene)
    assert "Moment of truth" in texts(scene)


def test_blueprint_draws_three_lines_and_every_link() -> None:
    scene = scene_of(CASES / "service-blueprint" / "map.yaml")
    drawn = texts(scene)
    for label in ("Line of interaction", "Line of visibility", "Line of internal interaction"):
        assert label in drawn
    links = [
        e
        for e, _, _, _ in absolute(scene.elements)
        if isinstance(e, PathElement) and e.css == "link"
    ]
    assert len(links) == 4
    assert sum(1 for link in links if link.marker_start) == 1
    for link in links:
        assert all(xs[0] == xs[1] or ys[0] == ys[1] for xs, ys in _segments(link.d)), link.d
    assert "Stock is synced once a night" in drawn
    assert "Wait: 2 h" in drawn


def _segments(d: str) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    points = [tuple(map(float, p.split())) for p in re.split(r"[ML]", d) if p.strip()]
    return [((a[0], b[0]), (a[1], b[1])) for a, b in itertools.pairwise(points)]


def test_day_in_the_life_has_a_time_axis() -> None:
    drawn = texts(scene_of(CASES / "day-in-the-life" / "map.yaml"))
    assert {"08:00", "12:00", "18:00"} <= set(drawn)
    assert "07:10" in drawn and "Riverside" in drawn


def test_future_state_shows_status_and_resolved_pain_points() -> None:
    scene = scene_of(CASES / "future-state" / "map.yaml")
    drawn = texts(scene)
    assert {"New", "Changed", "Removed", "Unchanged"} <= set(drawn)
    assert "The form exists only on paper" in " ".join(drawn)
    struck = [e for e, _, _, _ in absolute(scene.elements) if isinstance(e, Text) and e.strike]
    assert any("Posts the paper form" in " ".join(t.lines) for t in struck)


def test_labels_follow_the_map_locale() -> None:
    drawn = texts(scene_of(CASES / "zh-tw-blueprint" / "map.yaml"))
    assert "認知" in drawn
    assert not {"Awareness", "Pain points", "Emotion"} & set(drawn)


def test_cjk_text_wraps_within_the_cell() -> None:
    scene = scene_of(CASES / "zh-tw-blueprint" / "map.yaml")
    action = next(
        e
        for e, _, _, css in absolute(scene.elements)
        if isinstance(e, Text) and "捷運" in e.lines[0]
    )
    assert len(action.lines) > 1


def test_long_texts_are_broken_and_capped_with_an_ellipsis() -> None:
    drawn = texts(scene_of(CASES / "long-text" / "map.yaml"))
    assert any(line.endswith("…") for line in drawn)
    assert "A wall of text" in drawn
    assert "with a forced line break in the middle" in " ".join(drawn)


def test_hostile_text_is_escaped_everywhere() -> None:
    files = files_of(CASES / "hostile-text" / "map.yaml", "svg", "html", view="grid")
    svg, html = files["map.svg"].decode(), files["map.html"].decode()
    root = ElementTree.fromstring(svg)
    assert not list(root.iter(f"{SVG}script"))
    assert "<script" not in svg
    assert_only_our_scripts(html)
    assert "<img" not in html and "onerror=alert" not in html.replace("onerror=alert(1)&gt;", "")
    assert "\u202e" not in svg and "\u202e" not in html
    assert "{{ 7*7 }}" in svg and "49" not in re.findall(r">([^<]*)<", svg)
    assert 'href="https://example.org/?a=1&amp;b=&lt;2&gt;"' in html
    assert 'href="mailto:team@example.org"' in html
    assert len(re.findall(r'<a href="(?!#map-step-)', html)) == 2


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://example.org", True),
        ("http://example.org/x?y=1", True),
        ("mailto:a@b.c", True),
        ("javascript:alert(1)", False),
        ("JAVASCRIPT:alert(1)", False),
        (" javascript:alert(1)", False),
        ("java\nscript:alert(1)", False),
        ("data:text/html,<script>", False),
        ("vbscript:x", False),
        ("//evil.example", False),
        ("file:///etc/passwd", False),
    ],
)
def test_only_http_https_and_mailto_links_survive(url: str, kept: bool) -> None:
    assert (safe_url(url) == url) is kept


@pytest.mark.parametrize("path", MAPS, ids=ids(MAPS))
def test_html_is_self_contained(path: Path) -> None:
    html = files_of(path, "html")[f"{path.stem}.html"].decode()
    assert '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'' in html
    assert "<link" not in html and "@import" not in html
    assert_only_our_scripts(html)
    assert not re.search(r"""(src|srcset)=["']?(https?:)?//""", html)
    assert not re.search(r"url\((?!#)", html)
    ElementTree.fromstring(html.split('<div class="canvas">', 1)[1].split("</div>", 1)[0])


def test_html_has_an_accessible_table_and_sorted_pain_points() -> None:
    html = files_of(EXAMPLES / "current-state.yaml", "html")["current-state.html"].decode()
    assert '<th scope="row">' in html and '<th scope="col">' in html and 'scope="colgroup"' in html
    pains = re.search(r'<section class="pains".*?</section>', html, re.S)
    assert pains is not None
    severities = [int(s) for s in re.findall(r'<td class="severity">(\d)</td>', pains.group())]
    assert severities == sorted(severities, reverse=True) and len(severities) > 3
    assert "@page { size: A3 landscape" in html


def test_output_is_byte_identical_across_processes(tmp_path: Path) -> None:
    script = (
        "import sys; from pathlib import Path; sys.path.insert(0, sys.argv[2]);"
        "from render_helpers import files_of;"
        "files = files_of(Path(sys.argv[1]), 'svg', 'html');"
        "sys.stdout.buffer.write(b''.join(files[k] for k in sorted(files)))"
    )
    outputs = set()
    for seed in ("0", "1", "12345"):
        done = subprocess.run(
            [
                sys.executable,
                "-c",
                script,
                str(EXAMPLES / "current-state.yaml"),
                str(ROOT / "tests"),
            ],
            capture_output=True,
            check=True,
            env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"},
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1


def test_default_palette_meets_wcag_aa() -> None:
    colors = Colors()
    pairs = [
        (colors.text, colors.background),
        (colors.muted, colors.background),
        (colors.text, colors.card),
        (colors.muted, colors.card),
        (colors.text, colors.lane_label),
        (colors.pain_text, colors.pain),
        (colors.opportunity_text, colors.opportunity),
        (colors.negative, colors.background),
        (colors.positive, colors.background),
        (colors.neutral, colors.background),
        (colors.accent, colors.background),
        (colors.moment, colors.background),
        (colors.new, colors.new_bg),
        (colors.changed, colors.changed_bg),
        (colors.removed, colors.removed_bg),
        (colors.unchanged, colors.unchanged_bg),
        (colors.negative, colors.card),
        (colors.background, colors.accent),
        (colors.background, colors.text),
        *((colors.stage_text, stage) for stage in colors.stages),
    ]
    for foreground, background in pairs:
        assert contrast(foreground, background) >= 4.5, (foreground, background)


def contrast(a: str, b: str) -> float:
    def luminance(color: str) -> float:
        channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_flow_view_has_a_node_per_step_and_labelled_edges() -> None:
    assert shutil.which("dot"), (
        "Graphviz's dot is required by the flow tests (scripts/check installs it)"
    )
    scene = scene_of(EXAMPLES / "current-state.yaml", "flow")
    journey, _ = load(EXAMPLES / "current-state.yaml")
    nodes = [e for e in scene.elements if getattr(e, "css", "") == "step"]
    assert len(nodes) == len(journey.step_ids())
    labels = texts(scene)
    assert any(label.startswith("22%") for label in labels)
    svg = files_of(EXAMPLES / "current-state.yaml", "svg", view="flow")["current-state.flow.svg"]
    ElementTree.fromstring(svg)


def test_png_is_a_png() -> None:
    png = files_of(CASES / "current-state-basic" / "map.yaml", "png", view="grid")["map.png"]
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert width >= 1000 and height > 400
