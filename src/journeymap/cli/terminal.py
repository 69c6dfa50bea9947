"""What the terminal gets: colour by the usual variables, usage errors on one line, completion.

typer (through click) prints a usage error as four lines (usage, a hint, a blank line, the
error); a CI log or a script reads one line better, like every other failure here.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Any, TextIO

import typer
from typer._click import exceptions as click  # typer 0.28 ships its own copy of click
from typer.core import TyperGroup

from journeymap.diagnostics import printable

SHELLS = ("bash", "zsh", "fish")


def wants_color(stream: TextIO) -> bool:
    """Colour when the stream is a terminal or FORCE_COLOR asks for it; never under NO_COLOR.

    NO_COLOR (no-color.org) wins over FORCE_COLOR (force-color.org); both count only when set
    to something other than the empty string, and FORCE_COLOR=0 or false forces nothing.
    """
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR", "").strip().lower() not in ("", "0", "false"):
        return True
    return stream.isatty()


def usage_line(error: click.UsageError) -> str:
    """`journeymap validate: no such option: --bogus; try 'journeymap validate -h'`."""
    message = " ".join(error.format_message().split()).rstrip(".")
    message = message[:1].lower() + message[1:]
    context = error.ctx
    where = context.command_path if context is not None else "journeymap"
    hint = f"; try '{where} -h'" if context is not None else ""
    return printable(f"{where}: {message}{hint}")


class OneLineUsageGroup(TyperGroup):
    """The root group: a usage error anywhere below it is one line on stderr and exit 2."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            status = super().main(args, prog_name, complete_var, False, **extra)
        except click.NoArgsIsHelpError as error:
            error.show()
            sys.exit(error.exit_code)
        except click.UsageError as error:
            print(usage_line(error), file=sys.stderr)
            sys.exit(error.exit_code)
        except click.ClickException as error:
            print(f"journeymap: {printable(error.format_message())}", file=sys.stderr)
            sys.exit(error.exit_code)
        except typer.Abort:
            print("journeymap: aborted", file=sys.stderr)
            sys.exit(1)
        sys.exit(status if isinstance(status, int) else 0)


def completion_script(shell: str) -> str:
    """The completion script typer writes for `shell`, for `journeymap completion SHELL`."""
    from typer._completion_classes import completion_init
    from typer._completion_shared import get_completion_script

    completion_init()
    return get_completion_script(
        prog_name="journeymap", complete_var="_JOURNEYMAP_COMPLETE", shell=shell
    )


def enable_completion() -> None:
    """Register typer's shells before click answers a completion request.

    typer registers them only when the app adds `--install-completion`; without that,
    `_JOURNEYMAP_COMPLETE=complete_bash` answered "Shell bash not supported".
    """
    if any(name.endswith("_COMPLETE") for name in os.environ):
        from typer._completion_classes import completion_init

        completion_init()


def completion(
    shell: str = typer.Argument(..., metavar="SHELL", help="bash, zsh or fish."),
) -> None:
    """Print the shell completion script: eval "$(journeymap completion bash)"."""
    if shell not in SHELLS:
        print(
            f"journeymap: no completion for {printable(shell)!r}; choose bash, zsh or fish",
            file=sys.stderr,
        )
        raise typer.Exit(2)
    print(completion_script(shell))
