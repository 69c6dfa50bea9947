"""CSV cells back into map values: the inverse of each column of the CSV export.

Each reader gets a cell that is not blank (the formula guard already removed) and returns
the value for the step, or None to leave the key out; `ItemError` says what is wrong.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from journeymap.interchange import items
from journeymap.interchange.ids import shortest
from journeymap.interchange.items import ItemError
from journeymap.interchange.yamlout import FlowList
from journeymap.model import BLUEPRINT_ROWS


def _text(cell: str) -> str:
    return cell


def _stripped(cell: str) -> str:
    return cell.strip()


def _emotion(cell: str) -> int:
    return items.read_int(cell, -2, 2)


def _flag(cell: str) -> bool | None:
    word = cell.strip().lower()  # spreadsheets write TRUE and FALSE
    if word not in ("true", "false"):
        raise ItemError(f"{cell.strip()[:60]!r} should be true, false or empty")
    return True if word == "true" else None


def _texts(cell: str) -> list[str]:
    return [items.unescape(line) for line in items.lines(cell)]


def _ids(cell: str) -> list[str]:
    return FlowList(part.strip() for part in cell.split(",") if part.strip())


def _touchpoints(cell: str) -> list[dict[str, Any]]:
    found = []
    for line in items.lines(cell):
        head, fields = items.parse_item(line, ("id", "note"))
        channel, colon, name = head.partition(":")
        touchpoint: dict[str, Any] = {"channel": channel.strip()}
        if colon:
            touchpoint["name"] = name[1:] if name.startswith(" ") else name
        if "id" in fields:
            touchpoint["id"] = fields["id"].strip()
        if "note" in fields:
            touchpoint["note"] = fields["note"]
        found.append(touchpoint)
    return found


def _pain_points(cell: str) -> list[dict[str, Any]]:
    found = []
    for line in items.lines(cell):
        text, fields = items.parse_item(line, ("id", "severity", "owner"))
        pain: dict[str, Any] = {"id": fields.get("id", "").strip(), "text": text}
        if "severity" in fields:
            pain["severity"] = items.read_int(fields["severity"], 1, 5)
        if "owner" in fields:
            pain["owner"] = fields["owner"]
        found.append(pain)
    return found


def _opportunities(cell: str) -> list[dict[str, Any]]:
    found = []
    for line in items.lines(cell):
        text, fields = items.parse_item(line, ("id", "owner", "impact", "addresses"))
        idea: dict[str, Any] = {"id": fields.get("id", "").strip(), "text": text}
        if "owner" in fields:
            idea["owner"] = fields["owner"]
        if "impact" in fields:
            idea["impact"] = items.read_int(fields["impact"], 1, 5)
        if "addresses" in fields:
            idea["addresses"] = _ids(fields["addresses"])
        found.append(idea)
    return found


def _metrics(cell: str) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for line in items.lines(cell):
        name, colon, value = line.partition(":")
        name = name.strip()
        if not colon:
            raise ItemError(f"metric {line[:60]!r} should be `name: value`")
        if name in found:
            raise ItemError(f"metric {name[:60]!r} is given twice")
        found[name] = items.read_number_or_text(items.unescape(value.strip()))
    return found


def _blueprint_items(cell: str) -> list[str | dict[str, Any]]:
    keys = ("id", "owner", "system", "fail_point", "wait")
    found: list[str | dict[str, Any]] = []
    for line in items.lines(cell):
        text, fields = items.parse_item(line, keys)
        if not fields:
            found.append(text)
            continue
        entry: dict[str, Any] = {"id": fields["id"].strip()} if "id" in fields else {}
        entry["text"] = text
        for key in keys[1:]:
            if key in fields:
                entry[key] = fields[key]
        if "fail_point" in entry:
            entry["fail_point"] = _fail_point(entry["fail_point"])
        found.append(entry)
    return found


def _fail_point(value: str) -> bool | str:
    if value in ("true", "false"):
        return value == "true"
    return items.read_text(value)


def _events(cell: str) -> list[str | dict[str, Any]]:
    found: list[str | dict[str, Any]] = []
    for line in items.lines(cell):
        event, fields = items.parse_item(line, ("where",))
        if "where" not in fields:
            found.append(event.strip())
            continue
        try:
            where = items.read_json(fields["where"])
        except ValueError as exc:
            why = str(exc).split(":")[0]
            raise ItemError(f"where {fields['where'][:60]!r} is not JSON ({why})") from None
        found.append({"event": event.strip(), "where": where})
    return found


def _next(cell: str) -> list[str | dict[str, Any]]:
    if cell.strip() == items.END:
        return []
    found: list[str | dict[str, Any]] = []
    for line in items.lines(cell):
        target, fields = items.parse_item(line, ("label", "share"))
        if not fields:
            found.append(target.strip())
            continue
        edge: dict[str, Any] = {"to": target.strip()}
        if "label" in fields:
            edge["label"] = fields["label"]
        if "share" in fields:
            edge["share"] = items.read_number(fields["share"])
        found.append(edge)
    return found


READERS: dict[str, Callable[[str], Any]] = {
    "step_id": _stripped,
    "title": _text,
    "time": _stripped,
    "place": _text,
    "action": _text,
    "status": _stripped,
    "resolves": _ids,
    "events": _events,
    "touchpoints": _touchpoints,
    "thoughts": _texts,
    "questions": _texts,
    "motivations": _texts,
    "emotion": _emotion,
    "feeling": _text,
    "pain_points": _pain_points,
    "opportunities": _opportunities,
    "metrics": _metrics,
    "moment_of_truth": _flag,
    **dict.fromkeys(BLUEPRINT_ROWS, _blueprint_items),
    "next": _next,
    "notes": _text,
}
"""Step columns and their readers, in the order the keys are written to the map."""


def read_cell(column: str, cell: str) -> Any:
    """The value of a non-blank cell; None (or an empty list) leaves the key out."""
    value = READERS[column](cell)
    return value if value != [] or column == "next" else None


_PLAIN = ("title", "action", "time", "place", "status", "feeling", "notes")
_NOT_ITEMS = frozenset((*_PLAIN, "step_id", "moment_of_truth"))


def sizes(values: dict[str, str]) -> tuple[int, int]:
    """A row's text for the size budget: item cells may shrink (escapes), plain text and
    the id cannot. Stage cells are written once per stage, a `false` flag not at all."""
    exact = sum(len(values.get(c, "").strip()) for c in _PLAIN)
    given = values.get("step_id", "").strip()
    label = next((values[c] for c in ("title", "action") if values.get(c, "").strip()), "")
    exact += len(given) if given else shortest(label, "step")
    items = sum(len(values.get(c, "").strip()) for c in READERS if c not in _NOT_ITEMS)
    return items, exact
