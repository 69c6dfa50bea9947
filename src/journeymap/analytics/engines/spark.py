"""Apache Spark through pyspark: `local[*]` by default, a cluster (--master URL) or Spark
Connect (`sc://host`), over a table or Parquet/CSV paths Spark can read.

The log stays in Spark: `jm_log` is a temporary view, stages are cached temporary views,
and only result rows (aggregates) are collected to Python.
"""

from __future__ import annotations

import logging
import os
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

_NUMBERS = ("tinyint", "smallint", "int", "bigint", "float", "double", "decimal")
_FORMATS = {"parquet": "parquet", "parquet-folder": "parquet", "csv": "csv", "tsv": "csv"}


def spark_kind(type_name: str) -> str:
    if type_name in ("string", "varchar", "char") or type_name.startswith(("varchar", "char")):
        return TEXT
    if type_name == "boolean":
        return BOOLEAN
    if type_name.startswith(_NUMBERS):
        return NUMBER
    if type_name.startswith(("timestamp", "date")):
        return TIME
    return OTHER


class SparkEngine(RemoteEngine):
    dialect = "spark"
    ctes_as_stages = True

    def __init__(self, source: LogSource, *, master: str | None, timezone: str) -> None:
        super().__init__(source, timezone)
        self.spark = _session(master or "local[*]")
        self._cached: list[Any] = []
        self._guard(lambda: self.spark.conf.set("spark.sql.session.timeZone", timezone))
        self._guard(self._read)

    def _guard(self, work: Any) -> Any:
        """Spark's errors (Py4J, analysis, Connect) become one line without the stack."""
        try:
            return work()
        except KeyboardInterrupt:
            self.spark.sparkContext.cancelAllJobs() if hasattr(self.spark, "sparkContext") else None
            raise Interrupted() from None
        except AnalyticsError:
            raise
        except Exception as error:
            raise AnalyticsError(
                f"{self.source.name}: Spark failed: {_first_line(error)}"
            ) from None

    def _read(self) -> None:
        source = self.source
        if source.kind == "spark-table":
            self.table: exp.Expr = table_name(source.location, "spark")
        else:
            kind = _FORMATS.get(source.kind)
            if kind is None:
                raise AnalyticsError(
                    f"{source.name}: Spark reads Parquet or CSV logs, or a --table"
                )
            reader = self.spark.read.format(kind)
            if kind == "csv":
                sep = "\t" if source.kind == "tsv" else ","
                reader = reader.option("header", "true").option("sep", sep)
            reader.load(source.location).createOrReplaceTempView("jm_source")
            self.table = exp.to_table("jm_source")
        frame = self.spark.sql(f"SELECT * FROM {self.table.sql('spark')} LIMIT 0")
        self.types = {f.name: f.dataType.simpleString() for f in frame.schema.fields}
        self.kind_of = {name: spark_kind(kind) for name, kind in self.types.items()}

    def relation(self) -> exp.Expr:
        return self.table.copy()

    def time_expression(self, column: str) -> exp.Expr:
        raw = exp.column(column, quoted=True)
        kind = self.types[column]
        if kind.startswith(("timestamp", "date")):
            moment: exp.Expr = exp.cast(raw, "TIMESTAMP")
        elif self.kind_of[column] == TEXT:
            moment = exp.TryCast(this=exp.func("TRIM", raw), to=exp.DataType.build("TIMESTAMP"))
        else:
            raise AnalyticsError(
                f"time column {column!r} holds {kind}, not timestamps; give ISO 8601 text or "
                "a timestamp column (--time)"
            )
        return exp.Anonymous(this="UNIX_MICROS", expressions=[moment])

    def define_log(self, select_sql: str) -> None:
        self._guard(lambda: self.spark.sql(select_sql).createOrReplaceTempView("jm_log"))

    def render(self, select: exp.Expr) -> str:
        return spark_sql(select)

    def stage(self, name: str, select_sql: str) -> None:
        """Computed at once and cut from its lineage (a local checkpoint): a stage built on
        forty others (the funnel's steps) keeps a plan of one scan, not of all forty."""

        def make() -> None:
            frame = self.spark.sql(select_sql).localCheckpoint(eager=True)
            self._cached.append(frame)
            frame.createOrReplaceTempView(name)

        self._guard(make)

    def rows(self, sql: str) -> Rows:
        found: list[Any] = self._guard(lambda: self.spark.sql(sql).collect())
        return [tuple(row) for row in found]

    def drop(self, names: list[str]) -> None:
        for frame in self._cached:
            frame.unpersist()
        self._cached.clear()
        for name in names:
            self.spark.catalog.dropTempView(name)

    def close(self) -> None:
        self.drop([])


def spark_sql(select: exp.Expr, *, copy: bool = True) -> str:
    """Spark SQL of a select; Spark's exact PERCENTILE stands in for PERCENTILE_CONT
    (sqlglot would write the approximate one). `copy=False` changes `select` itself."""
    tree = select.copy() if copy else select
    for node in list(tree.find_all(exp.WithinGroup)):
        inner = node.this
        order = node.expression
        if isinstance(inner, exp.PercentileCont) and isinstance(order, exp.Order):
            key = order.expressions[0].this
            node.replace(exp.Anonymous(this="PERCENTILE", expressions=[key, inner.this]))
    return tree.sql("spark", copy=False)


def _session(master: str) -> Any:
    # pyspark logs every analysis error as JSON on stderr before raising it; the user gets
    # the one line below instead.
    logging.getLogger("SQLQueryContextLogger").disabled = True
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise AnalyticsError(
            "--engine spark needs pyspark: pip install 'journeymap[spark]'"
        ) from None
    try:
        builder = SparkSession.builder.appName("journeymap")
        if master.startswith("sc://"):
            return builder.remote(master).getOrCreate()
        active = SparkSession.getActiveSession()
        if active is not None:
            return active
        if master.startswith("local") and "SPARK_DRIVER_MEMORY" not in os.environ:
            builder = builder.config("spark.driver.memory", _local_memory())
        session = (
            builder.master(master)
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.log.level", "ERROR")
            .config("spark.sql.shuffle.partitions", str(_partitions(master)))
            .getOrCreate()
        )
        session.sparkContext.setLogLevel("ERROR")
        return session
    except Exception as error:
        raise AnalyticsError(
            f"cannot start Spark ({redact(master)}): {_first_line(error)}"
        ) from None


def _local_memory() -> str:
    """Local mode runs everything in the driver, and Spark's default heap (1 GB) spills or
    fails on a log of 100 M events: a quarter of the machine's memory, 1 to 8 GB
    (SPARK_DRIVER_MEMORY overrides it)."""
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return "1g"
    return f"{min(8, max(1, total // 4 // 2**30))}g"


def _partitions(master: str) -> int:
    """Spark's default of 200 shuffle partitions is for clusters; locally, a few per core."""
    if master.startswith("local"):
        return max(2, 2 * (os.cpu_count() or 1))
    return 200


def _first_line(error: BaseException) -> str:
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return redact(lines[0] if lines else type(error).__name__)
