"""Comparisons below the step: parts matched map-wide by id, and parts local to one step.

Pain points, opportunities and blueprint items with ids are unique in a map, so they are
matched across the whole map and a move between steps is seen as a move. Touchpoints,
metrics, `next` edges and blueprint items without ids belong to their step and are compared
only between the two versions of one step.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from journeymap.diff.changes import Change, Value, direction, frozen, plain
from journeymap.diff.order import renames
from journeymap.model import (
    BLUEPRINT_ROWS,
    BlueprintItem,
    Edge,
    JourneyMap,
    Link,
    Opportunity,
    PainPoint,
    Step,
)

Item = PainPoint | Opportunity | BlueprintItem


@dataclass(frozen=True, slots=True)
class Located:
    """A step with the id of the stage that holds it."""

    stage: str
    step: Step


@dataclass(frozen=True, slots=True)
class Owned:
    """An element with the stage, step and (for blueprint items) row that hold it."""

    stage: str
    step: str
    segment: str
    item: Item

    @property
    def path(self) -> str:
        return f"/stages/{self.stage}/steps/{self.step}/{self.segment}/{self.item.id}"


def compare_fields(
    old: object,
    new: object,
    names: Iterable[str],
    make: Callable[[str, str, Value, Value], Change],
) -> list[Change]:
    """A `changed` change for each named attribute whose content differs."""
    out = []
    for name in names:
        before, after = getattr(old, name), getattr(new, name)
        if frozen(before) != frozen(after):
            out.append(make("changed", name, plain(before), plain(after)))
    return out


def _values(item: Item) -> dict[str, Value]:
    """The compared fields of a map-wide element; a fail point is its note, else true/false."""
    if isinstance(item, PainPoint):
        return {"text": item.text, "severity": item.severity, "owner": item.owner}
    if isinstance(item, Opportunity):
        return {
            "text": item.text,
            "owner": item.owner,
            "impact": item.impact,
            "addresses": list(item.addresses),
        }
    return {
        "text": item.text,
        "owner": item.owner,
        "system": item.system,
        "fail_point": item.fail_note or item.fail_point,
        "wait": item.wait,
    }


def _owned(journey: JourneyMap, element: str) -> dict[str, Owned]:
    """Every element of one type that has an id, by id, in document order."""
    out: dict[str, Owned] = {}
    for stage, step in journey.steps():
        for segment, item in _parts(step, element):
            if item.id is not None and item.id not in out:
                out[item.id] = Owned(stage.id, step.id, segment, item)
    return out


def _parts(step: Step, element: str) -> Iterator[tuple[str, Item]]:
    if element == "pain_point":
        yield from (("pain_points", p) for p in step.pain_points)
    elif element == "opportunity":
        yield from (("opportunities", o) for o in step.opportunities)
    else:
        for row in BLUEPRINT_ROWS:
            yield from ((row, item) for item in step.blueprint_row(row))


def identified(old: JourneyMap, new: JourneyMap, step_map: Mapping[str, str]) -> list[Change]:
    """Pain points, opportunities and blueprint items with ids, matched across the map."""
    out: list[Change] = []
    for element in ("pain_point", "opportunity", "blueprint_item"):
        out.extend(_match(element, _owned(old, element), _owned(new, element), step_map))
    return out


def _match(
    element: str, old: dict[str, Owned], new: dict[str, Owned], step_map: Mapping[str, str]
) -> Iterator[Change]:
    gone = {k: frozen(_values(v.item)) for k, v in old.items() if k not in new}
    came = {k: frozen(_values(v.item)) for k, v in new.items() if k not in old}
    mapping = {k: k for k in old if k in new} | renames(gone, came)
    inverse = {v: k for k, v in mapping.items()}
    for key, here in new.items():
        old_key = inverse.get(key)
        if old_key is None:
            yield Change("added", element, key, here.path, None, None, _data(here), here.step)
            continue
        yield from _compare_owned(element, old[old_key], here, step_map)
    for key, there in old.items():
        if key not in mapping:
            step = step_map.get(there.step, there.step)
            yield Change("removed", element, key, there.path, None, _data(there), None, step)


def _compare_owned(
    element: str, there: Owned, here: Owned, step_map: Mapping[str, str]
) -> Iterator[Change]:
    key, path, step = here.item.id or "", here.path, here.step

    def change(kind: str, field: str, before: Value, after: Value) -> Change:
        return Change(kind, element, key, path, field, before, after, step)

    if there.item.id != key:
        yield change("renamed", "id", there.item.id, key)
    if step_map.get(there.step) != here.step:
        yield change("moved", "step", there.step, here.step)
    elif there.segment != here.segment:
        yield change("moved", "row", there.segment, here.segment)
    before, after = _values(there.item), _values(here.item)
    for name, value in after.items():
        if before[name] != value:
            found = change("changed", name, before[name], value)
            if name == "severity":
                turn = direction(before[name], value, higher_is_better=False)
                found = dataclasses.replace(found, direction=turn)
            yield found


def _data(owned: Owned) -> dict[str, Value]:
    data: dict[str, Value] = {"id": owned.item.id, **_values(owned.item), "step": owned.step}
    if isinstance(owned.item, BlueprintItem):
        data["row"] = owned.segment
    return data


def touchpoints(old: Step, new: Step, path: str) -> list[Change]:
    """Touchpoints matched by channel and name; a changed note or id is a change."""
    before = _first(((t.channel, t.name or ""), t) for t in old.touchpoints)
    after = _first(((t.channel, t.name or ""), t) for t in new.touchpoints)
    return _keyed(
        "touchpoint",
        before,
        after,
        lambda key: ":".join(part for part in key if part),
        lambda key: f"{path}/touchpoints/{':'.join(part for part in key if part)}",
        new.id,
        ("note", "id"),
    )


def metrics(old: Step, new: Step, path: str) -> list[Change]:
    """Metrics matched by name."""
    out = []
    for name, value in new.metrics.items():
        where = f"{path}/metrics/{name}"
        if name not in old.metrics:
            out.append(Change("added", "metric", name, where, None, None, value, new.id))
        elif old.metrics[name] != value:
            before = old.metrics[name]
            out.append(Change("changed", "metric", name, where, "value", before, value, new.id))
    for name, value in old.metrics.items():
        if name not in new.metrics:
            where = f"{path}/metrics/{name}"
            out.append(Change("removed", "metric", name, where, None, value, None, new.id))
    return out


def step_items(old: Step, new: Step, path: str) -> list[Change]:
    """Blueprint items without ids, matched by row and text within the step; a change
    names such an item `row:text`, which no id can be."""
    out: list[Change] = []
    for row in BLUEPRINT_ROWS:
        before = _first((i.text, i) for i in old.blueprint_row(row) if i.id is None)
        after = _first((i.text, i) for i in new.blueprint_row(row) if i.id is None)
        if before or after:
            name = f"{row}:".__add__
            where = f"{path}/{row}/".__add__
            fields = ("owner", "system", "fail_point", "fail_note", "wait")
            out.extend(_keyed("blueprint_item", before, after, name, where, new.id, fields, row))
    return out


def edges(old: Step, new: Step, path: str, step_map: Mapping[str, str]) -> list[Change]:
    """Explicit `next` edges matched by target (renamed targets followed)."""
    before = _first((step_map.get(e.to, e.to), e) for e in old.next or ())
    after = _first((e.to, e) for e in new.next or ())
    return _keyed(
        "edge",
        before,
        after,
        lambda to: f"{new.id}->{to}",
        lambda to: f"{path}/next/{to}",
        new.id,
        ("label", "share"),
    )


def links(old: Sequence[Link], new: Sequence[Link]) -> list[Change]:
    """Blueprint links matched by their two ends."""
    before = _first(((x.source, x.target), x) for x in old)
    after = _first(((x.source, x.target), x) for x in new)
    return _keyed(
        "link",
        before,
        after,
        lambda key: f"{key[0]}->{key[1]}",
        lambda key: f"/links/{key[0]}->{key[1]}",
        None,
        ("label", "two_way"),
    )


def _first(pairs: Iterable[tuple[Any, Any]]) -> dict[Any, Any]:
    """Keyed elements in document order; the first of two with one key wins."""
    out: dict[Any, Any] = {}
    for key, value in pairs:
        out.setdefault(key, value)
    return out


def _keyed(
    element: str,
    before: Mapping[Any, BlueprintItem | Edge | Link | Any],
    after: Mapping[Any, Any],
    name: Callable[[Any], str],
    where: Callable[[Any], str],
    step: str | None,
    fields: Sequence[str],
    row: str | None = None,
) -> list[Change]:
    """Added, removed and changed elements of two keyed collections (in document order)."""
    out: list[Change] = []
    extra = {"row": row} if row else {}
    for key in after:
        value = after[key]
        if key not in before:
            data = {**plain(value), **extra}
            out.append(Change("added", element, name(key), where(key), None, None, data, step))
            continue
        for field in fields:
            old_value, new_value = getattr(before[key], field), getattr(value, field)
            if old_value != new_value:
                out.append(
                    Change(
                        "changed",
                        element,
                        name(key),
                        where(key),
                        field,
                        plain(old_value),
                        plain(new_value),
                        step,
                    )
                )
    for key in before:
        if key not in after:
            data = {**plain(before[key]), **extra}
            out.append(Change("removed", element, name(key), where(key), None, data, None, step))
    return out
