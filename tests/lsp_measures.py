"""A small measures file for the hover test: reach and drop-off of one step."""

from __future__ import annotations

from pathlib import Path

from journeymap.analytics.measures import (
    MapMeasures,
    Measures,
    Period,
    Settings,
    SourceInfo,
    StepMeasures,
)


def measures_for(root: Path) -> Measures:
    step = StepMeasures(reach=1200, share=0.3, occurrences=1300, starts=0, ends=10, drop_off=300)
    mapped = MapMeasures(
        path="current-state.yaml", cases=4000, events=9000, steps={"buys-at-machine": step}
    )
    settings = Settings("case", "event", "time", None, "UTC", 14 * 86400, 10)
    return Measures(
        generator="tests",
        source=SourceInfo("file", "events.csv"),
        settings=settings,
        period=Period(None, None),
        events=9000,
        maps={"commuter-pass-today": mapped},
    )
