"""CSV import: rows in the columns of the CSV export (`csv_format.py`) back into a map.

- A header row is required. It may name any of the export's columns, in any order, and
  must name `action` and `stage_id` or `stage_title`; an unknown column is an error.
- A row whose stage cells are empty continues the stage of the row above (as spreadsheets
  with merged cells are saved); the rows of one stage must be together.
- `step` is ignored (steps are numbered by their order). An empty `step_id` is made from
  the title or the action; an empty `stage_id` from the stage title.
- The map's own columns (`map_…`, `persona_…`) may be on any row; two rows may not
  disagree. Without `map_id` and `map_title` the id and title come from the file name.
- The kind of map is `map_kind`, else follows from the columns that hold values: `time` or
  `place` make a day-in-the-life map, `status` or `resolves` a future-state map,
  `evidence`, `frontstage`, `backstage` or `support` a service blueprint, none of them a
  current-state map.
- A row with stage cells and no step cell is a stage without steps. A `stage_title` that
  is the built-in title of its lifecycle stage (as the export writes it) is left out.
- Scores may be written `+1`.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from journeymap.i18n import Labels, labels
from journeymap.interchange.csv_cells import READERS, read_cell, sizes
from journeymap.interchange.csv_format import COLUMNS, unguard
from journeymap.interchange.csv_map import MAP_COLUMNS, map_values, read_map_cell
from journeymap.interchange.csv_records import Records
from journeymap.interchange.ids import Ids
from journeymap.interchange.items import ItemError
from journeymap.interchange.places import (
    MAX_STAGES,
    MAX_STEPS_PER_STAGE,
    Budget,
    Imported,
    Places,
    Pointer,
    Problems,
)
from journeymap.model import BLUEPRINT_ROWS, PHASES

_KIND_OF = {
    "time": "day-in-the-life",
    "place": "day-in-the-life",
    "status": "future-state",
    "resolves": "future-state",
    **dict.fromkeys(BLUEPRINT_ROWS, "service-blueprint"),
}
_STAGE_FIELDS = ("title", "phase", "description")
ROW_BYTES = len("      - id: \n        action: \n")
"""The YAML of a step beyond its texts: the smallest row is an id and an action."""


@dataclass
class _Row:
    index: int
    line: int
    cells: dict[str, str]


@dataclass
class _Stage:
    row: _Row
    id: str | None
    fields: dict[str, tuple[str, _Row]] = field(default_factory=dict)
    rows: list[_Row] = field(default_factory=list)

    @property
    def title(self) -> str | None:
        return self.fields["title"][0] if "title" in self.fields else None


def parse_csv(text: str, display: str, *, map_id: str, title: str) -> Imported:
    """The map data of a CSV export; raises ImportFailed with located problems."""
    return _Reader(text, display).read(map_id, title)


class _Reader:
    """One pass per concern (header, rows, stages, kind, steps), each adding problems, so
    a file with several mistakes reports them all at once."""

    def __init__(self, text: str, display: str) -> None:
        self.problems = Problems(display)
        self.records = Records(text, self.problems)
        self.budget = Budget(self.problems, ROW_BYTES)
        self.places = Places(self.records.locate)
        self.columns: dict[str, int] = {}
        self._texts: Labels = labels("en")

    def read(self, map_id: str, title: str) -> Imported:
        records = iter(self.records)
        header = next(records, None)
        if header is None:
            self.problems.stop(1, 1, "JM404", "the file is empty; a header row is required")
        self._header(header[1])
        rows = self._rows(records)
        if not rows and not self.problems.items:
            self.problems.stop(1, 1, "JM404", "the file has a header but no rows of steps")
        stages = self._stages(rows)
        fields, persona = self._map_fields(rows)
        kind = fields.pop("kind", None) or self._kind(rows)
        self.problems.raise_any()
        data: dict[str, Any] = {"journeymap": 1, "kind": kind, "id": map_id, "title": title}
        data |= fields
        if persona is not None:
            data["persona"] = persona
        self._texts = labels(data["locale"] if isinstance(data.get("locale"), str) else "en")
        data["stages"] = self._build(stages)
        self.problems.raise_any()
        return Imported(data, self.places)

    def _map_fields(self, rows: list[_Row]) -> tuple[dict[str, Any], dict[str, Any] | None]:
        """The map and persona columns: any row may give them, no two rows may differ."""
        given: dict[str, tuple[str, _Row]] = {}
        values: dict[str, Any] = {}
        for row in rows:
            for column in MAP_COLUMNS:
                cell = row.cells.get(column, "")
                if not cell.strip():
                    continue
                spot = (row.index, self._column(column))
                if column in given:
                    if given[column][0] != cell:
                        line = given[column][1].line
                        message = f"{column} {cell[:60]!r} differs from the one on line {line}"
                        self._add(spot, "JM408", message)
                    continue
                given[column] = (cell, row)
                try:
                    values[column] = read_map_cell(column, cell)
                except ItemError as exc:
                    self._add(spot, "JM405", f"{column}: {exc}")
                    continue
                key = column.split("_", 1)[1]
                pointer = (key,) if column.startswith("map_") else ("persona", key)
                self.places.put(pointer, spot)
        return map_values(values)

    def _header(self, cells: list[str]) -> None:
        names = [cell.strip() for cell in cells]
        self._delimiter(names)
        for index, name in enumerate(names):
            if name not in COLUMNS:
                close = difflib.get_close_matches(name, COLUMNS, n=1)
                hint = (
                    f"did you mean {close[0]!r}?" if close else "the columns of `export --to csv`"
                )
                self._add((0, index), "JM404", f"unknown column {name[:60]!r}", hint)
            elif name in self.columns:
                self._add((0, index), "JM404", f"column {name!r} appears twice")
            else:
                self.columns[name] = index
        if "action" not in self.columns:
            self._add((0, 0), "JM404", "the header has no `action` column")
        if "stage_id" not in self.columns and "stage_title" not in self.columns:
            self._add((0, 0), "JM404", "the header needs a `stage_id` or `stage_title` column")
        self.problems.raise_any()

    def _delimiter(self, names: list[str]) -> None:
        """Spreadsheets in many locales save `;`- or tab-separated files as CSV."""
        for separator, name in ((";", "semicolons"), ("\t", "tabs")):
            parts = [part.strip() for part in names[0].split(separator)] if names else []
            if len(names) == 1 and len(set(parts) & set(COLUMNS)) > 1:
                hint = "save it as comma-separated CSV (in Excel: CSV UTF-8)"
                message = f"the cells are separated by {name}, not commas"
                self.problems.stop(1, len(parts[0]) + 1, "JM404", message, hint)

    def _rows(self, records: Iterator[tuple[int, list[str]]]) -> list[_Row]:
        rows = []
        width = len(self.columns)
        for index, cells in records:
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) > width:
                message = f"the row has {len(cells)} cells, the header {width}"
                self._add((index, width), "JM406", message)
                continue
            values = {name: _cell(cells[i]) for name, i in self.columns.items() if i < len(cells)}
            line = self.records.line(index)
            self.budget.spend(*sizes(values), line, 1)
            rows.append(_Row(index, line, values))
        return rows

    def _stages(self, rows: list[_Row]) -> list[_Stage]:
        """Rows grouped into stages by their stage cells; empty cells continue the stage."""
        stages: list[_Stage] = []
        known: dict[tuple[str, str], _Stage] = {}
        for row in rows:
            key = _stage_key(row)
            current = stages[-1] if stages else None
            if key is None and current is None:
                self._add((row.index, 0), "JM405", "the first row needs a stage_id or stage_title")
                continue
            if key is not None and (current is None or not _same(current, key)):
                if key in known:
                    started = known[key].row.line
                    message = f"stage {key[1][:60]!r} started on line {started}"
                    message += "; the rows of a stage must be together"
                    self._add((row.index, self._column(key[0])), "JM408", message)
                    continue
                if len(stages) >= MAX_STAGES:
                    self.problems.stop(row.line, 1, "JM411", f"more than {MAX_STAGES} stages")
                current = _Stage(row, key[1] if key[0] == "stage_id" else None)
                stages.append(current)
            assert current is not None
            self._stage_fields(current, row)
            for column in ("stage_id", "stage_title"):
                value = (current.id if column == "stage_id" else current.title) or ""
                if value:
                    known.setdefault((column, value), current)
            if len(current.rows) >= MAX_STEPS_PER_STAGE:
                message = f"a stage has more than {MAX_STEPS_PER_STAGE:,} steps"
                self.problems.stop(row.line, 1, "JM411", message)
            if any(row.cells.get(column, "").strip() for column in READERS):
                current.rows.append(row)  # else a row of a stage without steps
        return stages

    def _stage_fields(self, stage: _Stage, row: _Row) -> None:
        """The stage's title, phase and description: any row may give them, none may differ."""
        for name in _STAGE_FIELDS:
            value = row.cells.get(f"stage_{name}", "")
            value = value.strip() if name == "phase" else value
            if not value.strip():
                continue
            given = stage.fields.setdefault(name, (value, row))
            if given[0] != value:
                message = (
                    f"stage {name} {value[:60]!r} differs from {given[0][:60]!r}"
                    f" on line {given[1].line}"
                )
                self._add((row.index, self._column(f"stage_{name}")), "JM408", message)

    def _kind(self, rows: list[_Row]) -> str:
        """The kind whose own columns hold values; the CSV has no `kind` of its own."""
        found: dict[str, tuple[str, _Row]] = {}
        for row in rows:
            for column, kind in _KIND_OF.items():
                if kind not in found and row.cells.get(column, "").strip():
                    found[kind] = (column, row)
        if len(found) > 1:
            (first, (column, row)), (second, (other, later)) = sorted(
                found.items(), key=lambda entry: entry[1][1].index
            )[:2]
            message = (
                f"{other!r} belongs in {second} maps, but {column!r} on line {row.line}"
                f" belongs in {first} maps"
            )
            self._add((later.index, self._column(other)), "JM410", message)
        return next(iter(found), "current-state")

    def _build(self, stages: list[_Stage]) -> list[dict[str, Any]]:
        """The stages as map data; ids made up for stages and steps only where none is given."""
        step_ids = Ids("step", self._explicit_step_ids(stages))
        count = 0
        stage_ids = Ids("stage", {stage.id for stage in stages if stage.id})
        built = []
        for number, stage in enumerate(stages):
            pointer: Pointer = ("stages", number)
            first = "stage_id" if stage.id else "stage_title"
            self.places.put(pointer, (stage.row.index, self._column(first)))
            ident = stage.id or stage_ids.new(stage.title or "", number + 1)
            entry: dict[str, Any] = {"id": ident}
            for name in _STAGE_FIELDS:
                if name in stage.fields:
                    value, row = stage.fields[name]
                    entry[name] = value
                    self.places.put((*pointer, name), (row.index, self._column(f"stage_{name}")))
            if "title" not in entry and ident not in PHASES:
                entry["title"] = ident.replace("-", " ").capitalize()
            elif ident in PHASES and entry.get("title") == self._texts[f"phase.{ident}"]:
                del entry["title"]  # the built-in title the export shows: the page reads the same
            entry["steps"] = []
            for index, row in enumerate(stage.rows):
                count += 1
                entry["steps"].append(self._step(row, (*pointer, "steps", index), step_ids, count))
            built.append(entry)
        return built

    def _explicit_step_ids(self, stages: list[_Stage]) -> set[str]:
        """The ids the rows give, known before any is made up, so made-up ids never clash."""
        seen: dict[str, _Row] = {}
        for stage in stages:
            for row in stage.rows:
                ident = row.cells.get("step_id", "").strip()
                if ident in seen:
                    message = f"step id {ident!r} is already used on line {seen[ident].line}"
                    self._add((row.index, self._column("step_id")), "JM409", message)
                elif ident:
                    seen[ident] = row
        return set(seen)

    def _step(self, row: _Row, pointer: Pointer, ids: Ids, number: int) -> dict[str, Any]:
        """One row as a step, keys in the order people write them; a bad cell is reported."""
        self.places.put(pointer, (row.index, 0))
        step: dict[str, Any] = {}
        for column in READERS:
            cell = row.cells.get(column, "")
            if not cell.strip():
                continue
            spot = (row.index, self._column(column))
            try:
                value = read_cell(column, cell)
            except ItemError as exc:
                self._add(spot, "JM405", f"{column}: {exc}")
                continue
            if value is not None:
                key = "id" if column == "step_id" else column
                step[key] = value
                self.places.put((*pointer, key), spot)
        if "id" not in step:
            label = str(step.get("title") or step.get("action") or "")
            step = {"id": ids.new(label, number), **step}
        return step

    def _column(self, name: str) -> int:
        return self.columns.get(name, 0)

    def _add(self, spot: tuple[int, int], code: str, message: str, hint: str | None = None) -> None:
        if not self.problems.full():
            self.problems.add(*self.records.locate(spot), code, message, hint)


def _cell(raw: str) -> str:
    """A cell as text: the formula guard removed, line breaks as in YAML."""
    return unguard(raw).replace("\r\n", "\n").replace("\r", "\n")


def _stage_key(row: _Row) -> tuple[str, str] | None:
    ident = row.cells.get("stage_id", "").strip()
    if ident:
        return ("stage_id", ident)
    title = row.cells.get("stage_title", "")
    return ("stage_title", title) if title.strip() else None


def _same(stage: _Stage, key: tuple[str, str]) -> bool:
    return (stage.id if key[0] == "stage_id" else stage.title) == key[1]
