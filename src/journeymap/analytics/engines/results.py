"""`measure --from-results FILE`: the rows the emitted query returned, saved by a warehouse
as CSV, JSON (an array of objects) or JSON Lines, back into the measures of the map.

Rows are (part, v1..v5) as text; `setting` rows name the map, table and limits the query
was emitted with, so the measures record exactly what was measured. The rows go through the
same assembly as every engine's (journeymap.analytics.assemble).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from journeymap import __version__
from journeymap.analytics.assemble import iso_time, map_measures
from journeymap.analytics.binding import bind
from journeymap.analytics.engines.emit import WIDTH
from journeymap.analytics.errors import AnalyticsError
from journeymap.analytics.measures import Measures, Period, Settings, SourceInfo
from journeymap.model import JourneyMap

Rows = list[tuple[Any, ...]]
PARTS = (
    "checks", "totals", "steps", "gaps", "pairs", "coverage", "unclaimed",
    "variant_totals", "variants", "funnel",
)  # fmt: skip


def read_results(path: Path) -> tuple[dict[str, str], dict[str, Rows]]:
    """(settings, rows by part) from a saved result file; any flaw is one line."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise AnalyticsError(f"{path}: cannot read the results: {error}") from None
    records = _records(path, text)
    settings: dict[str, str] = {}
    parts: dict[str, Rows] = {name: [] for name in PARTS}
    for number, record in enumerate(records, start=1):
        part = record[0]
        if part == "setting":
            settings[str(record[1])] = "" if record[2] is None else str(record[2])
        elif part in parts:
            parts[part].append(_trim(part, record[1:]))
        else:
            raise AnalyticsError(f"{path}: row {number}: unknown part {part!r}")
    for needed in ("map", "window_seconds", "min_cases", "case", "event", "time"):
        if needed not in settings:
            raise AnalyticsError(
                f"{path}: no {needed!r} setting row; save every row the --emit-sql query returns"
            )
    for name in ("checks", "totals", "coverage", "variant_totals"):
        if len(parts[name]) != 1:
            raise AnalyticsError(f"{path}: expected one {name!r} row, found {len(parts[name])}")
    parts["variants"].sort(key=lambda r: (-int(r[1]), str(r[0])))
    parts["unclaimed"].sort(key=lambda r: (-int(r[1]), str(r[0])))
    parts["funnel"].sort(key=lambda r: int(r[0]))
    return settings, parts


_WIDTHS = {"checks": 5, "totals": 4, "steps": 5, "gaps": 3, "pairs": 4, "coverage": 4,
           "unclaimed": 2, "variant_totals": 4, "variants": 3, "funnel": 3}  # fmt: skip


def _trim(part: str, values: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple(values[: _WIDTHS[part]])


def _records(path: Path, text: str) -> list[tuple[Any, ...]]:
    stripped = text.lstrip()
    try:
        if stripped.startswith("["):
            return [_from_object(o) for o in json.loads(stripped)]
        if stripped.startswith("{"):
            return [_from_object(json.loads(line)) for line in text.splitlines() if line.strip()]
    except (json.JSONDecodeError, AttributeError, TypeError) as error:
        raise AnalyticsError(f"{path}: not a JSON result file: {error}") from None
    return _from_csv(path, text)


def _from_object(record: dict[str, Any]) -> tuple[Any, ...]:
    lowered = {str(k).lower(): v for k, v in record.items()}
    return (_text(lowered.get("part")), *(_text(lowered.get(f"v{i}")) for i in range(1, WIDTH + 1)))


def _from_csv(path: Path, text: str) -> list[tuple[Any, ...]]:
    reader = csv.reader(io.StringIO(text))
    header = [h.strip().lower() for h in next(reader, [])]
    wanted = ["part", *(f"v{i}" for i in range(1, WIDTH + 1))]
    if header[: len(wanted)] != wanted:
        raise AnalyticsError(
            f"{path}: not a result file: the header must be {','.join(wanted)} (CSV) or JSON rows"
        )
    # A CSV cannot tell an empty text from NULL; no result value is an empty text.
    return [tuple(v if v != "" else None for v in row[: len(wanted)]) for row in reader if row]


def _text(value: Any) -> Any:
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value)


def measures_from_results(journeys: list[tuple[JourneyMap, str]], path: Path) -> Measures:
    """The measures file the engines would write, from a warehouse's saved rows."""
    settings, parts = read_results(path)
    wanted = settings["map"]
    bound = [bind(j, None, shown) for j, shown in journeys]
    match = [b for b in bound if b.id == wanted]
    if not match:
        found = ", ".join(b.id for b in bound)
        raise AnalyticsError(f"{path}: the results are of map {wanted!r}, not of {found}")
    funnel = tuple(s for s in settings.get("path", "").split(",") if s) or None
    one = bind(next(j for j, _ in journeys if j.id == wanted), funnel, match[0].path)
    window, min_cases = int(settings["window_seconds"]), int(settings["min_cases"])
    if int(parts["checks"][0][0] or 0) == 0:
        raise AnalyticsError(f"{path}: the log was empty (no events)")
    measured = map_measures(one, parts, window_seconds=window, min_cases=min_cases)
    first, last = (int(t) if t is not None else None for t in parts["totals"][0][2:4])
    return Measures(
        generator=f"journeymap {__version__}",
        source=SourceInfo(settings.get("dialect", "sql"), settings.get("table", "")),
        settings=Settings(
            settings["case"],
            settings["event"],
            settings["time"],
            settings.get("order") or None,
            settings.get("timezone", "UTC"),
            window,
            min_cases,
        ),
        period=Period(iso_time(first), iso_time(last)),
        events=int(parts["coverage"][0][0] or 0),
        maps={one.id: measured},
    )
