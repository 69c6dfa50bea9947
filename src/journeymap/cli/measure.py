"""`journeymap measure`: measure maps against an event log; `register` adds it to the app."""

from __future__ import annotations

import enum
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from journeymap.cli.commands import fail, outside_message
from journeymap.cli.measure_engines import Engine, _dsn, _elsewhere, _source

if TYPE_CHECKING:
    from journeymap.analytics.run import Options
    from journeymap.config import Project
    from journeymap.model import JourneyMap


class MeasureFormat(enum.StrEnum):
    json = "json"
    text = "text"
    md = "md"
    csv = "csv"


Column = Annotated[str | None, typer.Option(metavar="COLUMN", show_default=False)]


def measure(
    maps: Annotated[list[str], typer.Argument(metavar="MAP...", help="Map files, folders, globs.")],
    events: Annotated[
        str | None,
        typer.Option(
            "--events",
            metavar="SOURCE",
            help="The event log: CSV/TSV, Parquet (file, glob, folder), JSON Lines (.gz/.zst"
            " too), or file.duckdb:TABLE. Default: [analytics] events in journeymap.toml.",
            show_default=False,
        ),
    ] = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write to this file.")] = None,
    output_format: Annotated[
        MeasureFormat,
        typer.Option("--format", "-f", help="json (the measures file), text, md, csv."),
    ] = MeasureFormat.json,
    table: Annotated[str | None, typer.Option(help="The table, for a DuckDB database.")] = None,
    case: Annotated[str | None, typer.Option("--case", help="The case column.")] = None,
    event: Annotated[str | None, typer.Option("--event", help="The event column.")] = None,
    time: Annotated[str | None, typer.Option("--time", help="The time column.")] = None,
    order: Annotated[
        str | None, typer.Option("--order", help="Tie-break column for equal times.")
    ] = None,
    timezone: Annotated[
        str | None, typer.Option(help="Zone of times without an offset (default UTC).")
    ] = None,
    window: Annotated[
        str | None, typer.Option(help="Funnel conversion window, e.g. 14d, 36h (default 14d).")
    ] = None,
    min_cases: Annotated[
        int | None, typer.Option(min=0, help="Suppress groups of fewer cases (default 10; 0: off).")
    ] = None,
    path: Annotated[
        str | None,
        typer.Option("--path", metavar="A,B,C", help="Funnel steps (default: main path)."),
    ] = None,
    memory_limit: Annotated[
        str | None, typer.Option(help="DuckDB memory limit, e.g. 4GB (spills to disk beyond).")
    ] = None,
    engine: Annotated[
        Engine, typer.Option(help="Where the query runs: duckdb (embedded), postgres, spark.")
    ] = Engine.duckdb,
    dsn: Annotated[
        str | None,
        typer.Option(
            help="PostgreSQL connection string (default: env JOURNEYMAP_DSN); never shown.",
            show_default=False,
        ),
    ] = None,
    master: Annotated[
        str | None,
        typer.Option(help="Spark master URL or Spark Connect sc://host (default local[*])."),
    ] = None,
    emit_sql: Annotated[
        str | None,
        typer.Option(
            metavar="DIALECT",
            help="Print the query for a warehouse instead of running it (snowflake, bigquery,"
            " trino, databricks, redshift, duckdb, postgres, spark); needs --table.",
        ),
    ] = None,
    from_results: Annotated[
        Path | None,
        typer.Option(metavar="FILE", help="Measures from the saved rows of --emit-sql's query."),
    ] = None,
) -> None:
    """Measure maps against an event log: reach, transitions, funnel, variants, coverage.

    Only aggregates are written; groups smaller than --min-cases are suppressed. Exit 2 on
    bad input (the log, a column, a binding), 1 when a map has errors, 130 on Ctrl-C.
    """
    from journeymap.analytics.errors import AnalyticsError, Interrupted
    from journeymap.analytics.report import render_measures
    from journeymap.analytics.run import measure as run_measure

    journeys, project = _load_maps(maps)
    given: dict[str, object] = {
        "case": case, "event": event, "time": time, "order": order, "timezone": timezone,
        "window": window, "min_cases": min_cases, "path": path, "memory_limit": memory_limit,
    }  # fmt: skip
    if emit_sql is not None or from_results is not None:
        text = _elsewhere(
            journeys, project, given, emit_sql, from_results, table, output_format.value
        )
        _write(text, out)
        return
    try:
        options = _options(project, given)
        options = replace(options, engine=engine.value, dsn=_dsn(engine, dsn), master=master)
        source = _source(engine, events, table, project)
        measures = run_measure(journeys, source, options)
    except AnalyticsError as error:
        raise fail(str(error)) from None
    except Interrupted:
        raise fail("interrupted", 130) from None
    _write(render_measures(measures, output_format.value), out)


def _options(project: Project, given: dict[str, object]) -> Options:
    from journeymap.analytics.binding import window_seconds
    from journeymap.analytics.run import Options

    toml = project.analytics

    def pick(name: str) -> str | None:
        value = given.get(name)
        return str(value) if value is not None else getattr(toml, name)

    from journeymap.analytics.errors import AnalyticsError
    from journeymap.config_analytics import zone_hint

    zone = pick("timezone") or "UTC"
    hint = zone_hint(zone)
    if hint is not None:
        raise AnalyticsError(f"--timezone: unknown time zone {zone!r}; {hint}")
    steps = str(given["path"]).split(",") if given.get("path") else None
    min_cases = given.get("min_cases")
    return Options(
        case=pick("case"),
        event=pick("event"),
        time=pick("time"),
        order=pick("order") or None,
        timezone=zone,
        window_seconds=window_seconds(pick("window") or "14d"),
        min_cases=int(min_cases) if isinstance(min_cases, int) else toml.min_cases,
        path=tuple(s.strip() for s in steps if s.strip()) if steps else None,
        memory_limit=str(given["memory_limit"]) if given.get("memory_limit") else None,
        progress=sys.stderr.isatty() and not os.environ.get("CI"),
    )


def _source_text(events: str | None, project: Project) -> str:
    if events is not None:
        return events
    if project.analytics.events is None:
        raise fail(
            "give the event log with --events SOURCE (or [analytics] events in journeymap.toml)"
        )
    return str(project.root / project.analytics.events)


def _load_maps(arguments: list[str]) -> tuple[list[tuple[JourneyMap, str]], Project]:
    """Check every map like `validate`; errors stop the run (exit 1), maps without any
    `events` are skipped with a note."""
    from journeymap.config import load_project
    from journeymap.diagnostics import Severity
    from journeymap.pipeline import check_file, open_session
    from journeymap.report.text import line
    from journeymap.runner import expand

    expansion = expand(arguments)
    if expansion.missing:
        raise fail(f"no such map: {expansion.missing[0]}")
    if expansion.outside:
        raise fail(outside_message(expansion.outside))
    files = expansion.files
    for skipped in expansion.skipped:
        print(line(skipped), file=sys.stderr)
    project, problems = load_project(files[0])
    for problem in problems:
        print(line(problem), file=sys.stderr)
    if problems:
        raise typer.Exit(2)
    session = open_session(project)
    journeys, failed = [], False
    for file in files:
        checked = check_file(file, session)
        shown = [
            d for d in checked.diagnostics if d.severity is Severity.ERROR or d.code == "JM326"
        ]
        for diagnostic in shown:
            print(line(diagnostic), file=sys.stderr)
        failed = failed or any(d.severity is Severity.ERROR for d in checked.diagnostics)
        if checked.journey is not None:
            journeys.append((checked.journey, _relative(file, project)))
    if failed:
        raise typer.Exit(1)
    bound = [(j, p) for j, p in journeys if any(s.events for _, s in j.steps())]
    if not bound:
        raise fail("no map binds a step to events (`events:` on a step; docs/format.md)")
    for journey, shown_path in journeys:
        if (journey, shown_path) not in bound and len(journeys) > 1:
            print(f"journeymap: {shown_path}: no step has `events`; not measured", file=sys.stderr)
    return bound, project


def _relative(path: Path, project: Project) -> str:
    try:
        return path.resolve().relative_to(project.root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _write(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text)
        return
    from journeymap.output import write_atomic

    try:
        write_atomic(out, text)
    except OSError as exc:
        raise fail(f"cannot write {out}: {exc.strerror or exc}") from None


def register(app: typer.Typer) -> None:
    """Adds this module's command to the app."""
    app.command()(measure)
