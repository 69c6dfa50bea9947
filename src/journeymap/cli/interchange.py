"""Commands of the interchange feature; `register` adds them to the app."""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import Annotated

import typer

from journeymap.cli.commands import check_inputs, fail
from journeymap.diagnostics import printable


class ExportFormat(enum.StrEnum):
    markdown = "markdown"
    mermaid = "mermaid"
    csv = "csv"
    json = "json"


class ImportFormat(enum.StrEnum):
    mermaid = "mermaid"
    csv = "csv"


_SUFFIXES = {".mmd": "mermaid", ".mermaid": "mermaid", ".csv": "csv"}


def export(
    path: Annotated[Path, typer.Argument(metavar="MAP", help="The map to export.")],
    to: Annotated[
        ExportFormat,
        typer.Option("--to", "-t", help="markdown (wiki page), mermaid (journey), csv, json."),
    ],
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write to this file (default: stdout).")
    ] = None,
) -> None:
    """Export a map as Markdown, a Mermaid journey diagram, CSV (a row per step) or JSON."""
    from journeymap.interchange.exporting import export_map
    from journeymap.output import write_atomic
    from journeymap.report.text import line

    check_inputs([path])
    text, diagnostics = export_map(path, to.value)
    if text is None:
        for diagnostic in diagnostics:
            print(line(diagnostic), file=sys.stderr)
        raise typer.Exit(1)
    if out is None:
        sys.stdout.write(text)
        return
    if overwrites(out, [path]):
        raise fail(f"{out} is the map being exported; choose another --out")
    try:
        write_atomic(out, text)
    except OSError as exc:
        raise fail(f"cannot write {out}: {exc.strerror or exc}") from None


def import_(
    path: Annotated[Path, typer.Argument(metavar="FILE", help="The Mermaid or CSV file.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="The map to write (.yaml).")],
    source_format: Annotated[
        ImportFormat | None,
        typer.Option("--from", "-f", help="mermaid or csv (default: from the file's suffix)."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Make a valid map from a Mermaid journey diagram or a CSV file (as `export` writes)."""
    from journeymap.interchange.importing import import_file
    from journeymap.report.text import line

    check_inputs([path])
    chosen = source_format.value if source_format else _SUFFIXES.get(path.suffix.lower())
    if chosen is None:
        raise fail(f"cannot tell the format of {path}; add --from mermaid or --from csv")
    if out.suffix not in (".yaml", ".yml"):
        raise fail(f"{out} is not a .yaml or .yml file")
    if out.exists() and not force:
        raise fail(f"{out} already exists (use --force to overwrite)")
    if not out.parent.is_dir():
        raise fail(f"directory {out.parent} does not exist")
    try:
        written, diagnostics = import_file(path, chosen, out)
    except OSError as exc:
        raise fail(f"cannot write {out}: {exc.strerror or exc}") from None
    for diagnostic in diagnostics:
        print(line(diagnostic), file=sys.stderr)
    if not written:
        raise typer.Exit(1)
    for written_path in written:
        shown = written_path if written_path == out else _shown(written_path)
        print(f"wrote {printable(str(shown))}")


def _shown(path: Path) -> Path:
    """The schema file beside the map: relative to the working directory when below it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return path


def overwrites(out: Path, inputs: list[Path]) -> bool:
    """Whether writing `out` would replace one of the inputs (a slip that loses a map)."""
    try:
        return out.exists() and any(p.exists() and out.samefile(p) for p in inputs)
    except OSError:
        return False


def register(app: typer.Typer) -> None:
    """Adds this module's commands to the app."""
    app.command("export")(export)
    app.command("import")(import_)
