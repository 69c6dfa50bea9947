"""A parsed Mermaid journey, and the map data it becomes (the `to_data` of the import).

The diagram alone gives stages and steps with ids made from their names; the notes
(mermaid_notes) then put back what the diagram cannot show. Ids a note gives win: an id
made for a task added by hand never takes one of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from journeymap.i18n import LOCALES, labels
from journeymap.interchange.ids import Ids
from journeymap.interchange.mermaid import NEUTRAL, actors_note
from journeymap.interchange.mermaid_notes import apply_map, apply_stage, apply_step, locale_labels
from journeymap.interchange.places import Imported, Places, Pointer
from journeymap.interchange.source_data import MAP_ORDER, STAGE_ORDER, STEP_ORDER, in_order
from journeymap.model import PHASES

DEFAULT_STAGE = "Journey"


@dataclass
class Note:
    """A `%% journeymap:` note (mermaid_notes): its JSON object and where it stands."""

    data: dict[str, Any]
    at: tuple[int, int]


@dataclass
class Task:
    line: int
    col: int
    name: str
    score: int
    score_col: int
    actors: list[str]
    actors_col: int
    note: Note | None = None
    hidden: bool = False
    """A removed step that only a `%% journeymap removed step:` note holds."""


@dataclass
class Section:
    line: int
    col: int
    name: str
    tasks: list[Task] = field(default_factory=list)
    note: Note | None = None


@dataclass
class Diagram:
    title: str | None = None
    title_at: tuple[int, int] = (1, 1)
    description: str | None = None
    description_at: tuple[int, int] = (1, 1)
    sections: list[Section] = field(default_factory=list)
    note: Note | None = None


def to_data(diagram: Diagram, map_id: str, title: str) -> Imported:
    """Map data from a parsed diagram, with the place of every part in the diagram; then
    the notes (mermaid_notes) put back what the diagram cannot show."""
    places = Places()
    data = _header(diagram, map_id, title, places)
    texts = locale_labels(data)
    persona = next((t.actors[0] for s in diagram.sections for t in s.tasks if t.actors), None)
    default = [persona] if persona else []
    stage_ids, step_ids, count = Ids("stage"), Ids("step"), 0
    data["stages"] = []
    for number, section in enumerate(diagram.sections):
        pointer = ("stages", number)
        places.put(pointer, (section.line, section.col))
        ident = _phases().get(section.name.casefold())
        if ident is None or ident in stage_ids.taken:
            ident = stage_ids.new(section.name, number + 1)
        stage_ids.taken.add(ident)
        stage: dict[str, Any] = {"id": ident, "title": section.name}
        if section.note:
            apply_stage(stage, section.note.data, texts, places, pointer, section.note.at)
        steps: list[dict[str, Any]] = []
        for task in section.tasks:
            at = (*pointer, "steps", len(steps))
            if not task.hidden:
                count += 1
            steps.append(_step(task, step_ids, count, default, places, at))
        data["stages"].append({**stage, "steps": steps})
    _unclash(data["stages"], [s.note for s in diagram.sections], "stage")
    steps = [step for stage in data["stages"] for step in stage["steps"]]
    _unclash(steps, [t.note for s in diagram.sections for t in s.tasks], "step")
    return Imported(_ordered(data), places)


def _ordered(data: dict[str, Any]) -> dict[str, Any]:
    """Keys in the order people write them, whatever order the notes added them in."""
    stages = [
        in_order({**stage, "steps": [in_order(s, STEP_ORDER) for s in stage["steps"]]}, STAGE_ORDER)
        for stage in data["stages"]
    ]
    return in_order({**data, "stages": stages}, MAP_ORDER)


def _unclash(items: list[dict[str, Any]], notes: list[Note | None], prefix: str) -> None:
    """A made-up id that a note also gives (a task added by hand) gets another one."""
    given = {n.data["id"] for n in notes if n and isinstance(n.data.get("id"), str)}
    ids = Ids(prefix, {item["id"] for item in items if isinstance(item.get("id"), str)})
    for number, (item, note) in enumerate(zip(items, notes, strict=True), 1):
        made_up = note is None or "id" not in note.data
        if made_up and isinstance(item.get("id"), str) and item["id"] in given:
            label = item.get("title") or item.get("action") or ""
            item["id"] = ids.new(label if isinstance(label, str) else "", number)


def _header(diagram: Diagram, map_id: str, title: str, places: Places) -> dict[str, Any]:
    data: dict[str, Any] = {"journeymap": 1, "kind": "current-state", "id": map_id}
    data["title"] = diagram.title or title
    places.put(("title",), diagram.title_at)
    if diagram.description:
        data["description"] = diagram.description
        places.put(("description",), diagram.description_at)
    persona = next((t for s in diagram.sections for t in s.tasks if t.actors), None)
    if persona is not None:
        data["persona"] = {"name": persona.actors[0]}
        places.put(("persona",), (persona.line, persona.actors_col))
    if diagram.note:
        apply_map(data, diagram.note.data, places, diagram.note.at)
    return data


def _step(
    task: Task, ids: Ids, count: int, default: list[str], places: Places, at: Pointer
) -> dict[str, Any]:
    """A task as a step (its note applied), or the whole step of a hidden note."""
    places.put(at, (task.line, task.col))
    if task.hidden and task.note:
        for key in task.note.data:
            places.put((*at, key), task.note.at)
        return dict(task.note.data)
    places.put((*at, "emotion"), (task.line, task.score_col))
    places.put((*at, "notes"), (task.line, task.actors_col))
    step: dict[str, Any] = {"id": ids.new(task.name, count), "action": task.name}
    step["emotion"] = task.score - NEUTRAL
    if task.actors != default:
        step["notes"] = actors_note(task.actors)
    if task.note:
        apply_step(step, task.note.data, places, at, task.note.at)
    return step


@cache
def _phases() -> dict[str, str]:
    """Every built-in title of a lifecycle phase, case-folded, in every built-in language."""
    return {
        labels(locale)[f"phase.{phase}"].casefold(): phase for locale in LOCALES for phase in PHASES
    }
