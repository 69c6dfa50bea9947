"""`journeymap simulate`: a synthetic event log from a map, to try `measure` without data."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from journeymap.cli.commands import fail


def simulate(
    path: Annotated[Path, typer.Argument(metavar="MAP", help="The map to walk.")],
    out: Annotated[
        Path,
        typer.Option("--out", "-o", help="The log to write: .parquet, .csv or .jsonl."),
    ],
    cases: Annotated[int, typer.Option("--cases", "-n", min=1, help="How many cases.")] = 1000,
    seed: Annotated[int, typer.Option("--seed", min=0, help="Same seed, same file.")] = 0,
    start: Annotated[
        str, typer.Option("--start", metavar="YYYY-MM-DD", help="First day of the log (UTC).")
    ] = "2026-01-05",
    days: Annotated[
        int, typer.Option("--days", min=1, max=3660, help="Cases start over this many days.")
    ] = 28,
    noise: Annotated[
        float, typer.Option(min=0, max=1, help="Chance of an unclaimed event after a step.")
    ] = 0.15,
    repeats: Annotated[
        float, typer.Option(min=0, max=1, help="Chance that a step's event is repeated.")
    ] = 0.05,
    ties: Annotated[
        float, typer.Option(min=0, max=1, help="Chance that a step has its predecessor's time.")
    ] = 0.03,
    late: Annotated[
        float, typer.Option(min=0, max=1, help="Chance that a row arrives late (out of order).")
    ] = 0.01,
    drop_off: Annotated[
        float,
        typer.Option(min=0, max=10, help="Scales the drop-off hazard; 0 means nobody gives up."),
    ] = 1.0,
) -> None:
    """Write a realistic synthetic event log by walking a map (no binding needed)."""
    from journeymap.analytics.simulate import Options
    from journeymap.analytics.simulate_file import SimulateError, simulate_file
    from journeymap.report.text import line

    try:
        first = datetime.strptime(start, "%Y-%m-%d").replace(tzinfo=UTC)
    except ValueError:
        raise fail(f"--start {start!r} is not a date like 2026-01-05") from None
    options = Options(cases, seed, first, days, noise, repeats, ties, late, drop_off)
    from journeymap.i18n.english import counted

    try:
        result = simulate_file(path, out, options)
    except SimulateError as error:
        raise fail(str(error)) from None
    for diagnostic in result.diagnostics:
        print(line(diagnostic), file=sys.stderr)
    if result.diagnostics:
        raise typer.Exit(1)
    written = (
        f"{counted(result.events, 'event', 'events')} of {counted(result.cases, 'case', 'cases')}"
    )
    print(f"wrote {out}: {written}")


def register(app: typer.Typer) -> None:
    """Adds this module's commands to the app."""
    app.command()(simulate)
