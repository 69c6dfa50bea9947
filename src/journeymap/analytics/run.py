"""`measure` as a library call: maps and a log in, the measures model out.

Read it top to bottom: bind each map, open the engine on the log, pick the columns, check
the log, run one query per map, assemble. Only aggregate rows ever leave the engine.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from journeymap import __version__
from journeymap.analytics.assemble import iso_time, map_measures
from journeymap.analytics.binding import BoundMap, bind
from journeymap.analytics.errors import AnalyticsError
from journeymap.analytics.measures import MapMeasures, Measures, Period, Settings, SourceInfo
from journeymap.analytics.query import build_query
from journeymap.analytics.source import Columns, LogSource, pick_columns
from journeymap.model import JourneyMap

if TYPE_CHECKING:
    from journeymap.analytics.engines.duckdb import DuckDBEngine
    from journeymap.analytics.engines.remote import RemoteEngine


@dataclass(frozen=True, slots=True)
class Options:
    case: str | None = None
    event: str | None = None
    time: str | None = None
    order: str | None = None
    timezone: str = "UTC"
    window_seconds: int = 14 * 86400
    min_cases: int = 10
    path: tuple[str, ...] | None = None
    memory_limit: str | None = None
    threads: int | None = None
    progress: bool = False
    engine: str = "duckdb"
    dsn: str | None = None
    master: str | None = None


def measure(
    journeys: list[tuple[JourneyMap, str]], source: LogSource, options: Options
) -> Measures:
    """Measures of each map (with the path to record for it) against one log."""
    bounds = [bind(journey, options.path, shown) for journey, shown in journeys]
    seen: set[str] = set()
    for bound in bounds:
        if bound.id in seen:
            raise AnalyticsError(f"two maps have the id {bound.id!r}; measure them one at a time")
        seen.add(bound.id)
    engine = open_engine(source, options)
    with engine:
        columns = pick_columns(
            list(engine.log.types),
            case=options.case, event=options.event, time=options.time, order=options.order,
        )  # fmt: skip
        extra = sorted({c for bound in bounds for c in bound.where_columns()})
        kinds = engine.log.kinds(extra)
        engine.log.prepare(columns, extra)
        maps: dict[str, MapMeasures] = {}
        times: list[int] = []
        for bound in bounds:
            query = build_query(
                bound,
                kinds=kinds,
                ordered=columns.order is not None,
                window_seconds=options.window_seconds,
                min_cases=options.min_cases,
            )
            rows = engine.run(query, lambda name, found: _inspect(engine, name, found))
            maps[bound.id] = _checked(bound, rows, options)
            times.extend(int(t) for t in rows["totals"][0][2:4] if t is not None)
            total = int(rows["coverage"][0][0] or 0)
    return Measures(
        generator=f"journeymap {__version__}",
        source=SourceInfo(_KIND.get(source.kind, source.kind), source.name),
        settings=_settings(columns, options),
        period=Period(iso_time(min(times, default=None)), iso_time(max(times, default=None))),
        events=total,
        maps=maps,
    )


_KIND = {"parquet-folder": "parquet", "spark-table": "spark"}


def open_engine(source: LogSource, options: Options) -> DuckDBEngine | RemoteEngine:
    """The engine --engine names, on the log; the DSN never leaves this call."""
    if options.engine == "postgres":
        from journeymap.analytics.engines.postgres import PostgresEngine

        return PostgresEngine(source, dsn=options.dsn or "", timezone=options.timezone)
    if options.engine == "spark":
        from journeymap.analytics.engines.spark import SparkEngine

        return SparkEngine(source, master=options.master, timezone=options.timezone)
    from journeymap.analytics.engines.duckdb import DuckDBEngine

    return DuckDBEngine(
        source,
        timezone=options.timezone,
        memory_limit=options.memory_limit,
        threads=options.threads,
        progress=options.progress,
    )


def _inspect(
    engine: DuckDBEngine | RemoteEngine, name: str, rows: list[tuple[object, ...]]
) -> None:
    if name == "checks":
        engine.log.verify(rows)


def _settings(columns: Columns, options: Options) -> Settings:
    return Settings(
        columns.case,
        columns.event,
        columns.time,
        columns.order,
        options.timezone,
        options.window_seconds,
        options.min_cases,
    )


def _checked(
    bound: BoundMap, rows: dict[str, list[tuple[object, ...]]], options: Options
) -> MapMeasures:
    measured = map_measures(
        bound, rows, window_seconds=options.window_seconds, min_cases=options.min_cases
    )
    if measured.events == 0:
        names = ", ".join(u.name for u in measured.coverage.top_unclaimed[:5])
        raise AnalyticsError(
            f"none of the events of map {bound.id!r} ({', '.join(bound.event_names()[:5])}) "
            f"is in the log; its most frequent events are: {names or 'none'}"
        )
    return measured
