"""Model stage: schema-valid plain data becomes the frozen journey model.

Only shapes the schema has accepted reach this module, so it converts without checking.
Every text passes through `clean_text` (the character policy, docs/format.md "Characters"),
so the model, and with it every output, holds clean text; ids are ASCII by the schema.
"""

from __future__ import annotations

from typing import Any, overload

from journeymap.model import (
    BLUEPRINT_ROWS,
    BlueprintItem,
    Edge,
    EventSelector,
    JourneyMap,
    Link,
    Opportunity,
    PainPoint,
    Path_,
    Persona,
    Research,
    Stage,
    Step,
    Touchpoint,
)
from journeymap.text.clean import clean_text


@overload
def text(value: str) -> str: ...
@overload
def text(value: str | None) -> str | None: ...
def text(value: str | None) -> str | None:
    """One free text under the character policy; None stays None."""
    return None if value is None else clean_text(value)


def texts(value: str | list[str] | None) -> tuple[str, ...]:
    """`text-list` fields accept one text or a list of texts."""
    if value is None:
        return ()
    return (clean_text(value),) if isinstance(value, str) else tuple(map(clean_text, value))


def whole(value: Any) -> int | None:
    """Integer fields as int. JSON Schema counts 1.0 (and -0.0) as an integer, so the schema
    lets such floats through, but labels, scores and dots are looked up by the integer."""
    return None if value is None else int(value)


def persona_from(data: dict[str, Any], source: str | None = None) -> Persona:
    traits = data.get("traits") or {}
    return Persona(
        name=text(data["name"]),
        id=data.get("id"),
        role=text(data.get("role")),
        quote=text(data.get("quote")),
        bio=text(data.get("bio")),
        goals=texts(data.get("goals")),
        needs=texts(data.get("needs")),
        frustrations=texts(data.get("frustrations")),
        traits=tuple((clean_text(str(k)), clean_text(str(v))) for k, v in traits.items()),
        source=source,
    )


def journey_from(
    data: dict[str, Any],
    *,
    path: str,
    persona: Persona | None = None,
    based_on: JourneyMap | None = None,
    default_locale: str = "en",
    default_lanes: tuple[str, ...] | None = None,
) -> JourneyMap:
    lanes = data.get("lanes")
    return JourneyMap(
        kind=data["kind"],
        id=data["id"],
        title=text(data["title"]),
        stages=tuple(_stage(s, ("stages", i)) for i, s in enumerate(data["stages"])),
        path=path,
        locale=data.get("locale") or default_locale,
        persona=persona,
        scenario=text(data.get("scenario")),
        goals=texts(data.get("goals")),
        description=text(data.get("description")),
        owner=text(data.get("owner")),
        tags=tuple(map(clean_text, data.get("tags") or ())),
        updated=text(data.get("updated")),
        lanes=tuple(lanes) if lanes else default_lanes,
        based_on=based_on,
        links=tuple(_link(x, ("links", i)) for i, x in enumerate(data.get("links") or ())),
        research=tuple(_research(r) for r in data.get("research") or ()),
    )


def _stage(data: dict[str, Any], at: Path_) -> Stage:
    steps = data["steps"]
    return Stage(
        id=data["id"],
        steps=tuple(_step(s, (*at, "steps", i)) for i, s in enumerate(steps)),
        title=text(data.get("title")),
        phase=data.get("phase"),
        description=text(data.get("description")),
        at=at,
    )


def _step(data: dict[str, Any], at: Path_) -> Step:
    get = data.get
    rows = {row: _items(get(row), (*at, row)) for row in BLUEPRINT_ROWS if row in data}
    return Step(
        id=data["id"],
        action=text(data["action"]),
        title=text(get("title")),
        touchpoints=tuple(_touchpoint(tp) for tp in get("touchpoints") or ()),
        thoughts=texts(get("thoughts")),
        questions=texts(get("questions")),
        motivations=texts(get("motivations")),
        emotion=whole(get("emotion")),
        feeling=text(get("feeling")),
        pain_points=tuple(
            _pain(p, (*at, "pain_points", i)) for i, p in enumerate(get("pain_points") or ())
        ),
        opportunities=tuple(
            _opportunity(o, (*at, "opportunities", i))
            for i, o in enumerate(get("opportunities") or ())
        ),
        metrics={
            k: text(v) if isinstance(v, str) else v for k, v in (get("metrics") or {}).items()
        },
        moment_of_truth=bool(get("moment_of_truth", False)),
        next=None if "next" not in data else tuple(_edge(e) for e in data["next"] or ()),
        notes=text(get("notes")),
        time=text(get("time")),
        place=text(get("place")),
        status=get("status"),
        resolves=tuple(get("resolves") or ()),
        events=_events(get("events"), (*at, "events")),
        at=at,
        **rows,
    )


def _pain(data: dict[str, Any], at: Path_) -> PainPoint:
    return PainPoint(
        data["id"], text(data["text"]), whole(data.get("severity")), text(data.get("owner")), at
    )


def _opportunity(data: dict[str, Any], at: Path_) -> Opportunity:
    return Opportunity(
        data["id"],
        text(data["text"]),
        text(data.get("owner")),
        whole(data.get("impact")),
        tuple(data.get("addresses") or ()),
        at,
    )


def _edge(data: str | dict[str, Any]) -> Edge:
    if isinstance(data, str):
        return Edge(data)
    return Edge(data["to"], text(data.get("label")), data.get("share"))


def _items(data: list[Any] | None, at: Path_) -> tuple[BlueprintItem, ...]:
    return tuple(_item(x, (*at, i)) for i, x in enumerate(data or ()))


def _item(data: str | dict[str, Any], at: Path_) -> BlueprintItem:
    if isinstance(data, str):
        return BlueprintItem(text=clean_text(data), at=at)
    fail = data.get("fail_point", False)
    return BlueprintItem(
        text=clean_text(data["text"]),
        id=data.get("id"),
        owner=text(data.get("owner")),
        system=text(data.get("system")),
        fail_point=bool(fail),
        fail_note=clean_text(fail) if isinstance(fail, str) else None,
        wait=text(data.get("wait")),
        at=at,
    )


def _link(data: dict[str, Any], at: Path_) -> Link:
    return Link(
        data["from"], data["to"], text(data.get("label")), data.get("direction") == "two-way", at
    )


def _events(data: list[Any] | None, at: Path_) -> tuple[EventSelector, ...]:
    """A step's event binding: names become selectors without filters; a single `where`
    value becomes a one-value list, so every filter reads "any of"."""
    return tuple(_selector(x, (*at, i)) for i, x in enumerate(data or ()))


def _selector(data: str | dict[str, Any], at: Path_) -> EventSelector:
    if isinstance(data, str):
        return EventSelector(data, at=at)
    where = data.get("where") or {}
    filters = tuple(
        (str(column), tuple(value) if isinstance(value, list) else (value,))
        for column, value in sorted(where.items())
    )
    return EventSelector(data["event"], filters, at)


def _touchpoint(data: dict[str, Any]) -> Touchpoint:
    return Touchpoint(
        data["channel"], text(data.get("name")), data.get("id"), text(data.get("note"))
    )


def _research(data: dict[str, Any]) -> Research:
    """The url too: a link should go where its text says, not where hidden characters say."""
    return Research(text(data["title"]), text(data.get("url")), text(data.get("note")))
