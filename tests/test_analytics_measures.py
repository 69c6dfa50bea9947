"""The measures model: its file round-trips byte for byte, and a bad file is one clear line."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from journeymap.analytics.measures import (
    Coverage,
    Funnel,
    FunnelStep,
    MapMeasures,
    Measures,
    MeasuresError,
    Period,
    SelfLoop,
    Settings,
    SourceInfo,
    StepMeasures,
    TimeToNext,
    TransitionMeasures,
    UnclaimedName,
    UnobservedEdge,
    Variant,
    Variants,
    dumps,
    load_measures,
    loads,
)
from journeymap.model import EventSelector
from journeymap.normalize import journey_from


def sample() -> Measures:
    steps = {
        "a": StepMeasures(12, 1.0, 15, 12, 0, 0, TimeToNext(3600.0, 7200.5)),
        "b": StepMeasures(None, None, None, None, None, None, TimeToNext(), suppressed=True),
    }
    journey = MapMeasures(
        path="examples/x.yaml",
        cases=12,
        events=30,
        steps=steps,
        transitions=(TransitionMeasures("a", "b", 11, 11, 0.916666666, True, 0.5),),
        unobserved=(UnobservedEdge("a", "c", 0.5),),
        self_loops=(SelfLoop("a", None, None, True),),
        funnel=Funnel(("a", "b"), 86400, (FunnelStep("a", 12, 1.0, 1.0, None),)),
        variants=Variants(2, 0.5, (Variant(("a", "b"), 11, 0.916667, True),), 1),
        coverage=Coverage(0.75, 0.5, 10, (UnclaimedName("heartbeat", 10),)),
    )
    return Measures(
        generator="journeymap test",
        source=SourceInfo("csv", "events.csv"),
        settings=Settings("user_id", "event", "timestamp", None, "UTC", 86400, 10),
        period=Period("2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z"),
        events=40,
        maps={"x": journey},
    )


def test_dumps_round_trips_through_the_schema() -> None:
    text = dumps(sample())
    again = loads(text)
    assert dumps(again) == text
    data = json.loads(text)
    assert data["journeymap_measures"] == 1
    assert data["maps"]["x"]["transitions"][0]["from"] == "a"
    assert data["maps"]["x"]["transitions"][0]["share"] == 0.916667
    assert data["maps"]["x"]["steps"]["b"]["reach"] is None


def test_dumps_sorts_keys_whatever_the_insertion_order() -> None:
    first = sample()
    journey = first.maps["x"]
    reordered = replace(journey, steps=dict(reversed(list(journey.steps.items()))))
    assert dumps(replace(first, maps={"x": reordered})) == dumps(first)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{", "not JSON"),
        ("[]", "not a measures file: top level"),
        ('{"journeymap_measures": 2}', "measures version 2 is not supported"),
    ],
)
def test_bad_text_is_one_line(text: str, expected: str) -> None:
    with pytest.raises(MeasuresError) as caught:
        loads(text, "m.json")
    assert expected in str(caught.value)
    assert "\n" not in str(caught.value)


def test_schema_error_names_where(tmp_path: Path) -> None:
    data = json.loads(dumps(sample()))
    data["maps"]["x"]["steps"]["a"]["reach"] = "many"
    path = tmp_path / "m.json"
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(MeasuresError, match=r"maps\.x\.steps\.a\.reach"):
        load_measures(path)


def test_missing_file_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(MeasuresError, match="cannot read the measures file"):
        load_measures(tmp_path / "absent.json")


def test_steps_carry_their_event_selectors() -> None:
    data = {
        "kind": "current-state",
        "id": "m",
        "title": "M",
        "stages": [
            {
                "id": "awareness",
                "steps": [
                    {
                        "id": "a",
                        "action": "A",
                        "events": ["x", {"event": "y", "where": {"p": "1", "a": [1, 2]}}],
                    },
                    {"id": "b", "action": "B"},
                ],
            }
        ],
    }
    journey = journey_from(data, path="m.yaml")
    a, b = (step for _, step in journey.steps())
    assert a.events == (
        EventSelector("x", (), ("stages", 0, "steps", 0, "events", 0)),
        EventSelector("y", (("a", (1, 2)), ("p", ("1",))), ("stages", 0, "steps", 0, "events", 1)),
    )
    assert b.events == ()
