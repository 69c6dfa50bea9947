"""`journeymap watch` and `journeymap serve`: rebuild on every save; serve with live reload."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from journeymap.cli.commands import MeasuresOption, fail

if TYPE_CHECKING:
    from journeymap.serve import Build

Directory = Annotated[Path, typer.Argument(metavar="DIR", help="The project directory.")]


def watch(
    directory: Directory = Path("."),
    out: Annotated[Path, typer.Option("--out", "-o", help="The site directory.")] = Path("site"),
    measures: MeasuresOption = None,
) -> None:
    """Build the site, then rebuild it whenever a map, persona or journeymap.toml changes."""
    from journeymap.serve import watch_site
    from journeymap.serve.watcher import project_root

    _check(directory)
    root = project_root(directory)
    print(f"watching {root} for changes, building into {out} (Ctrl-C to stop)", flush=True)
    _until_interrupted(lambda: watch_site(directory, out, report=_report, measures=measures))


def serve(
    directory: Directory = Path("."),
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="The site directory (default: a temporary one)."),
    ] = None,
    port: Annotated[
        int, typer.Option("--port", "-p", min=0, max=65535, help="Port; 0 picks a free one.")
    ] = 8000,
    host: Annotated[
        str,
        typer.Option(
            "--host", help="The address to listen on (an IP address; default: loopback only)."
        ),
    ] = "127.0.0.1",
    measures: MeasuresOption = None,
) -> None:
    """Build the site, serve it on 127.0.0.1, rebuild on every save and reload the browser."""
    from journeymap.serve import serve_site

    _check(directory)
    address = _address(host)
    _until_interrupted(
        lambda: serve_site(
            directory,
            out,
            port=port,
            host=address,
            report=_report,
            ready=_ready(out),
            measures=measures,
        )
    )


def _address(host: str) -> str:
    """An IP address (`localhost` is 127.0.0.1); a warning line when it is not loopback."""
    import ipaddress

    try:
        address = ipaddress.ip_address("127.0.0.1" if host == "localhost" else host.strip("[]"))
    except ValueError:
        raise fail(f"--host takes an IP address, not {host!r}") from None
    if not address.is_loopback:
        print(
            f"journeymap: warning: listening on {address}: other machines can read the site",
            file=sys.stderr,
        )
    return str(address)


def _check(directory: Path) -> None:
    if not directory.is_dir():
        raise fail(f"{directory} is not a directory")


def _until_interrupted(run: Callable[[], None]) -> None:
    """Run until stopped. Ctrl-C and SIGTERM propagate: the CLI's main prints one line and
    exits 130 or 143, after the server, the workers and the build's stage are gone."""
    from journeymap.serve import ServeError
    from journeymap.site import SiteError

    try:
        run()
    except (ServeError, SiteError) as exc:
        raise fail(str(exc)) from None


def _report(result: Build) -> None:
    for problem in result.problems:
        print(problem, file=sys.stderr)
    print(f"journeymap: {result.summary}", file=sys.stderr, flush=True)


def _ready(out: Path | None) -> Callable[[str, Path], None]:
    def announce(url: str, site: Path) -> None:
        where = f"site: {site}" if out is not None else f"site: {site} (removed on exit)"
        print(f"{where}\nserving at {url} (Ctrl-C to stop)", flush=True)

    return announce


def register(app: typer.Typer) -> None:
    app.command()(watch)
    app.command()(serve)
