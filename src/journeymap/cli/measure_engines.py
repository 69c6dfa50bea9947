"""The engine options of `journeymap measure`: --engine/--dsn/--master pick where the query
runs; --emit-sql prints it for a warehouse and --from-results reads its rows back."""

from __future__ import annotations

import enum
import os
from pathlib import Path
from typing import TYPE_CHECKING

from journeymap.cli.commands import fail

if TYPE_CHECKING:
    from journeymap.analytics.source import LogSource
    from journeymap.config import Project
    from journeymap.model import JourneyMap


class Engine(enum.StrEnum):
    duckdb = "duckdb"
    postgres = "postgres"
    spark = "spark"


DSN_VARIABLE = "JOURNEYMAP_DSN"


def _dsn(engine: Engine, given: str | None) -> str | None:
    """--dsn, else JOURNEYMAP_DSN; libpq's own PG* variables fill in what is left."""
    if engine is not Engine.postgres:
        if given:
            raise fail("--dsn applies to --engine postgres only")
        return None
    return given or os.environ.get(DSN_VARIABLE) or ""


def _source(engine: Engine, events: str | None, table: str | None, project: Project) -> LogSource:
    from journeymap.analytics.errors import AnalyticsError
    from journeymap.analytics.source import LogSource, resolve_source
    from journeymap.cli.measure import _source_text

    if engine is Engine.postgres:
        if not table:
            raise AnalyticsError("--engine postgres needs --table TABLE (a table or view)")
        return LogSource(table, "postgres")
    if engine is Engine.spark:
        if table:
            return LogSource(table, "spark-table")
        text = _source_text(events, project)
        if "://" in text:  # a path only the cluster can see (s3a://, abfss://, hdfs://)
            kind = "csv" if text.lower().rstrip("/").endswith((".csv", ".csv.gz")) else "parquet"
            return LogSource(text, kind)
        return resolve_source(text)
    return resolve_source(_source_text(events, project), table)


def _elsewhere(
    journeys: list[tuple[JourneyMap, str]],
    project: Project,
    given: dict[str, object],
    emit_sql: str | None,
    from_results: Path | None,
    table: str | None,
    output_format: str,
) -> str:
    """The text --emit-sql prints, or the measures file --from-results makes."""
    from journeymap.analytics.binding import bind
    from journeymap.analytics.engines.emit import emit_sql as emit
    from journeymap.analytics.engines.emit import guessed_kinds
    from journeymap.analytics.engines.results import measures_from_results
    from journeymap.analytics.errors import AnalyticsError
    from journeymap.analytics.report import render_measures
    from journeymap.analytics.source import pick_columns
    from journeymap.cli.measure import _options

    if emit_sql is not None and from_results is not None:
        raise fail("give --emit-sql or --from-results, not both")
    try:
        if from_results is not None:
            return render_measures(measures_from_results(journeys, from_results), output_format)
        if emit_sql is None or not table:
            raise AnalyticsError("--emit-sql needs --table TABLE (the warehouse table or view)")
        if len(journeys) != 1:
            raise AnalyticsError("--emit-sql writes the query of one map; name one map")
        options = _options(project, given)
        if options.timezone != "UTC":
            raise AnalyticsError(
                "--emit-sql reads the time column as a timestamp (UTC when without a zone); "
                "--timezone does not apply"
            )
        journey, shown = journeys[0]
        bound = bind(journey, options.path, shown)
        named = [n for n in (options.case, options.event, options.time, options.order) if n]
        columns = pick_columns(
            [*named, "user_id", "event", "timestamp"],
            case=options.case, event=options.event, time=options.time, order=options.order,
        )  # fmt: skip
        return emit(
            bound, dialect=emit_sql, table=table, columns=columns, kinds=guessed_kinds(bound),
            window_seconds=options.window_seconds, min_cases=options.min_cases,
        )  # fmt: skip
    except AnalyticsError as error:
        raise fail(str(error)) from None
