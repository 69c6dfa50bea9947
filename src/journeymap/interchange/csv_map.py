"""The map's own fields in a CSV file: columns after the step columns, on the first row.

    map_id, map_kind, map_title, map_locale, map_based_on, map_description, map_owner,
    map_tags, map_updated, map_scenario, map_goals, map_lanes, map_links, map_research,
    persona_id, persona_name, persona_role, persona_quote, persona_bio, persona_goals,
    persona_needs, persona_frustrations, persona_traits

- The export fills them on the first row only; the import takes them from any row, and two
  rows may not disagree (as with the stage columns).
- Lists hold one item per line (`items.py`): tags, goals, lanes, persona goals, needs and
  frustrations as texts; traits `name: value` (a name holding `:` in JSON quotes); links
  `from -> to [label: …; direction: two-way]`; research `title [url: …; note: …]`.
- A persona file is written inline, with its id (`persona_id`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from journeymap.interchange import items
from journeymap.interchange.items import ItemError
from journeymap.interchange.source_data import map_fields
from journeymap.model import JourneyMap

Data = dict[str, Any]
MAP_KEYS = (
    "id",
    "kind",
    "title",
    "locale",
    "based_on",
    "description",
    "owner",
    "tags",
    "updated",
    "scenario",
    "goals",
    "lanes",
    "links",
    "research",
)
PERSONA_KEYS = (
    "id",
    "name",
    "role",
    "quote",
    "bio",
    "goals",
    "needs",
    "frustrations",
    "traits",
)
MAP_COLUMNS = (*(f"map_{k}" for k in MAP_KEYS), *(f"persona_{k}" for k in PERSONA_KEYS))
_TEXT_LISTS = frozenset({"tags", "goals", "lanes", "needs", "frustrations"})


# --- export -------------------------------------------------------------------------------


def map_cells(journey: JourneyMap) -> dict[str, str]:
    """Every map column's cell (unguarded text) for the first row."""
    data = map_fields(journey)
    persona: Data = data.get("persona") or {}
    cells = {f"map_{key}": _cell(key, data.get(key)) for key in MAP_KEYS}
    cells |= {f"persona_{key}": _cell(key, persona.get(key)) for key in PERSONA_KEYS}
    return cells


def _cell(key: str, value: Any) -> str:
    if value is None:
        return ""
    if key in _TEXT_LISTS:
        return "\n".join(items.escape_text(text) for text in value)
    if key == "links":
        return "\n".join(_link(link) for link in value)
    if key == "research":
        return "\n".join(
            items.item(r["title"], [("url", r.get("url")), ("note", r.get("note"))]) for r in value
        )
    if key == "traits":
        return "\n".join(f"{_trait_name(k)}: {items.escape_text(v)}" for k, v in value.items())
    return str(value)


def _link(link: Data) -> str:
    details = [("label", link.get("label")), ("direction", link.get("direction"))]
    return items.item(f"{link['from']} -> {link['to']}", details)


def _trait_name(name: str) -> str:
    plain = ":" not in name and not name.startswith('"') and name == name.strip() and name
    return name if plain else json.dumps(name, ensure_ascii=False)


# --- import -------------------------------------------------------------------------------


def read_map_cell(column: str, cell: str) -> Any:
    """The value of a non-blank map or persona cell; `ItemError` says what is wrong."""
    key = column.split("_", 1)[1]
    return _READERS.get(key, _text)(cell)


def map_values(values: dict[str, Any]) -> tuple[Data, Data | None]:
    """Map fields and the inline persona (None without one) from the columns' values."""
    fields = {key: values[f"map_{key}"] for key in MAP_KEYS if f"map_{key}" in values}
    persona = {key: values[f"persona_{key}"] for key in PERSONA_KEYS if f"persona_{key}" in values}
    return fields, persona or None


def _text(cell: str) -> str:
    return cell


def _stripped(cell: str) -> str:
    return cell.strip()


def _texts(cell: str) -> list[str]:
    return [items.unescape(line) for line in items.lines(cell)]


def _links(cell: str) -> list[Data]:
    found = []
    for line in items.lines(cell):
        head, fields = items.parse_item(line, ("label", "direction"))
        source, arrow, target = head.partition("->")
        if not arrow or not source.strip() or not target.strip():
            raise ItemError(f"link {head[:60]!r} should be `from -> to`")
        link: Data = {"from": source.strip(), "to": target.strip()}
        link |= {key: fields[key].strip() if key == "direction" else fields[key] for key in fields}
        found.append(link)
    return found


def _research(cell: str) -> list[Data]:
    found = []
    for line in items.lines(cell):
        title, fields = items.parse_item(line, ("url", "note"))
        found.append({"title": title, **fields})
    return found


def _traits(cell: str) -> Data:
    found: Data = {}
    for line in items.lines(cell):
        name, value = _trait(line)
        if name in found:
            raise ItemError(f"trait {name[:60]!r} is given twice")
        found[name] = items.unescape(value)
    return found


def _trait(line: str) -> tuple[str, str]:
    """`name: value`; the name in JSON quotes when it holds `:` (see `_trait_name`)."""
    if line.startswith('"'):
        try:
            name, end = json.JSONDecoder().raw_decode(line)
        except ValueError:
            raise ItemError(f"trait {line[:60]!r} starts with a quote but no quoted name") from None
        rest = line[end:]
    else:
        name, colon, value = line.partition(":")
        name, rest = name.strip(), colon + value
    if not isinstance(name, str) or not rest.startswith(":"):
        raise ItemError(f"trait {line[:60]!r} should be `name: value`")
    return name, rest[2:] if rest.startswith(": ") else rest[1:]


_READERS: dict[str, Callable[[str], Any]] = {
    "id": _stripped,
    "kind": _stripped,
    "locale": _stripped,
    "based_on": _stripped,
    "tags": _texts,
    "goals": _texts,
    "lanes": _texts,
    "needs": _texts,
    "frustrations": _texts,
    "links": _links,
    "research": _research,
    "traits": _traits,
}
