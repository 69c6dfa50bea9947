"""A checked map back as map data: the inverse of `journeymap.normalize`, for lossless exports.

`journey_from(map_data(journey))` gives the same model, apart from where things came from
(`path`, `at`), a persona file (written inline, with its id) and `based_on`, which is
written as the path from the map's folder to the map it names. Keys come in the order people
write them, and a field that holds its default is left out, as a person would leave it out.
Texts are plain text (journeymap.text.clean), as every export writes them.
"""

from __future__ import annotations

import posixpath
from typing import Any

from journeymap.model import (
    BLUEPRINT_ROWS,
    BlueprintItem,
    Edge,
    EventSelector,
    JourneyMap,
    Link,
    Persona,
    Research,
    Stage,
    Step,
)
from journeymap.text.clean import plain_data

Data = dict[str, Any]


def map_fields(journey: JourneyMap) -> Data:
    """Every map-level field but `stages`, in the order of a map file."""
    data: Data = {"journeymap": 1, "kind": journey.kind, "id": journey.id}
    data["title"] = journey.title
    data["locale"] = journey.locale
    if journey.based_on is not None:
        data["based_on"] = based_on_path(journey)
    _put(data, "persona", persona_data(journey.persona) if journey.persona else None)
    _put(data, "scenario", journey.scenario)
    _put(data, "goals", list(journey.goals))
    _put(data, "description", journey.description)
    _put(data, "owner", journey.owner)
    _put(data, "tags", list(journey.tags))
    _put(data, "updated", journey.updated)
    _put(data, "lanes", list(journey.lanes or ()))
    _put(data, "links", [link_data(link) for link in journey.links])
    _put(data, "research", [research_data(entry) for entry in journey.research])
    return _plain(data)


def map_data(journey: JourneyMap) -> Data:
    """The whole map as map data."""
    return {**map_fields(journey), "stages": [stage_data(stage) for stage in journey.stages]}


def based_on_path(journey: JourneyMap) -> str:
    """The `based_on` reference as written: from this map's folder to the map it names."""
    assert journey.based_on is not None
    folder = posixpath.dirname(journey.path) or "."
    return posixpath.relpath(journey.based_on.path, folder)


def persona_data(persona: Persona) -> Data:
    data: Data = {}
    _put(data, "id", persona.id)
    data["name"] = persona.name
    for name in ("role", "quote", "bio"):
        _put(data, name, getattr(persona, name))
    for name in ("goals", "needs", "frustrations"):
        _put(data, name, list(getattr(persona, name)))
    _put(data, "traits", dict(persona.traits))
    return _plain(data)


def stage_fields(stage: Stage) -> Data:
    """A stage without its steps."""
    data: Data = {"id": stage.id}
    _put(data, "title", stage.title)
    _put(data, "phase", stage.phase)
    _put(data, "description", stage.description)
    return _plain(data)


def stage_data(stage: Stage) -> Data:
    return {**stage_fields(stage), "steps": [step_data(step) for step in stage.steps]}


def step_data(step: Step) -> Data:
    """Every field of a step, in the order the CSV import writes them."""
    data: Data = {"id": step.id}
    _put(data, "title", step.title)
    _put(data, "time", step.time)
    _put(data, "place", step.place)
    data["action"] = step.action
    _put(data, "status", step.status)
    _put(data, "resolves", list(step.resolves))
    _put(data, "events", [event_data(event) for event in step.events])
    _put(data, "touchpoints", [_touchpoint(t) for t in step.touchpoints])
    for name in ("thoughts", "questions", "motivations"):
        _put(data, name, list(getattr(step, name)))
    _put(data, "emotion", step.emotion)
    _put(data, "feeling", step.feeling)
    _put(data, "pain_points", [_pain(p) for p in step.pain_points])
    _put(data, "opportunities", [_opportunity(o) for o in step.opportunities])
    _put(data, "metrics", dict(step.metrics))
    _put(data, "moment_of_truth", step.moment_of_truth or None)
    for row in BLUEPRINT_ROWS:
        _put(data, row, [blueprint_item(entry) for entry in step.blueprint_row(row)])
    if step.next is not None:
        data["next"] = [edge_data(edge) for edge in step.next]
    _put(data, "notes", step.notes)
    return _plain(data)


def event_data(event: EventSelector) -> str | Data:
    if not event.where:
        return event.event
    return {"event": event.event, "where": {column: list(values) for column, values in event.where}}


def edge_data(edge: Edge) -> str | Data:
    if edge.label is None and edge.share is None:
        return edge.to
    data: Data = {"to": edge.to}
    _put(data, "label", edge.label)
    _put(data, "share", edge.share)
    return data


def blueprint_item(entry: BlueprintItem) -> str | Data:
    data: Data = {}
    _put(data, "id", entry.id)
    data["text"] = entry.text
    _put(data, "owner", entry.owner)
    _put(data, "system", entry.system)
    _put(data, "fail_point", entry.fail_note if entry.fail_note is not None else entry.fail_point)
    _put(data, "wait", entry.wait)
    return entry.text if list(data) == ["text"] else data


def link_data(link: Link) -> Data:
    data: Data = {"from": link.source, "to": link.target}
    _put(data, "label", link.label)
    _put(data, "direction", "two-way" if link.two_way else None)
    return data


def research_data(entry: Research) -> Data:
    data: Data = {"title": entry.title}
    _put(data, "url", entry.url)
    _put(data, "note", entry.note)
    return data


def _touchpoint(touchpoint: Any) -> Data:
    data: Data = {}
    _put(data, "id", touchpoint.id)
    data["channel"] = touchpoint.channel
    _put(data, "name", touchpoint.name)
    _put(data, "note", touchpoint.note)
    return data


def _pain(pain: Any) -> Data:
    data: Data = {"id": pain.id, "text": pain.text}
    _put(data, "severity", pain.severity)
    _put(data, "owner", pain.owner)
    return data


def _opportunity(idea: Any) -> Data:
    data: Data = {"id": idea.id, "text": idea.text}
    _put(data, "owner", idea.owner)
    _put(data, "impact", idea.impact)
    _put(data, "addresses", list(idea.addresses))
    return data


MAP_ORDER = (
    "journeymap",
    "kind",
    "id",
    "title",
    "locale",
    "based_on",
    "persona",
    "scenario",
    "goals",
    "description",
    "owner",
    "tags",
    "updated",
    "lanes",
    "links",
    "research",
    "stages",
)
STAGE_ORDER = ("id", "title", "phase", "description", "steps")
STEP_ORDER = (
    "id",
    "title",
    "time",
    "place",
    "action",
    "status",
    "resolves",
    "events",
    "touchpoints",
    "thoughts",
    "questions",
    "motivations",
    "emotion",
    "feeling",
    "pain_points",
    "opportunities",
    "metrics",
    "moment_of_truth",
    *BLUEPRINT_ROWS,
    "next",
    "notes",
)


def in_order(data: Data, order: tuple[str, ...]) -> Data:
    """`data` with its keys in the order of a map file (unknown keys last, as they were)."""
    known = {key: data[key] for key in order if key in data}
    return known | {key: value for key, value in data.items() if key not in known}


def _put(data: Data, key: str, value: Any) -> None:
    """Set `key` unless the value is the field's default (None, False, empty)."""
    if value is not None and value is not False and value != [] and value != {}:
        data[key] = value


def _plain(data: Data) -> Data:
    plain: Data = plain_data(data)
    return plain
