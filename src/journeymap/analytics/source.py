"""Where the log is and which of its columns mean case, event, time: engine-neutral rules.

Sources are read in place: a CSV or TSV file, Parquet (a file, a glob, a hive-partitioned
folder), JSON Lines, their .gz/.zst variants, or a table in a DuckDB file (`file.duckdb:t`).
"""

from __future__ import annotations

import difflib
import glob
import re
from dataclasses import dataclass
from pathlib import Path

from journeymap.analytics.errors import AnalyticsError

CASE_COLUMNS = ("user_id", "case_id", "case:concept:name", "session_id")
EVENT_COLUMNS = ("event", "activity", "event_name", "concept:name")
TIME_COLUMNS = ("timestamp", "time", "ts", "time:timestamp", "event_time")
_TABLE = re.compile(r"^(?P<file>.+\.(?:duckdb|db|ddb)):(?P<table>[^/\\]+)$")
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_COMPRESSED = (".gz", ".zst")
_KINDS = {
    ".parquet": "parquet",
    ".pq": "parquet",
    ".csv": "csv",
    ".tsv": "tsv",
    ".txt": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".duckdb": "duckdb",
    ".db": "duckdb",
    ".ddb": "duckdb",
}


@dataclass(frozen=True, slots=True)
class LogSource:
    """`location` is a file, a glob or a folder; `table` is set for a DuckDB database."""

    location: str
    kind: str
    table: str | None = None

    @property
    def name(self) -> str:
        """What the measures file records: the base name only, never a folder."""
        base = Path(self.location.rstrip("/")).name
        return f"{base}:{self.table}" if self.table else base


@dataclass(frozen=True, slots=True)
class Columns:
    case: str
    event: str
    time: str
    order: str | None = None


def resolve_source(text: str, table: str | None = None) -> LogSource:
    if _URL.match(text):  # a DSN may hold a password: never echo it
        raise AnalyticsError(
            "--events names a file, a glob, a Parquet folder or FILE.duckdb:TABLE, not a URL; "
            "a database is read with --engine and --dsn (or JOURNEYMAP_DSN)"
        )
    matched = _TABLE.match(text)
    if matched and table is None and not Path(text).exists():
        text, table = matched.group("file"), matched.group("table")
    path = Path(text)
    if any(c in text for c in "*?["):
        if not glob.glob(text, recursive=True):
            raise AnalyticsError(f"{text}: no file matches this pattern")
        return LogSource(text, _kind_of(text))
    if path.is_dir():
        if not any(path.rglob("*.parquet")):
            raise AnalyticsError(f"{text}: the folder holds no .parquet files")
        return LogSource(text, "parquet-folder")
    if not path.is_file():
        raise AnalyticsError(f"{text}: no such file")
    kind = _kind_of(text)
    if path.stat().st_size == 0:
        raise AnalyticsError(f"{text}: the log is empty (no events)")
    if kind == "duckdb" and not table:
        raise AnalyticsError(f"{text}: a DuckDB database needs a table: {text}:TABLE or --table")
    if table and kind != "duckdb":
        raise AnalyticsError(f"{text}: --table applies to DuckDB database files only")
    return LogSource(text, kind, table)


def _kind_of(text: str) -> str:
    name = text.lower()
    for suffix in _COMPRESSED:
        name = name.removesuffix(suffix)
    kind = _KINDS.get(Path(name).suffix)
    if kind is None:
        known = ", ".join(sorted(_KINDS))
        raise AnalyticsError(f"{text}: unknown kind of log (file names end in one of: {known})")
    return kind


def pick_columns(
    found: list[str], *, case: str | None, event: str | None, time: str | None, order: str | None
) -> Columns:
    """The columns to read: the ones named, or the first default present in the log."""
    return Columns(
        _pick("case", "--case", case, CASE_COLUMNS, found),
        _pick("event", "--event", event, EVENT_COLUMNS, found),
        _pick("time", "--time", time, TIME_COLUMNS, found),
        _pick("order", "--order", order, (), found) if order else None,
    )


def column_hint(named: str, found: list[str]) -> str:
    """What follows "no column X" in every message about a missing column: the closest
    column (the same name in another case first), then the columns the log has."""
    lowered = {column.lower(): column for column in found}
    close = [lowered[named.lower()]] if named.lower() in lowered else []
    close = close or difflib.get_close_matches(named, found, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"{hint} (columns: {_listed(found)})"


def _listed(found: list[str]) -> str:
    return ", ".join(found[:40]) + (", ..." if len(found) > 40 else "")


def _pick(
    role: str, flag: str, named: str | None, defaults: tuple[str, ...], found: list[str]
) -> str:
    if named is not None:
        if named in found:
            return named
        raise AnalyticsError(f"the log has no {role} column {named!r}{column_hint(named, found)}")
    lowered = {column.lower(): column for column in reversed(found)}
    for candidate in defaults:
        if candidate in lowered:
            return lowered[candidate]
    tried = ", ".join(defaults)
    raise AnalyticsError(
        f"the log has none of the usual {role} columns ({tried}); name it with {flag} "
        f"(columns: {_listed(found)})"
    )
