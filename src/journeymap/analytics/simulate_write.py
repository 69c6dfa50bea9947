"""Writing a simulated log: Parquet, CSV or JSON Lines, chosen by the file's extension.

The integer columns go to DuckDB through a temporary CSV (much faster than binding Python
lists), and one `COPY ... TO` turns indexes into names, seconds into UTC timestamps and
orders the rows by arrival, so the file is written whole, deterministically, by DuckDB.
Names and values from the map reach SQL only as bound parameters, never as SQL text.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from journeymap.analytics.simulate import Log
from journeymap.analytics.simulate_plan import Plan, WhereValue
from journeymap.output import publish

FORMATS = {".parquet": "parquet", ".csv": "csv", ".jsonl": "json", ".ndjson": "json"}
BASE_COLUMNS = ("user_id", "event", "timestamp", "seq")
ISO = "%Y-%m-%dT%H:%M:%SZ"


class WriteError(Exception):
    """The log cannot be written (an unknown extension, a clashing column, an OS error)."""


def format_for(path: Path) -> str:
    found = FORMATS.get(path.suffix.lower())
    if found is None:
        known = ", ".join(FORMATS)
        raise WriteError(f"cannot tell the format of {path.name}: end it in one of {known}")
    return found


def write_log(logs: Iterable[Log], plan: Plan, path: Path) -> int:
    """Write atomically: DuckDB writes a temporary file beside `path`, renamed when whole.
    Returns the number of events. DuckDB sorts out of core, so a large log fits in memory."""
    kind = format_for(path)
    _check_columns(plan.columns)
    import duckdb

    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="journeymap-simulate-") as scratch:
        rows = Path(scratch) / "rows.csv"
        with rows.open("w", encoding="ascii", newline="\n") as handle:
            events = sum(_write_rows(log, len(plan.columns), handle) for log in logs)
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(fd)
        try:
            connection = duckdb.connect(config=_settings(scratch))
            try:
                sql, parameters = _copy(plan, rows, Path(temporary), kind)
                connection.execute(sql, parameters)
            except duckdb.Error as error:
                reason = " ".join(str(error).split())[:200]
                raise WriteError(f"cannot write {path}: {reason}") from None
            finally:
                connection.close()
            os.chmod(temporary, 0o644)
            publish(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
    return events


def _settings(scratch: str) -> dict[str, str | bool | int | float | list[str]]:
    """One thread, so the bytes never depend on scheduling; sorting spills to `scratch`."""
    return {"threads": 1, "memory_limit": "1GB", "temp_directory": scratch}


def _check_columns(columns: tuple[str, ...]) -> None:
    for name in columns:
        if name in BASE_COLUMNS:
            raise WriteError(f"a binding filters on column {name!r}, which the log itself uses")


def _write_rows(log: Log, columns: int, handle: TextIO) -> int:
    """One line of integers per row; where-values only on the few rows that have them."""
    blank = "," * columns
    suffix = [blank] * len(log)
    for row, chosen in log.where:
        suffix[row] = "".join("," + str(chosen.get(c, "")) for c in range(columns))
    rows = zip(log.case, log.event, log.time, log.seq, log.arrival, suffix, strict=True)
    for line in map("%d,%d,%d,%d,%d%s\n".__mod__, rows):
        handle.write(line)
    return len(log)


def _copy(plan: Plan, rows: Path, target: Path, kind: str) -> tuple[str, list[Any]]:
    types = {"c": "BIGINT", "e": "INTEGER", "t": "BIGINT", "s": "INTEGER", "a": "BIGINT"}
    types.update({f"w{i}": "INTEGER" for i in range(len(plan.columns))})
    spec = ", ".join(f"'{name}': '{kind_}'" for name, kind_ in types.items())
    stamp = (
        "to_timestamp(t)"
        if kind == "parquet"
        else f"strftime(make_timestamp(t * 1000000), '{ISO}')"
    )
    parameters: list[Any] = [str(rows), list(plan.events)]
    selected = [
        "printf('u%012x', c) AS user_id",
        "list_extract($2::VARCHAR[], e + 1) AS event",
        f"{stamp} AS timestamp",
        "s AS seq",
    ]
    for index, (name, values) in enumerate(zip(plan.columns, plan.values, strict=True)):
        sql_type, bound = _typed(values)
        parameters.append(bound)
        place = len(parameters)
        selected.append(f"list_extract(${place}::{sql_type}[], w{index} + 1) AS {_quote(name)}")
    parameters.append(str(target))
    options = {"parquet": "FORMAT parquet, COMPRESSION zstd", "csv": "FORMAT csv, HEADER true"}
    sql = (
        f"COPY (SELECT {', '.join(selected)} FROM read_csv($1, header = false,"
        f" columns = {{{spec}}}) ORDER BY a, c, s) TO ${len(parameters)}"
        f" ({options.get(kind, 'FORMAT json')})"
    )
    return sql, parameters


def _typed(values: tuple[WhereValue, ...]) -> tuple[str, list[Any]]:
    """One SQL type per where-column: the values' own type when they share one, else text."""
    if all(isinstance(v, bool) for v in values):
        return "BOOLEAN", list(values)
    if all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return "BIGINT", list(values)
    if all(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
        return "DOUBLE", [float(v) for v in values]
    return "VARCHAR", [_text(v) for v in values]


def _text(value: WhereValue) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
