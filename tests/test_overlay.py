"""The measured journey drawn over the believed one: grid funnel lane, flow arrows, HTML."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from journeymap.analytics.measures import load_measures
from journeymap.i18n import labels
from journeymap.layout import lay_out
from journeymap.layout.analytics import lay_out_analytics
from journeymap.layout.funnel import lanes_with_funnel
from journeymap.layout.measured import Measured, percent
from journeymap.layout.scene import Group, Rect, Scene, Text
from journeymap.layout.scene import Path as ScenePath
from journeymap.model import JourneyMap
from journeymap.overlay import measured_for
from journeymap.rendering import context_for
from render_helpers import absolute, assert_only_our_scripts, files_of, load, texts

CASE = Path(__file__).parent / "cases" / "measured-checkout"
MAP, MEASURES = CASE / "map.yaml", CASE / "measures.json"


@pytest.fixture(scope="module")
def journey() -> JourneyMap:
    return load(MAP)[0]


@pytest.fixture(scope="module")
def measured(journey: JourneyMap) -> Measured:
    found = measured_for(load_measures(MEASURES), journey)
    assert found is not None
    return found


def _with_map(measured: Measured, **changes: object) -> Measured:
    return dataclasses.replace(measured, map=dataclasses.replace(measured.map, **changes))


def _scene(journey: JourneyMap, view: str, measured: Measured | None) -> Scene:
    return lay_out(view, journey, context_for(journey, load(MAP)[1]), measured)  # type: ignore[arg-type]


def _funnel_groups(scene: Scene) -> list[Group]:
    return [e for e in scene.elements if isinstance(e, Group) and e.css == "funnel-step"]


def test_funnel_lane_sits_under_the_pain_points_only_with_measures(
    journey: JourneyMap, measured: Measured
) -> None:
    lanes = ("actions", "emotion", "pain_points", "opportunities")
    assert lanes_with_funnel(lanes, measured) == (
        "actions",
        "emotion",
        "pain_points",
        "funnel",
        "opportunities",
    )
    assert lanes_with_funnel(("actions", "funnel", "emotion"), measured)[1] == "funnel"
    assert "funnel" not in lanes_with_funnel(("actions", "funnel"), None)
    assert "Measured funnel" in " ".join(texts(_scene(journey, "grid", measured)))
    assert "Measured funnel" not in " ".join(texts(_scene(journey, "grid", None)))


def test_funnel_lane_has_one_cell_per_step_with_reach_and_drop_off(
    journey: JourneyMap, measured: Measured
) -> None:
    cells = _funnel_groups(_scene(journey, "grid", measured))
    assert len(cells) == 7
    by_step = dict(zip([s.id for _, s in journey.steps()], cells, strict=True))
    assert by_step["compares"].label.startswith("Compares the monthly pass")
    assert "310 left here (38%)" in by_step["compares"].label
    assert "Not bound to events" in by_step["calls"].label
    assert "Never reached" in by_step["receipt"].label


def test_reach_bars_are_as_tall_as_the_share_of_cases(
    journey: JourneyMap, measured: Measured
) -> None:
    scene = _scene(journey, "grid", measured)
    reach = [
        e for e, _, _, _ in absolute(scene.elements) if isinstance(e, Rect) and e.css == "reach"
    ]
    assert len(reach) == 5  # the unbound and the never reached step have none
    full = reach[0].h  # the first step reached every case
    assert full >= 84
    for bar, share in zip(reach, [1.0, 0.78, 0.82, 0.47, 0.32], strict=True):
        assert bar.h == pytest.approx(full * share, abs=0.1)


def test_suppressed_figures_read_below_the_threshold_never_zero(
    journey: JourneyMap, measured: Measured
) -> None:
    steps = dict(measured.map.steps)
    steps["checkout"] = dataclasses.replace(
        steps["checkout"], reach=None, share=None, drop_off=None, suppressed=True
    )
    funnel = measured.map.funnel
    rows = tuple(
        dataclasses.replace(r, cases=None, conversion=None, suppressed=True)
        if r.step == "checkout"
        else r
        for r in funnel.steps
    )
    hidden = _with_map(measured, steps=steps, funnel=dataclasses.replace(funnel, steps=rows))
    cell = _funnel_groups(_scene(journey, "grid", hidden))[4]
    assert "< 10" in cell.label and "suppressed" in cell.label
    assert not any(t.lines[0] == "0" for t in cell.children if isinstance(t, Text))
    analytics = lay_out_analytics(journey, context_for(journey, load(MAP)[1]), hidden)  # type: ignore[arg-type]
    row = next(r for r in analytics.funnel if r[0].startswith("5."))
    assert row[1:3] == ("< 10", "< 10")
    assert analytics.chart is not None
    assert any("< 10 (suppressed)" in line for line in texts(analytics.chart))


def test_flow_shows_declared_beside_measured_and_marks_what_the_map_misses(
    journey: JourneyMap, measured: Measured
) -> None:
    scene = _scene(journey, "flow", measured)
    edges = {e.label: e for e in scene.elements if isinstance(e, Group) and e.css == "edge"}
    assert "decl 60% · meas 52%" in edges
    assert "decl 30% · unsure" in edges  # to a step without events: belief only
    assert "not on map · meas 18%" in edges
    assert "never observed" in edges

    def line(label: str) -> ScenePath:
        paths = [p for p in edges[label].children if isinstance(p, ScenePath)]
        return paths[-1]

    assert line("not on map · meas 18%").dash == "5 4"
    assert "unobserved" in line("never observed").css
    assert line("decl 60% · meas 52%").dash == ""


def test_flow_arrows_are_as_wide_as_the_cases_they_carried(
    journey: JourneyMap, measured: Measured
) -> None:
    scene = _scene(journey, "flow", measured)
    bands = {}
    for group in scene.elements:
        if isinstance(group, Group) and group.css == "edge":
            volume = [p for p in group.children if isinstance(p, ScenePath) and p.css == "volume"]
            if volume:
                bands[group.label] = volume[0].stroke_width
    assert bands["meas 78%"] > bands["decl 60% · meas 52%"] > bands["not on map · meas 18%"]
    assert "never observed" not in bands


def test_flow_nodes_carry_reach_and_left_here(journey: JourneyMap, measured: Measured) -> None:
    lines = texts(_scene(journey, "flow", measured))
    assert "820 reached · 82%" in lines
    assert "310 left here (38%)" in lines
    assert "Not bound to events" in lines


def test_gaps_put_the_largest_disagreement_first(journey: JourneyMap, measured: Measured) -> None:
    analytics = lay_out_analytics(journey, context_for(journey, load(MAP)[1]), measured)  # type: ignore[arg-type]
    sizes = [gap.size for gap in analytics.gaps]
    assert sizes == sorted(sizes, reverse=True)
    assert analytics.gaps[0].data == "Never reached"
    declared = next(g for g in analytics.gaps if g.belief == "declared 60%")
    assert declared.data == "measured 52% (\u22128 pts)"
    assert any(g.belief == "not on the map" and "18%" in g.data for g in analytics.gaps)


def test_html_page_has_the_analytics_section(measured: Measured) -> None:
    html = files_of(MAP, "html", measures=MEASURES)["map.html"].decode("utf-8")
    section = html[html.index('<section class="analytics"') :]
    section = section[: section.index("</section>")]
    for text in ("Jan 1\u2009–\u2009Mar 31, 2026", "Funnel", "74% of cases follow", "heartbeat"):
        assert text in section
    assert section.count("<svg") == 1
    assert "✗ Leaves the map" in section
    assert_only_our_scripts(html)


def test_rendering_with_measures_is_deterministic() -> None:
    assert files_of(MAP, "svg", "html", measures=MEASURES) == files_of(
        MAP, "svg", "html", measures=MEASURES
    )


def test_measures_of_another_map_draw_nothing(journey: JourneyMap) -> None:
    other = load_measures(MEASURES)
    renamed = dataclasses.replace(other, maps={"someone-else": other.maps["pass-checkout"]})
    assert measured_for(renamed, journey) is None
    plain, drawn = files_of(MAP, "svg"), files_of(MAP, "svg", measures=MEASURES)
    assert plain["map.svg"] != drawn["map.svg"]


@pytest.mark.parametrize(
    ("value", "text"), [(0.769, "77%"), (0.004, "0.4%"), (0.0, "0%"), (1.0, "100%")]
)
def test_percent_never_rounds_a_small_share_to_zero(value: float, text: str) -> None:
    assert percent(value, labels("en")) == text


def test_translated_labels(journey: JourneyMap, measured: Measured) -> None:
    hungarian = dataclasses.replace(journey, locale="hu")
    lines = " ".join(texts(_scene(hungarian, "grid", measured)))
    assert "Mért tölcsér" in lines
    assert "Measured" not in lines


def test_text_from_the_measures_file_is_escaped(tmp_path: Path) -> None:
    data = json.loads(MEASURES.read_text(encoding="utf-8"))
    data["source"]["name"] = "<script>alert(1)</script>.csv"
    data["maps"]["pass-checkout"]["coverage"]["top_unclaimed"][0]["name"] = "<img src=x>\u202e"
    hostile = tmp_path / "hostile.json"
    hostile.write_text(json.dumps(data), encoding="utf-8")
    html = files_of(MAP, "html", measures=hostile)["map.html"].decode("utf-8")
    assert "<script>alert" not in html and "<img src=x>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;.csv" in html
    assert "\u202e" not in html


def test_stale_measures_of_steps_the_map_no_longer_has_are_ignored(tmp_path: Path) -> None:
    data = json.loads(MEASURES.read_text(encoding="utf-8"))
    mapped = data["maps"]["pass-checkout"]
    mapped["steps"]["gone"] = dict(mapped["steps"]["lands"])
    mapped["transitions"].append(
        {
            "from": "gone",
            "to": "lands",
            "cases": 900,
            "occurrences": 900,
            "share": 0.9,
            "declared": False,
            "declared_share": None,
            "suppressed": False,
        }
    )
    mapped["funnel"]["path"].append("gone")
    stale = tmp_path / "stale.json"
    stale.write_text(json.dumps(data), encoding="utf-8")
    files = files_of(MAP, "svg", "html", measures=stale)
    assert "gone" not in files["map.flow.svg"].decode("utf-8")
    assert set(files) == {"map.svg", "map.flow.svg", "map.html"}


def test_stopping_before_steps_without_events_is_not_counted_as_a_loss(
    journey: JourneyMap, measured: Measured
) -> None:
    from journeymap.layout.measured import terminal_steps

    assert terminal_steps(journey) == {"receipt"}
    steps = {k: v for k, v in measured.map.steps.items() if k != "receipt"}
    unbound_receipt = _with_map(measured, steps=steps)
    assert terminal_steps(journey, unbound_receipt) == {"pays", "receipt"}
    cells = _funnel_groups(_scene(journey, "grid", unbound_receipt))
    assert "320 ended here (100%)" in cells[5].label
    assert "left here" not in cells[5].label


def test_paths_read_by_step_number_with_off_map_hops_dashed(
    journey: JourneyMap, measured: Measured
) -> None:
    analytics = lay_out_analytics(journey, context_for(journey, load(MAP)[1]), measured)  # type: ignore[arg-type]
    paths = [(path, ends, conforms) for path, ends, _, _, conforms in analytics.variants]
    assert paths[0] == ("1 → 2 → 3 → 5 → 6", "6. Pays and gets the pass in her wallet", True)
    assert paths[3][0] == "1 ⇢ 3 → 5 → 6" and paths[3][2] is False
    assert paths[4][0] == "1 → 2 → 3 → 5 ⇢ 3"


def test_a_log_with_none_of_the_maps_events_draws_without_crashing(tmp_path: Path) -> None:
    data = json.loads(MEASURES.read_text(encoding="utf-8"))
    mapped = data["maps"]["pass-checkout"]
    mapped.update(cases=0, events=0, transitions=[], unobserved=[], self_loops=[])
    for figures in mapped["steps"].values():
        figures.update(reach=0, share=0.0, occurrences=0, starts=0, ends=0, drop_off=0)
    mapped["funnel"]["steps"] = []
    mapped["variants"] = {"distinct": 0, "conformance": None, "suppressed_variants": 0, "top": []}
    mapped["coverage"] = {
        "events": 0.0,
        "event_names": 0.0,
        "unclaimed_events": 48210,
        "top_unclaimed": [],
    }
    data["period"] = {"first": None, "last": None}
    empty = tmp_path / "empty.json"
    empty.write_text(json.dumps(data), encoding="utf-8")
    files = files_of(MAP, "svg", "html", measures=empty)
    html = files["map.html"].decode("utf-8")
    assert html.count("Never reached") >= 6
    section = html[html.index('<section class="analytics"') :].split("</section>")[0]
    assert "<svg" not in section  # no funnel, no chart
    assert "<dt>Period</dt><dd>–</dd>" in section
