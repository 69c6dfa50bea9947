"""CSV export: one row per step, a fixed set of columns, safe to open in a spreadsheet.

Columns, in order (every kind of map has all of them; a column a kind does not use is empty):

    stage_id, stage_title, stage_phase, stage_description, step, step_id, title, action,
    time, place, status, emotion, feeling, touchpoints, thoughts, questions, motivations,
    pain_points, opportunities, metrics, events, moment_of_truth, resolves, evidence,
    frontstage, backstage, support, next, notes, then the map's own columns (`map_…` and
    `persona_…`, on the first row only; see `csv_map.py`)

- `step` (the step's number in the map) and `emotion` are written as plain numbers.
- `stage_title` is the title a reader sees (a lifecycle stage's built-in title when it has
  none of its own). A stage without steps is a row with only its stage cells.
- List cells hold one item per line, in the syntax of `items.py`:
  touchpoints `channel: name [id: …; note: …]`; pain points `text [id: …; severity: …;
  owner: …]`; opportunities `text [id: …; owner: …; impact: …; addresses: a, b]`; metrics
  `name: value`; blueprint rows `text [id: …; owner: …; system: …; fail_point: …; wait: …]`;
  next `step-id [label: …; share: …]`, or `(end)` for `next: []`; events `name` or
  `name [where: {"column": ["value"]}]` (JSON). `resolves` is `a, b`.
- `moment_of_truth` is `true` or empty.

Formula injection: a text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage
return (or their full-width forms) would be run as a formula by Excel, LibreOffice and
Google Sheets. Such a cell gets a leading apostrophe, which spreadsheets hide and read as
"this is text"; a cell that already starts with apostrophes before such a character gets
one more, so the import can always remove exactly one. Numeric columns are never touched.
"""

from __future__ import annotations

import csv
import io
import json

from journeymap.i18n import Labels
from journeymap.interchange import items
from journeymap.interchange.common import stage_title
from journeymap.interchange.csv_map import MAP_COLUMNS, map_cells
from journeymap.model import (
    BLUEPRINT_ROWS,
    BlueprintItem,
    Edge,
    EventSelector,
    JourneyMap,
    Stage,
    Step,
)
from journeymap.text.clean import plain_text

COLUMNS = (
    "stage_id",
    "stage_title",
    "stage_phase",
    "stage_description",
    "step",
    "step_id",
    "title",
    "action",
    "time",
    "place",
    "status",
    "emotion",
    "feeling",
    "touchpoints",
    "thoughts",
    "questions",
    "motivations",
    "pain_points",
    "opportunities",
    "metrics",
    "events",
    "moment_of_truth",
    "resolves",
    *BLUEPRINT_ROWS,
    "next",
    "notes",
    *MAP_COLUMNS,
)
STAGE_COLUMNS = ("stage_id", "stage_title", "stage_phase", "stage_description")
FORMULA_START = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")


def guard(cell: str) -> str:
    """A leading apostrophe for any text a spreadsheet would evaluate as a formula."""
    if cell.lstrip("'")[:1] in FORMULA_START:
        return "'" + cell
    return cell


def unguard(cell: str) -> str:
    """The exact inverse of `guard`."""
    if cell.startswith("'") and cell.lstrip("'")[:1] in FORMULA_START:
        return cell[1:]
    return cell


def to_csv(journey: JourneyMap, labels: Labels) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    number = 0
    first = map_cells(journey)
    for stage in journey.stages:
        for step in stage.steps:
            number += 1
            texts, numbers = _step_cells(number, step)
            writer.writerow(_row(_stage_cells(labels, stage) | first | texts, numbers))
            first = {}
        if not stage.steps:  # a row with only the stage's cells
            writer.writerow(_row(_stage_cells(labels, stage) | first, {}))
            first = {}
    return buffer.getvalue()


def _row(texts: dict[str, str], numbers: dict[str, int | str]) -> list[str | int]:
    return [numbers[c] if c in numbers else guard(plain_text(texts.get(c, ""))) for c in COLUMNS]


def _stage_cells(labels: Labels, stage: Stage) -> dict[str, str]:
    return {
        "stage_id": stage.id,
        "stage_title": stage_title(labels, stage),
        "stage_phase": stage.phase or "",
        "stage_description": stage.description or "",
    }


def _step_cells(number: int, step: Step) -> tuple[dict[str, str], dict[str, int | str]]:
    """The step's text cells, and its number cells (never guarded: `-1` is a number)."""
    texts: dict[str, str] = {
        "step_id": step.id,
        "title": step.title or "",
        "action": step.action,
        "time": step.time or "",
        "place": step.place or "",
        "status": step.status or "",
        "feeling": step.feeling or "",
        "moment_of_truth": "true" if step.moment_of_truth else "",
        "resolves": ", ".join(step.resolves),
        "next": _next(step.next),
        "notes": step.notes or "",
        **_lists(step),
    }
    return texts, {"step": number, "emotion": "" if step.emotion is None else step.emotion}


def _lists(step: Step) -> dict[str, str]:
    cells = {
        "touchpoints": [
            items.item(
                f"{t.channel}: {t.name}" if t.name else t.channel, [("id", t.id), ("note", t.note)]
            )
            for t in step.touchpoints
        ],
        "thoughts": [items.escape_text(t) for t in step.thoughts],
        "questions": [items.escape_text(t) for t in step.questions],
        "motivations": [items.escape_text(t) for t in step.motivations],
        "pain_points": [
            items.item(p.text, [("id", p.id), ("severity", _int(p.severity)), ("owner", p.owner)])
            for p in step.pain_points
        ],
        "opportunities": [
            items.item(
                o.text,
                [
                    ("id", o.id),
                    ("owner", o.owner),
                    ("impact", _int(o.impact)),
                    ("addresses", ", ".join(o.addresses) or None),
                ],
            )
            for o in step.opportunities
        ],
        "metrics": [
            f"{name}: {items.escape_text(_metric(value))}" for name, value in step.metrics.items()
        ],
        "events": [_event(event) for event in step.events],
    }
    for row in BLUEPRINT_ROWS:
        cells[row] = [_blueprint_item(i) for i in step.blueprint_row(row)]
    return {column: "\n".join(lines) for column, lines in cells.items()}


def _event(event: EventSelector) -> str:
    where = {column: list(values) for column, values in event.where}
    return items.item(event.event, [("where", json.dumps(where) if where else None)])


def _int(value: int | None) -> str | None:
    return None if value is None else str(value)


def _metric(value: float | str) -> str:
    return items.show_text(value) if isinstance(value, str) else items.show_number(value)


def _blueprint_item(entry: BlueprintItem) -> str:
    fail: str | None = None
    if entry.fail_note is not None:
        fail = items.show_text(entry.fail_note, "true")
    elif entry.fail_point:
        fail = "true"
    details = [
        ("id", entry.id),
        ("owner", entry.owner),
        ("system", entry.system),
        ("fail_point", fail),
        ("wait", entry.wait),
    ]
    return items.item(entry.text, details)


def _next(edges: tuple[Edge, ...] | None) -> str:
    if edges is None:
        return ""
    if not edges:
        return items.END
    return "\n".join(
        items.item(
            edge.to,
            [("label", edge.label), ("share", None if edge.share is None else str(edge.share))],
        )
        for edge in edges
    )
