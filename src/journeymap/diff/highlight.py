"""Changed steps marked on the grid view: extra scene elements over the laid-out map.

The layout modules stay untouched: a column's x comes from the theme exactly as the grid
engine computes it (padding + label width + index x column width), its top and bottom from
the stage bands and lane rules already in the scene. Each mark is an outline with its own
colour AND dash pattern, plus a text label under the column, so no mark relies on colour.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass

from journeymap.layout.context import clean
from journeymap.layout.scene import Element, Group, Line, Rect, Scene, Text, r1
from journeymap.model import JourneyMap
from journeymap.text import line_height, text_width
from journeymap.theme import Theme


@dataclass(frozen=True, slots=True)
class Mark:
    label: str
    color: str
    dash: str
    description: str


MARKS = {
    "added": Mark("Added", "#1d4ed8", "", "solid outline"),
    "changed": Mark("Changed", "#6d28d9", "10 5", "dashed outline"),
    "removed": Mark("Removed", "#b42318", "2 4", "dotted outline"),
    "moved": Mark("Moved", "#0e5e6f", "14 4 2 4", "dash-dot outline"),
}
"""Colours with at least 4.5:1 contrast on white, so the labels are readable too.
`moved`: a step that only moved (to another stage, or within its own)."""
FUTURE_MARKS = {
    "added": dataclasses.replace(MARKS["added"], label="New"),
    "changed": MARKS["changed"],
    "removed": MARKS["removed"],
}
"""A future-state map says `new` rather than added; its badges and the marks agree. Its
steps are marked by their status, which has no `moved`."""

BAND = 34.0
"""Height of the strip added under the map for the labels."""
LABEL_SIZE = 12.0


def highlight(
    scene: Scene,
    journey: JourneyMap,
    theme: Theme,
    marks: Mapping[str, str],
    styles: Mapping[str, Mark] = MARKS,
) -> Scene:
    """The scene with each marked step (step id -> added | changed | removed) outlined."""
    if not marks:
        return scene
    top, bottom = _column_span(scene, theme)
    left = theme.padding + theme.label_width
    extra: list[Element] = [
        Rect(0, scene.height, scene.width, BAND, scene.background, css="diff-band")
    ]
    for index, (_, step) in enumerate(journey.steps()):
        kind = marks.get(step.id)
        if kind is None:
            continue
        x = r1(left + index * theme.column_width)
        mark = styles[kind]
        extra.append(_column(step.id, clean(step.label), x, top, bottom, theme, mark, kind, scene))
    counted = ", ".join(
        f"{sum(1 for k in marks.values() if k == kind)} {kind}"
        for kind in MARKS
        if kind in marks.values()
    )
    return dataclasses.replace(
        scene,
        height=r1(scene.height + BAND),
        elements=(*scene.elements, *extra),
        description=f"{scene.description}. Steps marked by the diff: {counted}.",
    )


def _column_span(scene: Scene, theme: Theme) -> tuple[float, float]:
    """From the top of the stage bands to the last lane rule, read from the scene."""
    tops = [e.y for e in scene.elements if isinstance(e, Rect) and e.css == "stage"]
    rules = [e.y1 for e in scene.elements if isinstance(e, Line) and e.css in ("lane-rule", "rule")]
    top = min(tops) - 4 if tops else theme.padding
    bottom = max(rules) + 4 if rules else scene.height - theme.padding
    return r1(top), r1(bottom)


def _column(
    step_id: str,
    label: str,
    x: float,
    top: float,
    bottom: float,
    theme: Theme,
    mark: Mark,
    kind: str,
    scene: Scene,
) -> Group:
    width = theme.column_width
    outline = Rect(
        r1(x + 1),
        top,
        r1(width - 2),
        r1(bottom - top),
        "none",
        mark.color,
        8,
        3.0,
        mark.dash,
        f"diff-{kind}",
    )
    pill_w = r1(text_width(mark.label, LABEL_SIZE, bold=True) + 20)
    pill_x = r1(x + (width - pill_w) / 2)
    pill_y = r1(scene.height + 6)
    lh = line_height(LABEL_SIZE)
    pill = Rect(pill_x, pill_y, pill_w, 22, "#ffffff", mark.color, 11, 2.0, mark.dash)
    words = Text(
        r1(x + width / 2),
        r1(pill_y + 11 + 0.35 * LABEL_SIZE),
        (mark.label,),
        LABEL_SIZE,
        mark.color,
        r1(lh),
        bold=True,
        anchor="middle",
        css="diff-label",
    )
    return Group(
        (outline, pill, words),
        id=f"{scene.id_prefix}diff-{step_id}",
        label=f"{mark.label}: {label}",
        css=f"diff-mark diff-{kind}",
    )
