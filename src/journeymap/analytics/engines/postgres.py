"""PostgreSQL through psycopg 3: the measurement runs on the server, over a table or view.

The log stays where it is: `jm_log` is a temporary view over the user's table, stages are
temporary tables of the session, and only the result rows (aggregates) are fetched. The
DSN comes from --dsn or JOURNEYMAP_DSN (libpq's PG* variables work too) and is never shown:
every error goes through `redact`.
"""

from __future__ import annotations

from typing import Any

from sqlglot import exp

from journeymap.analytics.engines.redact import redact
from journeymap.analytics.engines.remote import (
    BOOLEAN,
    NUMBER,
    OTHER,
    TEXT,
    TIME,
    RemoteEngine,
    Rows,
    table_name,
)
from journeymap.analytics.errors import AnalyticsError, Interrupted
from journeymap.analytics.source import LogSource

# Type OIDs of pg_type: what each column holds decides how `where` values compare.
_KINDS = {16: BOOLEAN, 25: TEXT, 1043: TEXT, 1042: TEXT, 19: TEXT}
_KINDS |= dict.fromkeys((20, 21, 23, 700, 701, 1700), NUMBER)
_KINDS |= dict.fromkeys((1082, 1114, 1184), TIME)
_TIMESTAMPTZ, _TIMESTAMP, _DATE = 1184, 1114, 1082
_ORDERED_TEXT = ("path", "name")


class PostgresEngine(RemoteEngine):
    dialect = "postgres"

    def __init__(self, source: LogSource, *, dsn: str, timezone: str) -> None:
        super().__init__(source, timezone)
        self.dsn = dsn
        self.table = table_name(source.table or source.location, "postgres")
        self.con: Any = None
        self._connect()
        self._describe()

    def _connect(self) -> None:
        try:
            import psycopg
        except ImportError:
            raise AnalyticsError(
                "--engine postgres needs psycopg: pip install 'journeymap[postgres]'"
            ) from None
        try:
            self.con = psycopg.connect(self.dsn, autocommit=True, connect_timeout=10)
            self._execute("SELECT set_config('TimeZone', %s, false)", (self.timezone,))
        except psycopg.Error as error:
            raise AnalyticsError(f"cannot connect to PostgreSQL: {self._text(error)}") from None

    def _text(self, error: BaseException) -> str:
        return redact(str(error).splitlines()[0] if str(error) else type(error).__name__, self.dsn)

    def _execute(self, sql: str, params: tuple[Any, ...] | None = None) -> Any:
        import psycopg

        try:
            return self.con.execute(sql, params)
        except KeyboardInterrupt:
            self.con.cancel_safe()
            raise Interrupted() from None
        except psycopg.Error as error:
            raise AnalyticsError(
                f"{self.source.name}: the measurement failed: {self._text(error)}"
            ) from None

    def _describe(self) -> None:
        cursor = self._execute(f"SELECT * FROM {self.relation().sql('postgres')} LIMIT 0")
        self.oids = {str(c.name): int(c.type_code) for c in cursor.description}
        self.types = {name: str(oid) for name, oid in self.oids.items()}
        self.kind_of = {name: _KINDS.get(oid, OTHER) for name, oid in self.oids.items()}

    def relation(self) -> exp.Expr:
        return self.table.copy()

    def time_expression(self, column: str) -> exp.Expr:
        oid = self.oids[column]
        raw = exp.column(column, quoted=True)
        if oid == _TIMESTAMPTZ:
            moment: exp.Expr = raw
        elif oid in (_TIMESTAMP, _DATE):
            naive = exp.cast(raw, "TIMESTAMP")
            moment = exp.AtTimeZone(this=naive, zone=exp.Literal.string(self.timezone))
        elif self.kind_of[column] == TEXT:
            moment = exp.cast(exp.func("TRIM", raw), "TIMESTAMPTZ")
        else:
            raise AnalyticsError(
                f"time column {column!r} holds {oid} (pg_type oid), not timestamps; give ISO "
                "8601 text or a timestamp column (--time)"
            )
        epoch = exp.Extract(this=exp.var("EPOCH"), expression=moment)
        micros = exp.Round(this=exp.Mul(this=epoch, expression=exp.Literal.number(1_000_000)))
        return exp.cast(micros, "BIGINT")

    def define_log(self, select_sql: str) -> None:
        self._execute(f"CREATE OR REPLACE TEMP VIEW jm_log AS {select_sql}")

    def render(self, select: exp.Expr) -> str:
        """Text sorts byte-wise (COLLATE "C") as in DuckDB and Spark, whatever the
        database's locale: the top variants and unclaimed names are the same everywhere."""
        tree = select.copy()
        for ordered in tree.find_all(exp.Ordered):
            key = ordered.this
            if isinstance(key, exp.Column) and key.name in _ORDERED_TEXT:
                collated = exp.Collate(this=key.copy(), expression=exp.to_identifier("C", True))
                key.replace(collated)
        return tree.sql("postgres")

    def stage(self, name: str, select_sql: str) -> None:
        self._execute(f"DROP TABLE IF EXISTS {name}")
        self._execute(f"CREATE TEMP TABLE {name} AS {select_sql}")
        self._execute(f"ANALYZE {name}")

    def rows(self, sql: str) -> Rows:
        return list(self._execute(sql).fetchall())

    def drop(self, names: list[str]) -> None:
        if self.con is not None and not self.con.closed:
            for name in names:
                self._execute(f"DROP TABLE IF EXISTS {name}")

    def close(self) -> None:
        if self.con is not None:
            self.con.close()
