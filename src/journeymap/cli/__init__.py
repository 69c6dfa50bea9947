"""The command line: thin wrappers that parse options and call the library.

Heavy modules are imported inside each command so that `--help` and `--version` stay fast.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from journeymap import __version__
from journeymap.cli import build, commands, diff, interchange, lsp, measure, serve
from journeymap.cli import simulate as simulate_command
from journeymap.cli.terminal import OneLineUsageGroup, completion, enable_completion
from journeymap.diagnostics import printable
from journeymap.interrupt import (
    INTERRUPTED,
    TERMINATED,
    Terminated,
    exit_status,
    ignore_further_stops,
    install_signal_handlers,
    stop_message,
)

app = typer.Typer(
    name="journeymap",
    cls=OneLineUsageGroup,
    help="Customer journey maps and service blueprints as code.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        print(f"journeymap {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show internal tracebacks.")] = False,
) -> None:
    """Customer journey maps and service blueprints as code."""


commands.register(app)
build.register(app)
diff.register(app)
interchange.register(app)
serve.register(app)
measure.register(app)
simulate_command.register(app)
app.command()(completion)
lsp.register(app)


def main() -> None:
    """Console entry point: one line and a status from the exit table for every way out.

    Internal errors become one line (tracebacks only with --debug). Ctrl-C and SIGTERM become
    exceptions (journeymap.interrupt) that unwind, so clean-up runs, then one line: 130 or 143.
    typer turns a KeyboardInterrupt inside a command into a silent exit 130, so the line is
    printed here for that status too.
    """
    install_signal_handlers()
    enable_completion()
    try:
        app(prog_name="journeymap")
    except SystemExit as done:
        if done.code in (INTERRUPTED, TERMINATED):
            _say_stopped(int(done.code))
        raise
    except (KeyboardInterrupt, Terminated) as stop:
        _say_stopped(exit_status(stop))
        sys.exit(exit_status(stop))
    except Exception as exc:  # the last line of defence; every known failure is handled earlier
        if "--debug" in sys.argv:
            raise
        message = printable(" ".join(str(exc).split())[:300])
        print(
            f"journeymap: internal error: {type(exc).__name__}: {message}"
            " (run with --debug for the traceback)",
            file=sys.stderr,
        )
        sys.exit(2)


def _say_stopped(status: int) -> None:
    ignore_further_stops()
    print(stop_message(status), file=sys.stderr, flush=True)
