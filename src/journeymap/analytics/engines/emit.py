"""`measure --emit-sql DIALECT`: the measurement of one map as ONE query for a warehouse.

The logical query's stages become CTEs and its results one UNION ALL of rows
(part, v1..v5), every value as text, plus `setting` rows that carry the map, the table,
the columns and the limits, so `--from-results` needs nothing but the saved rows. sqlglot
writes each dialect from the one AST; where a dialect lacks something the AST is changed
for it (an exact percentile, Redshift's LISTAGG, the epoch in microseconds), never the text.
"""

from __future__ import annotations

import functools
import logging

from sqlglot import exp

from journeymap.analytics.binding import BoundMap
from journeymap.analytics.engines.percentile import exact_percentiles
from journeymap.analytics.engines.remote import table_name
from journeymap.analytics.engines.spark import spark_sql
from journeymap.analytics.errors import AnalyticsError
from journeymap.analytics.query import WITH_KEY as WITH
from journeymap.analytics.query import build_query
from journeymap.analytics.source import Columns
from journeymap.model import EventValue

DIALECTS = (
    "snowflake",
    "bigquery",
    "trino",
    "databricks",
    "redshift",
    "duckdb",
    "postgres",
    "spark",
)
_FUNNEL = ("i", "cases", "median_seconds")
"""The funnel result selects `*` from its rows; these are their names."""
WIDTH = 5
"""Value columns v1..v5: the widest result (checks, steps) has five."""


def emit_sql(
    bound: BoundMap,
    *,
    dialect: str,
    table: str,
    columns: Columns,
    kinds: dict[str, str],
    window_seconds: int,
    min_cases: int,
) -> str:
    if dialect not in DIALECTS:
        raise AnalyticsError(
            f"--emit-sql: unknown dialect {dialect!r} (one of: {', '.join(DIALECTS)})"
        )
    kind_items = tuple(sorted(kinds.items()))
    tree = _tree(bound, table, columns, kind_items, window_seconds, min_cases).copy()
    for node in list(tree.find_all(exp.Placeholder)):
        if node.name == _DIALECT:
            node.replace(exp.Literal.string(dialect))
        elif node.name == _TABLE and node.parent is not None:
            node.parent.replace(table_name(table, dialect))
        elif node.name == _MICROS:
            node.replace(micros(exp.column(columns.time, quoted=True), dialect))
    return render(tree, dialect) + ";\n"


_DIALECT, _TABLE, _MICROS = "jm_dialect", "jm_table", "jm_micros"
"""Placeholders of the one tree every dialect is rendered from (each on its own copy)."""


@functools.lru_cache(maxsize=8)
def _tree(
    bound: BoundMap,
    table: str,
    columns: Columns,
    kind_items: tuple[tuple[str, str], ...],
    window_seconds: int,
    min_cases: int,
) -> exp.Select:
    """The whole query, built once per process: every dialect copies it once and renders
    the copy (emitting all eight costs one build, not eight)."""
    kinds = dict(kind_items)
    table_name(table, "postgres")  # a bad name is refused before anything is built
    query = build_query(
        bound, kinds=kinds, ordered=columns.order is not None,
        window_seconds=window_seconds, min_cases=min_cases,
    )  # fmt: skip
    ctes: list[tuple[str, exp.Expr]] = [("jm_log", _log(columns, kinds))]
    unions: list[exp.Select] = []
    settings: dict[str, str | exp.Expr] = {
        "map": bound.id, "table": table, "dialect": exp.Placeholder(this=_DIALECT),
        "case": columns.case, "event": columns.event, "time": columns.time,
        "order": columns.order or "", "window_seconds": str(window_seconds),
        "min_cases": str(min_cases), "timezone": "UTC",
        "path": ",".join(bound.step_id(i) for i in bound.funnel),
    }  # fmt: skip
    for key, value in settings.items():
        shown = value if isinstance(value, exp.Expr) else exp.Literal.string(value)
        unions.append(_row("setting", [exp.Literal.string(key), shown]))
    for part in query.parts:
        select = part.select.copy()
        inner = select.args.get(WITH)
        if inner is not None:
            select.set(WITH, None)
            ctes.extend((cte.alias, cte.this) for cte in inner.expressions)
        name = part.name if part.stage else f"r_{part.name}"
        ctes.append((name, select))
        if not part.stage:
            assert isinstance(select, exp.Select)
            names = [e.alias_or_name for e in select.selects]
            names = list(_FUNNEL) if names == ["*"] else names
            unions.append(_row(part.name, [exp.column(n, quoted=True) for n in names]).from_(name))
    body: exp.Expr = unions[0]
    for more in unions[1:]:
        body = exp.union(body, more, distinct=False, copy=False)
    final = exp.select("*").from_(exp.paren(body).as_("jm_results"), copy=False)
    # Built in place: sqlglot's with_() copies the tree at each call (quadratic here).
    final.set(
        WITH,
        exp.With(
            expressions=[
                exp.CTE(this=select, alias=exp.TableAlias(this=exp.to_identifier(name)))
                for name, select in ctes
            ]
        ),
    )
    return final


def render(tree: exp.Expr, dialect: str) -> str:
    """The SQL of `tree` (which it changes: give it a copy of its own)."""
    # sqlglot warns that some dialects cannot say NULLS LAST inside an ordered aggregate;
    # the keys ordered there (row numbers) are never null.
    logging.getLogger("sqlglot").setLevel(logging.ERROR)
    if dialect in ("bigquery", "trino"):
        tree = exact_percentiles(tree, copy=False)
    if dialect == "redshift":
        _redshift_listagg(tree)
    if dialect == "spark":
        return spark_sql(tree, copy=False).replace("\n", " ")
    if dialect == "databricks":
        return _databricks(tree)
    return tree.sql(dialect, pretty=True, copy=False)


def _databricks(tree: exp.Expr) -> str:
    return exp.maybe_parse(spark_sql(tree, copy=False), dialect="spark").sql(
        "databricks", pretty=True, copy=False
    )


def _row(part: str, values: list[exp.Expr]) -> exp.Select:
    padded = values + [exp.null()] * (WIDTH - len(values))
    return exp.select(
        exp.Literal.string(part).as_("part"),
        *(_text(v).as_(f"v{i}") for i, v in enumerate(padded, start=1)),
    )


_TEXT = exp.DataType.build("TEXT")


def _text(value: exp.Expr) -> exp.Cast:
    """CAST(value AS TEXT), without parsing the type name again for each of many rows."""
    return exp.Cast(this=value, to=_TEXT.copy())


def _log(columns: Columns, kinds: dict[str, str]) -> exp.Select:
    """`jm_log` over the warehouse table (a placeholder: each dialect reads the name its
    own way). The time column must be a timestamp (one without a zone is read as UTC);
    case and event are compared as text."""
    order = exp.column(columns.order, quoted=True) if columns.order else exp.null()
    return exp.select(
        exp.cast(exp.column(columns.case, quoted=True), "TEXT").as_("jm_case"),
        exp.cast(exp.column(columns.event, quoted=True), "TEXT").as_("jm_event"),
        exp.alias_(exp.Placeholder(this=_MICROS), "jm_time"),
        exp.alias_(order, "jm_order"),
        exp.alias_(exp.cast(exp.null(), "INT"), "jm_zoned"),
        *(exp.column(c, quoted=True) for c in sorted(kinds)),
    ).from_(exp.Table(this=exp.Placeholder(this=_TABLE)))


def micros(column: exp.Expr, dialect: str) -> exp.Expr:
    """Microseconds since the epoch, written with what each dialect has."""
    if dialect in ("duckdb", "spark", "databricks", "bigquery"):
        return exp.UnixMicros(this=column)
    if dialect == "snowflake":
        return exp.Extract(this=exp.var("EPOCH_MICROSECOND"), expression=column)
    seconds = (
        exp.TimeToUnix(this=column)
        if dialect == "trino"
        else exp.Extract(this=exp.var("EPOCH"), expression=column)
    )
    scaled = exp.Round(this=exp.Mul(this=seconds, expression=exp.Literal.number(1_000_000)))
    return exp.cast(scaled, "BIGINT")


def _redshift_listagg(tree: exp.Expr) -> None:
    """Redshift's LISTAGG takes its order as WITHIN GROUP (sqlglot writes it inside)."""
    for node in list(tree.find_all(exp.GroupConcat)):
        this = node.this
        if isinstance(this, exp.Order):
            listagg = exp.Anonymous(
                this="LISTAGG", expressions=[this.this, node.args.get("separator")]
            )
            order = exp.Order(expressions=this.expressions)
            node.replace(exp.WithinGroup(this=listagg, expression=order))


def guessed_kinds(bound: BoundMap) -> dict[str, str]:
    """Without a connection, a `where` column's kind follows its values in the map:
    numbers compare as numbers, true/false as booleans, anything else as text."""
    values: dict[str, list[EventValue]] = {}
    for step in bound.steps:
        for selector in step.selectors:
            for column, listed in selector.where:
                values.setdefault(column, []).extend(listed)
    kinds = {}
    for column, given in values.items():
        if all(isinstance(v, bool) for v in given):
            kinds[column] = "boolean"
        elif all(isinstance(v, int | float) and not isinstance(v, bool) for v in given):
            kinds[column] = "number"
        else:
            kinds[column] = "text"
    return kinds
