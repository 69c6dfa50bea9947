"""Every command, registered on the app. Each body is a few lines around a library call."""

from __future__ import annotations

import enum
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from journeymap.cli.terminal import wants_color
from journeymap.diagnostics import printable

MeasuresOption = Annotated[
    Path | None,
    typer.Option(
        "--measures",
        metavar="FILE",
        help="A measures file (from `journeymap measure`) to draw over the maps;"
        " default: [analytics] measures in journeymap.toml.",
    ),
]


class Format(enum.StrEnum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"
    junit = "junit"


class Kind(enum.StrEnum):
    current_state = "current-state"
    day_in_the_life = "day-in-the-life"
    future_state = "future-state"
    service_blueprint = "service-blueprint"
    persona = "persona"


def fail(message: str, code: int = 2) -> typer.Exit:
    """A one-line usage or I/O error; exit 2 unless told otherwise."""
    print(f"journeymap: {printable(message)}", file=sys.stderr)
    return typer.Exit(code)


def listed(names: list[str]) -> str:
    return ", ".join(printable(name) for name in names)


def outside_message(names: list[str]) -> str:
    return (
        f"outside the project root, not read: {listed(names)} (the root is the nearest folder"
        " with a journeymap.toml, else the working directory)"
    )


def check_inputs(paths: list[Path]) -> None:
    """Inputs named on the command line: each must exist and stay inside its project root.

    Either failure is a usage error (exit 2) reported before anything is read. A link that
    exists but leads nowhere reaches the reader, which reports it as a located JM001.
    """
    from journeymap.config import inside, root_for

    missing = [str(p) for p in paths if not os.path.lexists(p)]
    if missing:
        raise fail(f"no such file: {listed(missing)}")
    outside = [str(p) for p in paths if not inside(p, root_for(p))]
    if outside:
        raise fail(outside_message(outside))


def validate(
    paths: Annotated[
        list[str], typer.Argument(metavar="PATH...", help="Map files, directories, globs.")
    ],
    output_format: Annotated[
        Format | None,
        typer.Option("--format", "-f", help="Report format (github under GitHub Actions)."),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=0, help="Worker processes; 0 = all cores.")
    ] = 0,
    no_lint: Annotated[
        bool, typer.Option("--no-lint", help="Schema and references only, no lint rules.")
    ] = False,
    measures: Annotated[
        Path | None,
        typer.Option(
            "--measures",
            metavar="FILE",
            help="A measures file for the rules JM330-JM334 (default: [analytics] measures).",
        ),
    ] = None,
    only_maps: Annotated[
        bool,
        typer.Option(
            "--only-maps",
            help="Pass over YAML files with no `journeymap:` line (CI settings, data), as a"
            " check of a whole repository wants.",
        ),
    ] = False,
    fix: Annotated[
        bool,
        typer.Option("--fix", help="First apply the safe fixes (did-you-mean) to the files."),
    ] = False,
) -> None:
    """Check maps against the schema, references and lint rules (for CI)."""
    from journeymap.report import REPORTERS
    from journeymap.report.text import summary
    from journeymap.source import HAVE_LIBYAML
    from journeymap.validation import validate as run

    if not HAVE_LIBYAML:
        print(
            "journeymap: warning: PyYAML has no libyaml here; validation is about 8x slower"
            " (reinstall PyYAML from a binary wheel)",
            file=sys.stderr,
        )

    if measures is not None:
        _check_measures(measures)
    if fix:
        _fix(paths)
    chosen = output_format or (Format.github if os.environ.get("GITHUB_ACTIONS") else Format.text)
    color = chosen is Format.text and wants_color(sys.stdout)
    result = run(
        paths,
        jobs=jobs or None,
        color=color,
        with_lint=not no_lint,
        measures=measures,
        only_maps=only_maps,
    )
    if result.missing:
        raise fail(_missing_message(result.missing))
    if result.outside:
        raise fail(outside_message(result.outside))
    for folder in result.empty:
        print(f"journeymap: note: no maps in {listed([folder])} {_NO_MAPS}", file=sys.stderr)
    sys.stdout.write(REPORTERS[chosen.value](result.outcome))
    if chosen in (Format.text, Format.github):
        print(summary(result.outcome), file=sys.stderr)
    raise typer.Exit(1 if result.failed(strict=strict) else 0)


def _fix(paths: list[str]) -> None:
    """`--fix`: rewrite the fixed tokens in place (journeymap.fix), one line per file."""
    from journeymap.fix.files import fix_arguments

    for fixed in fix_arguments(paths):
        print(f"journeymap: fixed {fixed.count} problem(s) in {fixed.display}", file=sys.stderr)


_NO_MAPS = "(no .yaml or .yml file outside hidden folders); nothing to check"


def _missing_message(missing: list[str]) -> str:
    """A glob that matches no map says so; any other argument names nothing on disk."""
    import glob

    patterns = [name for name in missing if glob.has_magic(name)]
    names = [name for name in missing if name not in patterns]
    parts = [f"no such file or directory: {listed(names)}"] if names else []
    parts += [f"no map matches {listed(patterns)}"] if patterns else []
    return "; ".join(parts)


def _check_measures(path: Path) -> None:
    """A measures file given on the command line must load: one line and exit 2 otherwise."""
    from journeymap.analytics.measures import MeasuresError
    from journeymap.analytics.project_measures import read_measures_file

    try:
        read_measures_file(path)
    except MeasuresError as error:
        raise fail(str(error)) from None


def schema() -> None:
    """Print the JSON Schema (Draft 2020-12) that every map is checked against."""
    from journeymap.schema import schema_text

    sys.stdout.write(schema_text())


def dump(path: Annotated[Path, typer.Argument(help="The map to dump.")]) -> None:
    """Print a map resolved and normalised, as JSON (what the loader produced)."""
    from journeymap.dump import dump_map
    from journeymap.report.text import line

    check_inputs([path])
    text, diagnostics = dump_map(path)
    for diagnostic in diagnostics:
        print(line(diagnostic), file=sys.stderr)
    if text is None:
        raise typer.Exit(1)
    sys.stdout.write(text)


def init(
    name: Annotated[str, typer.Argument(help="File name or id of the new map.")],
    kind: Annotated[
        Kind, typer.Option("--kind", "-k", help="The kind of map, or persona for a persona file.")
    ] = Kind.current_state,
    locale: Annotated[str, typer.Option(help="Language tag of the new map.")] = "en",
    title: Annotated[
        str | None,
        typer.Option(help="The map's title (a persona's name); default: from the file name."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Create a new, valid, commented map of the given kind (folders too)."""
    from journeymap.config import Project
    from journeymap.scaffold import ScaffoldError, scaffold

    try:
        written = scaffold(name, kind=kind.value, locale=locale, force=force, title=title)
    except ScaffoldError as exc:
        raise fail(str(exc)) from None
    shown = Project(Path.cwd())
    for path in written:
        print(f"wrote {shown.display(path)}")


class View(enum.StrEnum):
    grid = "grid"
    flow = "flow"
    all = "all"


class OutputFormat(enum.StrEnum):
    svg = "svg"
    html = "html"
    png = "png"


def render(
    maps: Annotated[list[Path], typer.Argument(metavar="MAP...", help="Map files to render.")],
    out_dir: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Output directory (default: beside each map)."),
    ] = None,
    view: Annotated[
        View, typer.Option("--view", help="grid, flow, or all (flow only when the map branches).")
    ] = View.all,
    formats: Annotated[
        list[OutputFormat] | None,
        typer.Option(
            "--format", "-f", help="svg, html or png; repeat for several (default svg, html)."
        ),
    ] = None,
    measures: MeasuresOption = None,
    wrap: Annotated[
        float | None,
        typer.Option(
            "--wrap",
            metavar="WIDTH",
            min=0,
            max=100_000,
            help="Wrap the grid into rows at most WIDTH px wide (0: one row; default: the "
            "project's [theme] wrap_width).",
        ),
    ] = None,
) -> None:
    """Draw maps as SVG (grid and flow views), a self-contained HTML document, or PNG."""
    from journeymap.rendering import Request, render_paths
    from journeymap.report.text import line

    check_inputs(maps)
    chosen = tuple(f.value for f in formats) if formats else ("svg", "html")
    stems = [m.stem for m in maps]
    if out_dir is not None and len(set(stems)) != len(stems):
        raise fail("two maps share a file name; render them to different --out directories")
    if measures is not None:
        _check_measures(measures)
    request = Request(view.value, chosen, out_dir, measures=measures, wrap=wrap)
    results = render_paths(maps, request)
    for result in results:
        for diagnostic in result.diagnostics:
            print(line(diagnostic), file=sys.stderr)
        for failure in result.failures:
            print(f"journeymap: {result.display}: {printable(failure)}", file=sys.stderr)
        for warning in result.warnings:
            print(f"journeymap: {result.display}: warning: {printable(warning)}", file=sys.stderr)
        if measures is not None and result.files and result.measured is None:
            note = f"{measures} has no measures of this map's id; drawn without them"
            print(f"journeymap: {result.display}: {printable(note)}", file=sys.stderr)
        for name in sorted(result.files):
            print(printable(str((out_dir or result.path.parent) / name)))
    raise typer.Exit(0 if all(r.ok for r in results) else 1)


def rules(
    rule: Annotated[
        str | None, typer.Argument(help="A rule code or name, to show its documentation.")
    ] = None,
) -> None:
    """List the lint rules, or show one rule's documentation."""
    from journeymap.lint.docs import rule_page, rule_table
    from journeymap.lint.registry import find, load

    for problem in load()[1]:
        print(f"journeymap: {printable(str(problem))}", file=sys.stderr)
    if rule is None:
        for code, name, severity, summary in rule_table():
            print(f"{code}  {name:40s} {severity:8s} {summary}")
        return
    found = find(rule)
    if found is None:
        raise fail(f"no rule {rule!r}; `journeymap rules` lists them")
    sys.stdout.write(rule_page(found))


def register(app: typer.Typer) -> None:
    for command in (validate, render, rules, schema, dump, init):
        app.command()(command)
