"""Commands of the diff feature; `register` adds them to the app."""

from __future__ import annotations

import enum
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from journeymap.cli import terminal
from journeymap.cli.commands import check_inputs, fail
from journeymap.diagnostics import printable

if TYPE_CHECKING:
    from journeymap.diff import DiffResult


class DiffFormat(enum.StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"
    html = "html"


def diff(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="OLD NEW | FUTURE | [PATH...]",
            help="Two maps, or two measures files; one future-state map (against its"
            " based_on map); or, with --git, the files and directories to compare"
            " (default: every changed map).",
            show_default=False,
        ),
    ] = None,
    git: Annotated[
        str | None,
        typer.Option("--git", metavar="REV", help="Compare with this git revision instead."),
    ] = None,
    output_format: Annotated[
        DiffFormat,
        typer.Option(
            "--format",
            "-f",
            help="text (coloured on a terminal), markdown (a pull-request comment), json"
            " (for tools), html (the new map with changed steps outlined).",
        ),
    ] = DiffFormat.text,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write the report to this file.")
    ] = None,
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Exit 1 when there are changes (as git diff).")
    ] = False,
) -> None:
    """Show what changed between two versions of a map, matched by id (not by line).

    Maps with errors are reported on stderr and exit 1; with --git, the other maps are
    still compared and shown.
    """
    from journeymap.diff import DiffError, render
    from journeymap.report.text import line

    arguments = paths or []
    to_tty = out is None and sys.stdout.isatty()
    if output_format is DiffFormat.html and to_tty:
        raise fail("html goes to a file: add -o FILE (or redirect the output)")
    if git is None and len(arguments) == 2 and _measures_files(arguments):
        raise _diff_measures(arguments, output_format.value, out, exit_code=exit_code)
    try:
        result = _run(git, arguments)
    except DiffError as exc:
        raise fail(str(exc)) from None
    for diagnostic in result.diagnostics:
        print(line(diagnostic), file=sys.stderr)
    for note in result.notes:
        print(f"journeymap: {printable(note)}", file=sys.stderr)
    if result.failed and not result.maps:
        raise typer.Exit(1)
    color = out is None and wants_color(sys.stdout, output_format.value)
    report = render(result, output_format.value, color=color)
    if out is None:
        sys.stdout.write(report)
    else:
        from journeymap.cli.interchange import overwrites
        from journeymap.output import write_atomic

        if overwrites(out, _inputs(result, arguments)):
            raise fail(f"{out} is one of the maps being compared; choose another --out")
        try:
            write_atomic(out, report)
        except OSError as exc:
            raise fail(f"cannot write {out}: {exc.strerror or exc}") from None
    raise typer.Exit(1 if result.failed or (exit_code and result.changed) else 0)


def wants_color(stream: TextIO, output_format: str) -> bool:
    """Colour for the text report only, by the terminal and FORCE_COLOR / NO_COLOR."""
    return output_format == "text" and terminal.wants_color(stream)


def _inputs(result: DiffResult, arguments: list[str]) -> list[Path]:
    """Every map file the report was made from, the based_on map of a future one too."""
    shown = [m.new for m in result.maps if m.new]
    if result.future is not None:
        shown += [result.future.future, result.future.based_on]
    return [Path(name) for name in (*arguments, *shown)]


def _run(git: str | None, arguments: list[str]) -> DiffResult:
    """The library call the arguments ask for; usage errors raise DiffError."""
    from journeymap.diff import DiffError, diff_files, diff_future

    if git is not None:
        from journeymap.diff.gitrev import diff_git

        check_inputs([Path(a) for a in arguments if os.path.lexists(a)])
        return diff_git(git, arguments)
    if len(arguments) in (1, 2):
        check_inputs([Path(a) for a in arguments])
    if len(arguments) == 2:
        return diff_files(Path(arguments[0]), Path(arguments[1]))
    if len(arguments) == 1:
        return diff_future(Path(arguments[0]))
    raise DiffError("give two maps (OLD NEW), one future-state map, or --git REV [PATH...]")


def _measures_files(arguments: list[str]) -> bool:
    """Two measures files (told apart from maps by their content), or a usage error."""
    from journeymap.diff.measures import is_measures_file

    found = [is_measures_file(Path(a)) for a in arguments]
    if any(found) and not all(found):
        raise fail("diff compares two maps or two measures files, not one of each")
    return all(found)


def _diff_measures(
    arguments: list[str], output_format: str, out: Path | None, *, exit_code: bool
) -> typer.Exit:
    """What moved between two measures files; written like the map diff's report."""
    from journeymap.analytics.measures import MeasuresError
    from journeymap.diff.measures import diff_measures
    from journeymap.diff.measures_report import render
    from journeymap.output import write_atomic

    try:
        result = diff_measures(Path(arguments[0]), Path(arguments[1]))
    except MeasuresError as exc:
        return fail(str(exc))
    color = out is None and wants_color(sys.stdout, output_format)
    report = render(result, output_format, color=color)
    if out is None:
        sys.stdout.write(report)
    elif any(out.resolve() == Path(a).resolve() for a in arguments):
        return fail(f"{out} is one of the files being compared; choose another --out")
    else:
        try:
            write_atomic(out, report)
        except OSError as exc:
            return fail(f"cannot write {out}: {exc.strerror or exc}")
    return typer.Exit(1 if exit_code and result.changed else 0)


def register(app: typer.Typer) -> None:
    """Adds this module's commands to the app."""
    app.command()(diff)
