"""`journeymap build`: the whole project as a browsable static site."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated

import typer

from journeymap.cli.commands import MeasuresOption, fail


def build(
    directory: Annotated[Path, typer.Argument(help="The project directory.")] = Path("."),
    out: Annotated[Path, typer.Option("--out", "-o", help="The site directory.")] = Path("site"),
    force: Annotated[bool, typer.Option("--force", help="Rebuild every map.")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=0, help="Worker processes; 0 = all cores.")
    ] = 0,
    measures: MeasuresOption = None,
) -> None:
    """Build a browsable site: every map, an index, personas, channels by stage, a backlog."""
    from journeymap.i18n.english import counted
    from journeymap.report.text import line
    from journeymap.site import SiteError
    from journeymap.site import build as run

    if not directory.is_dir():
        raise fail(f"{directory} is not a directory")
    try:
        with _progress() as progress:
            result = run(
                directory, out, force=force, jobs=jobs or None, progress=progress, measures=measures
            )
    except SiteError as exc:
        raise fail(str(exc)) from None
    for diagnostic in result.diagnostics:
        print(line(diagnostic))
    print(
        f"built {counted(result.maps, 'map', 'maps')} into {out} in {result.seconds:.1f} s:"
        f" {result.rendered} rendered, {result.reused} unchanged, {result.failed} with errors;"
        f" {counted(result.files, 'file', 'files')}",
        file=sys.stderr,
    )
    worst = {d.severity.label for d in result.diagnostics}
    raise typer.Exit(1 if "error" in worst or (strict and "warning" in worst) else 0)


@contextlib.contextmanager
def _progress() -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on a terminal; nothing in CI or when stderr is not a terminal."""
    if not sys.stderr.isatty() or os.environ.get("CI"):
        yield None
        return
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task("building", total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def register(app: typer.Typer) -> None:
    app.command()(build)
