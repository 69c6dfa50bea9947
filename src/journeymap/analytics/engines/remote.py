"""What PostgreSQL and Spark share: the stage/result loop, the log checks, column kinds.

An engine subclass says how to describe the relation, define `jm_log`, materialise a
stage and fetch a result; everything here is the same for both, so their figures match
DuckDB's. Only result rows (aggregates) are fetched; `fetched` counts them, which is how
the tests prove the measurement is pushed down.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import Any

from sqlglot import exp

from journeymap.analytics.errors import AnalyticsError
from journeymap.analytics.query import WITH_KEY as WITH
from journeymap.analytics.query import LogicalQuery
from journeymap.analytics.source import Columns, LogSource, column_hint

Rows = list[tuple[Any, ...]]
TEXT, NUMBER, BOOLEAN, TIME, OTHER = "text", "number", "boolean", "time", "other"


class RemoteEngine(ABC):
    """The interface run.measure uses (`log.types`, `log.kinds`, `log.prepare`, `run`,
    `log.verify`), with the engine as its own `log`."""

    dialect = "postgres"

    def __init__(self, source: LogSource, timezone: str) -> None:
        self.source = source
        self.timezone = timezone
        self.fetched = 0
        self.log = self
        self.kind_of: dict[str, str] = {}
        self.types: dict[str, str] = {}

    def __enter__(self) -> RemoteEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @abstractmethod
    def close(self) -> None: ...

    @abstractmethod
    def stage(self, name: str, select_sql: str) -> None:
        """Materialise one stage under `name` for the statements after it."""

    @abstractmethod
    def rows(self, sql: str) -> Rows:
        """Run one aggregate select and return its rows."""

    @abstractmethod
    def drop(self, names: list[str]) -> None: ...

    @abstractmethod
    def time_expression(self, column: str) -> exp.Expr:
        """The time column as integer microseconds since the epoch, UTC."""

    @abstractmethod
    def define_log(self, select_sql: str) -> None:
        """Make `jm_log` (a view) from the select over the user's relation."""

    @abstractmethod
    def relation(self) -> exp.Expr:
        """The user's table (or file scan) as a FROM item."""

    def prepare(self, columns: Columns, extra: list[str]) -> None:
        self.columns = columns
        raw = exp.column(columns.time, quoted=True)
        zoned: exp.Expr = exp.cast(exp.null(), "INT")
        if self.kind_of[columns.time] == TEXT:
            offset = exp.RegexpLike(
                this=exp.func("TRIM", raw), expression=exp.Literal.string(_OFFSET)
            )
            zoned = exp.Case().when(offset, exp.Literal.number(1)).else_(exp.Literal.number(0))
        order = exp.column(columns.order, quoted=True) if columns.order else exp.null()
        select = exp.select(
            exp.cast(exp.column(columns.case, quoted=True), "TEXT").as_("jm_case"),
            exp.cast(exp.column(columns.event, quoted=True), "TEXT").as_("jm_event"),
            self.time_expression(columns.time).as_("jm_time"),
            exp.alias_(order, "jm_order"),
            exp.alias_(zoned, "jm_zoned"),
            *(exp.column(c, quoted=True) for c in extra),
        ).from_(self.relation())
        self.define_log(select.sql(self.dialect))

    def kinds(self, columns: list[str]) -> dict[str, str]:
        out = {}
        for column in columns:
            kind = self.kind_of.get(column)
            if kind is None:
                raise AnalyticsError(missing(self.source.name, column, list(self.types)))
            out[column] = kind if kind in (NUMBER, BOOLEAN) else TEXT
        return out

    ctes_as_stages = False
    """Run a result's CTEs as stages first: an engine that inlines every CTE (Spark) would
    otherwise compute the funnel's chain of steps once per step, quadratic in its length."""

    def run(
        self, query: LogicalQuery, inspect: Callable[[str, Rows], None] | None = None
    ) -> dict[str, Rows]:
        results: dict[str, Rows] = {}
        made = list(query.stages)
        try:
            for part in query.parts:
                if part.stage:
                    self.stage(part.name, self.render(part.select))
                    continue
                select = part.select
                if self.ctes_as_stages and select.args.get(WITH) is not None:
                    select = select.copy()
                    for cte in select.args[WITH].expressions:
                        self.stage(cte.alias, self.render(cte.this))
                        made.append(cte.alias)
                    select.set(WITH, None)
                found = self.rows(self.render(select))
                self.fetched += len(found)
                results[part.name] = found
                if inspect is not None:
                    inspect(part.name, found)
        finally:
            self.drop(made)
        return results

    def render(self, select: exp.Expr) -> str:
        return select.sql(self.dialect)

    def verify(self, rows: Rows) -> None:
        """The `checks` result: refuse an empty log, null case ids, unreadable times."""
        total, null_cases, bad_times, zoned, texts = (int(x or 0) for x in rows[0])
        name, columns = self.source.name, self.columns
        if total == 0:
            raise AnalyticsError(f"{name}: the log is empty (no events)")
        if null_cases:
            raise AnalyticsError(
                f"{name}: {null_cases:,} event(s) have no case id (column {columns.case!r})"
            )
        if bad_times:
            raise AnalyticsError(
                f"{name}: {bad_times:,} timestamp(s) in column {columns.time!r} cannot be read"
            )
        if 0 < zoned < texts:
            raise AnalyticsError(
                f"{name}: mixed time zones in column {columns.time!r}: {zoned:,} timestamp(s) "
                f"have an offset and {texts - zoned:,} not; write every time with its offset, "
                "or none (and --timezone)"
            )


_OFFSET = r"(Z|z|[+-][0-9]{2}(:?[0-9]{2})?)$"


def missing(name: str, column: str, found: list[str]) -> str:
    return f"{name}: no column {column!r}{column_hint(column, found)}"


def table_name(text: str, dialect: str) -> exp.Table:
    """The user's --table as a sqlglot table (schema.table), never pasted text."""
    try:
        table = exp.to_table(text, dialect=dialect)
    except Exception:  # sqlglot raises several kinds on text that is no table name
        raise AnalyticsError(f"--table: {text!r} is not a table name") from None
    if not isinstance(table, exp.Table) or not table.name:
        raise AnalyticsError(f"--table: {text!r} is not a table name")
    return table
