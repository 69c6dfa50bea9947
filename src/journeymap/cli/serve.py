"""`journeymap watch` and `journeymap serve`: rebuild on every save; serve with live reload."""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import FrameType
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

    _check(directory)
    print(f"watching {directory} for changes, building into {out} (Ctrl-C to stop)", flush=True)
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
    measures: MeasuresOption = None,
) -> None:
    """Build the site, serve it on 127.0.0.1, rebuild on every save and reload the browser."""
    from journeymap.serve import serve_site

    _check(directory)
    _until_interrupted(
        lambda: serve_site(
            directory, out, port=port, report=_report, ready=_ready(out), measures=measures
        )
    )


def _check(directory: Path) -> None:
    if not directory.is_dir():
        raise fail(f"{directory} is not a directory")


def _until_interrupted(run: Callable[[], None]) -> None:
    """Run until Ctrl-C (or SIGTERM), which is the normal way to stop: exit 0, no traceback."""
    from journeymap.serve import ServeError
    from journeymap.site import SiteError

    # SIGINT too: a shell starting us in the background may have set it to be ignored.
    stops = (signal.SIGINT, signal.SIGTERM) if _main_thread() else ()
    previous = {sig: signal.signal(sig, _interrupt) for sig in stops}
    try:
        run()
    except (ServeError, SiteError) as exc:
        raise fail(str(exc)) from None
    except KeyboardInterrupt:
        print("journeymap: stopped", file=sys.stderr)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _main_thread() -> bool:
    """Signal handlers can only be set there (an embedding program may call us elsewhere)."""
    return threading.current_thread() is threading.main_thread()


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


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
