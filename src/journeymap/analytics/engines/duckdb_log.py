"""The user's log as DuckDB reads it: the relation, its columns, the checks, `jm_log`.

User text (paths, column names, the zone) enters SQL only as sqlglot-quoted literals and
identifiers. Every check is an aggregate; the first offending row is looked up only when a
check fails.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlglot import exp

from journeymap.analytics.engines.csv_layout import csv_layout_problem
from journeymap.analytics.errors import AnalyticsError
from journeymap.analytics.query import Part
from journeymap.analytics.source import Columns, LogSource, column_hint
from journeymap.diagnostics import printable
from journeymap.i18n.english import counted

if TYPE_CHECKING:
    from journeymap.analytics.engines.duckdb import DuckDBEngine
    from journeymap.analytics.engines.duckdb_lists import Step

_TEXT_TYPES = ("VARCHAR", "BLOB")
_OFFSET = r"(Z|z|[+-][0-9]{2}(:?[0-9]{2})?)$"


def raw_case_counts(part: Step) -> Step:
    """The per-name counts count the raw case column's non-null values (`jm_raw_case`, see
    `LogReader.prepare`): DuckDB answers COUNT of a column from its validity alone, while
    COUNT of the hashed id hashes every row (about 2 s of 2.5 s on 100 M events)."""
    if not isinstance(part, Part) or part.name != "jm_by_name":
        return part

    def swap(node: exp.Expr) -> exp.Expr:
        if isinstance(node, exp.Count) and node.this == exp.column("jm_case"):
            return exp.Count(this=exp.column("jm_raw_case"))
        return node

    return Part(part.name, part.select.transform(swap), part.stage)


def lit(text: str) -> str:
    return exp.Literal.string(text).sql("duckdb")


def ident(name: str) -> str:
    return exp.to_identifier(name, quoted=True).sql("duckdb")


class LogReader:
    def __init__(self, engine: DuckDBEngine, source: LogSource, timezone: str) -> None:
        self.engine = engine
        self.timezone = timezone
        self.source = source
        self.types: dict[str, str] = {}
        if source.kind == "duckdb":
            self._attach()
        self.types = self._describe(self.relation())

    def relation(self, text_columns: tuple[str, ...] = ()) -> str:
        """A FROM item reading the log in place; `text_columns` are read as text (CSV)."""
        kind, where = self.source.kind, lit(self.source.location)
        if kind == "duckdb":
            return f"jm_source.{ident(self.source.table or '')}"
        if kind == "parquet-folder":
            pattern = lit(self.source.location.rstrip("/") + "/**/*.parquet")
            return f"read_parquet({pattern}, hive_partitioning = true, union_by_name = true)"
        if kind == "parquet":
            return f"read_parquet({where}, union_by_name = true)"
        if kind == "jsonl":
            return f"read_json({where}, format = 'newline_delimited')"
        delim = ", delim = '\\t'" if kind == "tsv" else ", delim = ','"
        types = ", ".join(f"{lit(c)}: 'VARCHAR'" for c in text_columns if c in self.types)
        typed = f", types = {{{types}}}" if types else ""
        return f"read_csv({where}, header = true{delim}{typed})"

    def _attach(self) -> None:
        self.engine.fetch(f"ATTACH {lit(self.source.location)} AS jm_source (READ_ONLY)")
        tables = [
            r[0]
            for r in self.engine.fetch(
                "SELECT table_name FROM duckdb_tables() WHERE database_name = 'jm_source'"
            )
        ]
        if self.source.table not in tables:
            found = ", ".join(sorted(tables)) or "none"
            raise AnalyticsError(
                f"{self.source.name}: no table {self.source.table!r} (tables: {found})"
            )

    def _describe(self, relation: str) -> dict[str, str]:
        try:
            rows = self.engine.fetch(f"DESCRIBE SELECT * FROM {relation}", "reading the log")
        except AnalyticsError as error:
            if self._csv() and "sniffing" in str(error):
                raise AnalyticsError(csv_layout_problem(self.source)) from None
            raise
        return {str(row[0]): str(row[1]) for row in rows}

    def kinds(self, columns: list[str]) -> dict[str, str]:
        """text, number or boolean for each `where` column; a missing one is an error."""
        out = {}
        for column in columns:
            kind = self.types.get(column)
            if kind is None:
                raise AnalyticsError(_missing(column, "a `where` filter", list(self.types)))
            out[column] = "boolean" if kind == "BOOLEAN" else "number" if _numeric(kind) else "text"
        return out

    def prepare(self, columns: Columns, extra: list[str]) -> None:
        """Define `jm_log` over the log (a view: the log is read in place at each scan).
        CSV case and event columns are read as text, so a late row cannot break a type the
        sniffer guessed from the first rows."""
        if self._csv():
            self.types[columns.time] = "VARCHAR"
        text = (columns.case, columns.event, columns.time) if self._csv() else ()
        self.relation_sql = self.relation(text)
        self.columns = columns
        time = self._time_expression(columns.time)
        raw = ident(columns.time)
        zoned = (
            f"CASE WHEN regexp_matches(trim({raw}), {lit(_OFFSET)}) THEN 1 ELSE 0 END"
            if self.types[columns.time] in _TEXT_TYPES
            else "CAST(NULL AS INTEGER)"
        )
        order = ident(columns.order) if columns.order else "NULL"
        more = "".join(f", {ident(c)}" for c in extra)
        self.engine.fetch(
            f"CREATE OR REPLACE TEMP VIEW jm_log AS SELECT {_case_key(columns.case)} AS jm_case, "
            f"CAST({ident(columns.event)} AS VARCHAR) AS jm_event, {time} AS jm_time, "
            f"{order} AS jm_order, {zoned} AS jm_zoned, {ident(columns.case)} AS "
            f"jm_raw_case{more} FROM {self.relation_sql}"
        )

    def _csv(self) -> bool:
        return self.source.kind in ("csv", "tsv")

    def _time_expression(self, column: str) -> str:
        kind = self.types[column]
        quoted = ident(column)
        if kind.startswith("TIMESTAMP WITH TIME ZONE"):
            return f"epoch_us({quoted})"
        if kind.startswith("TIMESTAMP") and self.timezone == "UTC":
            return f"epoch_us(CAST({quoted} AS TIMESTAMP))"
        if kind.startswith(("TIMESTAMP", "DATE")):
            return f"epoch_us(timezone(current_setting('TimeZone'), CAST({quoted} AS TIMESTAMP)))"
        if kind in _TEXT_TYPES:
            return f"epoch_us(TRY_CAST({quoted} AS TIMESTAMPTZ))"
        raise AnalyticsError(
            f"time column {column!r} holds {kind}, not timestamps; give ISO 8601 text or a "
            "timestamp column (--time)"
        )

    def verify(self, rows: list[tuple[Any, ...]]) -> None:
        """The `checks` result: refuse an empty log, null case ids, unreadable times."""
        total, null_cases, bad_times, zoned, texts = (int(x or 0) for x in rows[0])
        name, columns, relation = self.source.name, self.columns, self.relation_sql
        if total == 0:
            raise AnalyticsError(f"{name}: the log is empty (no events)")
        if null_cases:
            case = ident(columns.case)
            row = self._first(relation, f"{case} IS NULL", case)
            raise AnalyticsError(
                f"{name}: {counted(null_cases, 'event has', 'events have')} no case id (column "
                f"{columns.case!r}), the first at data row {row[0]}"
            )
        if bad_times:
            raw = ident(columns.time)
            row = self._first(relation, f"{self._time_expression(columns.time)} IS NULL", raw)
            raise AnalyticsError(
                f"{name}: {counted(bad_times, 'timestamp', 'timestamps')} in column "
                f"{columns.time!r} cannot be read, the first at data row {row[0]}: {_shown(row[1])}"
            )
        if 0 < zoned < texts:
            raw = ident(columns.time)
            row = self._first(relation, f"NOT regexp_matches(trim({raw}), {lit(_OFFSET)})", raw)
            raise AnalyticsError(
                f"{name}: mixed time zones in column {columns.time!r}: "
                f"{counted(zoned, 'timestamp has', 'timestamps have')} an offset and "
                f"{texts - zoned:,} not, the first without at data row {row[0]}: "
                f"{_shown(row[1])}; write every time with its offset, or none (and --timezone)"
            )

    def _first(self, relation: str, condition: str, column: str) -> tuple[Any, ...]:
        """The first offending row in file order (only asked for once a check failed)."""
        sql = (
            f"SELECT rn, CAST(v AS VARCHAR) FROM (SELECT row_number() OVER () AS rn, "
            f"{column} AS v, ({condition}) AS bad FROM {relation}) WHERE bad ORDER BY rn LIMIT 1"
        )
        self.engine.con.execute("SET preserve_insertion_order = true")
        rows = self.engine.fetch(sql, "reading the log")
        return rows[0] if rows else ("?", None)


_NUMERIC = (
    "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER",
    "UBIGINT", "FLOAT", "DOUBLE", "DECIMAL",
)  # fmt: skip


def _numeric(kind: str) -> bool:
    return kind.startswith(_NUMERIC)


def _case_key(column: str) -> str:
    """Case ids as 64-bit hashes: the window partitions and the GROUP BYs work on integers,
    not strings (about twice as fast). Two of n cases share a hash with probability about
    n^2 / 2^65: 1e-7 for two million cases (docs/analytics.md)."""
    quoted = ident(column)
    return f"CASE WHEN {quoted} IS NULL THEN NULL ELSE hash({quoted}) END"


def _shown(value: object) -> str:
    if value is None:
        return "(empty)"
    text = str(value)
    return repr(printable(text[:60] + ("..." if len(text) > 60 else "")))


def _missing(column: str, role: str, found: list[str]) -> str:
    return f"the log has no column {column!r} for {role}{column_hint(column, found)}"
