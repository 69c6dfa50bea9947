"""`%% journeymap:` notes: what a Mermaid journey cannot show, in comments Mermaid skips.

A journey diagram shows a title, a description, sections, tasks, scores and actors. The rest
of a map (ids, touchpoints, pain points, personas, ...) goes in a note: a comment line

    %% journeymap: {"id": "plans-commute", "touchpoints": [{"channel": "web"}]}

under the line it belongs to (the header's last line for the map, a `section` line for its
stage, a task line for its step), holding JSON: the id, and exactly the fields the import
would not get right from the diagram alone (`null` for one it would add). A removed step of a
future-state map is not a task (Mermaid would draw it); it is a whole step in a
`%% journeymap removed step: {...}` line, where it stands among the tasks.

So an export reads back as the same map, and a diagram without notes stays as it was. A
note never overrides an edit: a task renamed in the diagram keeps its new name, a score
changed in the diagram its new emotion (the note's value is used only while the diagram
still shows what the export wrote).
"""

from __future__ import annotations

import json
import re
from typing import Any

from journeymap.i18n import Labels, labels
from journeymap.interchange.items import read_json
from journeymap.interchange.mermaid import Line, decode, section_name, task_name, title_text
from journeymap.interchange.places import ImportFailed, Places, Pointer
from journeymap.interchange.source_data import map_data
from journeymap.model import JourneyMap

NOTE = "%% journeymap: "
HIDDEN = "%% journeymap removed step: "
NOTE_LINE = re.compile(r"%%\s*journeymap(?P<hidden> removed step)?\s*:\s*")
_MISSING = object()
Data = dict[str, Any]


# --- export -------------------------------------------------------------------------------


def with_notes(journey: JourneyMap, texts: Labels, lines: list[Line]) -> str:
    """The diagram's lines, each followed by its note when it needs one."""
    from journeymap.interchange.mermaid_import import parse_mermaid

    diagram = "".join(f"{line}\n" for line, _ in lines if line is not None)
    source = map_data(journey)
    try:
        rebuilt = parse_mermaid(diagram, "export", map_id="", title="").data
    except ImportFailed:  # a diagram the import refuses (a limit): every field goes in notes
        rebuilt = {"stages": [{"steps": []} for _ in journey.stages]}
    out: list[str] = []
    for line, key in lines:
        if line is not None:
            out.append(line)
        note = _note(key, source, rebuilt)
        if line is None:
            out.append(f"      {HIDDEN}{_json(note)}")
        elif note:
            indent = line[: len(line) - len(line.lstrip())] if key[0] != "map" else "    "
            out.append(f"{indent}{NOTE}{_json(note)}")
    return "\n".join(out) + "\n"


def _note(key: tuple[str | int, ...], source: Data, rebuilt: Data) -> Data:
    if not key:
        return {}
    if key[0] == "map":
        fields = {k: v for k, v in source.items() if k not in FORBIDDEN["map"]}
        shown = {k: v for k, v in rebuilt.items() if k not in FORBIDDEN["map"]}
        return {"id": source["id"], **difference(fields, shown)}
    stage = source["stages"][int(key[1])]
    shown_stage = _at(rebuilt["stages"], int(key[1]))
    if key[0] == "stage":
        fields = {k: v for k, v in stage.items() if k != "steps"}
        shown = {k: v for k, v in shown_stage.items() if k != "steps"}
        return {"id": stage["id"], **difference(fields, shown)}
    step = stage["steps"][int(key[2])]
    if step.get("status") == "removed":
        return dict(step)
    visible = [s for s in stage["steps"][: int(key[2])] if s.get("status") != "removed"]
    return {"id": step["id"], **difference(step, _at(shown_stage.get("steps", []), len(visible)))}


def _at(items: list[Data], index: int) -> Data:
    return items[index] if index < len(items) else {}


def difference(source: Data, shown: Data) -> Data:
    """The fields of `source` that `shown` lacks or holds otherwise; None for extra ones."""
    found = {k: v for k, v in source.items() if _json(shown.get(k, _MISSING)) != _json(v)}
    return found | {k: None for k in shown if k not in source}


def _json(value: Any) -> str:
    """One line of JSON (line breaks escaped), telling 1 from 1.0 and true."""
    if value is _MISSING:
        return "\0missing"
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


# --- import -------------------------------------------------------------------------------


def read_note(text: str) -> tuple[Data | None, str | None]:
    """The JSON object of a note, or None and why it cannot be read."""
    try:
        value = read_json(text)
    except ValueError as exc:
        why = str(exc).split(":")[0]
        if why.startswith("nested"):
            return None, f"the journeymap note is {why}"
        return None, f"the journeymap note is not valid JSON ({why})"
    if not isinstance(value, dict):
        return None, "a journeymap note holds a JSON object: {...}"
    return value, None


FORBIDDEN = {"map": ("journeymap", "stages"), "stage": ("steps",), "step": ()}
"""Keys the diagram's lines own: a note cannot add stages or steps."""


def apply_map(data: Data, note: Data, places: Places, spot: tuple[int, int]) -> None:
    """The map's note over the header read from the diagram."""
    shown_title, shown_description = data.get("title"), data.get("description")
    _apply(data, note, places, (), spot)
    if "title" in note and _read_title(note["title"], data.get("id")) != shown_title:
        data["title"] = shown_title  # the title line was edited: the diagram wins
    if "description" in note and _read_description(note["description"]) != shown_description:
        _set(data, "description", shown_description)


def apply_stage(
    stage: Data, note: Data, texts: Labels, places: Places, at: Pointer, spot: tuple[int, int]
) -> None:
    shown = stage["title"]
    _apply(stage, note, places, at, spot)
    if "title" in note and decode(_section(texts, note["title"], stage["id"])) != shown:
        stage["title"] = shown  # the section was renamed in the diagram


def apply_step(step: Data, note: Data, places: Places, at: Pointer, spot: tuple[int, int]) -> None:
    name, emotion = step["action"], step.get("emotion")
    _apply(step, note, places, at, spot)
    field = "title" if isinstance(note.get("title"), str) else "action"
    if field in note and _read_task(note[field], step.get("id")) != name:
        step[field] = name  # the task was renamed in the diagram
    if "emotion" in note and emotion != (note["emotion"] or 0):
        step["emotion"] = emotion  # the score was changed in the diagram (none shows as 3)


def _apply(data: Data, note: Data, places: Places, at: Pointer, spot: tuple[int, int]) -> None:
    for key, value in note.items():
        _set(data, key, value)
        places.put((*at, key), spot)


def _set(data: Data, key: str, value: Any) -> None:
    if value is None:
        data.pop(key, None)
    else:
        data[key] = value


def _read_title(title: Any, map_id: Any) -> Any:
    if not isinstance(title, str):
        return title
    return decode(title_text(title, map_id if isinstance(map_id, str) else ""))


def _read_description(text: Any) -> Any:
    from journeymap.interchange.mermaid import escape

    return (decode(escape(text, "#")) or None) if isinstance(text, str) else text


def _section(texts: Labels, title: Any, stage_id: Any) -> str:
    if not isinstance(stage_id, str) or not (title is None or isinstance(title, str)):
        return ""
    try:
        return section_name(texts, title, stage_id)
    except KeyError:
        return stage_id


def _read_task(label: Any, step_id: Any) -> Any:
    if not isinstance(label, str):
        return label
    return decode(task_name(label, step_id if isinstance(step_id, str) else ""))


def locale_labels(data: Data) -> Labels:
    locale = data.get("locale")
    return labels(locale if isinstance(locale, str) else "en")
