"""`journeymap lsp`: the language server, for editors (journeymap.lsp)."""

from __future__ import annotations

from typing import Annotated

import typer

from journeymap.cli.commands import fail


def lsp(
    stdio: Annotated[
        bool,
        typer.Option("--stdio", help="Talk over stdin and stdout (the default, the only one)."),
    ] = True,
) -> None:
    """Run the language server over stdio: diagnostics, completion, hover, rename, fixes."""
    try:
        from journeymap.lsp.server import run_stdio
    except ImportError as error:
        message = f"the language server needs pygls and lsprotocol ({error.name} is missing):"
        raise fail(f"{message} pip install 'journeymap[lsp]'") from None
    run_stdio()


def register(app: typer.Typer) -> None:
    app.command()(lsp)
