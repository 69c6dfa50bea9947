"""The compiler, one file at a time. Read `check_file` first: it names every stage in order.

    source   YAML text -> plain data + node tree for positions      (journeymap.source)
    schema   JSON Schema: fast compiled check, full report on failure (journeymap.schema)
    resolve  persona files and based_on maps, inside the project     (journeymap.resolve)
    model    frozen dataclasses                                      (journeymap.normalize)
    lint     semantic rules, configured in journeymap.toml           (journeymap.lint)

Each stage adds diagnostics and the next runs only on what the previous one accepted; a map
that fails the schema is linted without the refused elements (`still_checkable`).
`render` continues with layout, render and output (journeymap.rendering).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from journeymap.config import Project, config_diagnostic
from journeymap.diagnostics import Diagnostic, Severity
from journeymap.lint import lint
from journeymap.lint.settings import Settings, settings_from
from journeymap.model import JourneyMap
from journeymap.normalize import journey_from
from journeymap.resolve import Resolver
from journeymap.schema.check import check_schema
from journeymap.source import Source, load_source, parse_text

if TYPE_CHECKING:
    from journeymap.analytics.measures import Measures


@dataclass
class Checked:
    """What checking one file produced. `journey` is None for persona files and failures."""

    path: Path
    display: str
    kind: str | None = None
    doc_id: str | None = None
    journey: JourneyMap | None = None
    id_position: tuple[int, int] | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)


@dataclass
class Session:
    """What files of one project share during a run: the reference cache, the lint settings."""

    project: Project
    lint: Settings
    given: Measures | None = None
    """Measures from the command line (`--measures`); else the project's are read if needed."""
    resolver: Resolver = field(init=False)
    _measures: Measures | None = field(init=False, default=None)
    _looked: bool = field(init=False, default=False)

    def __post_init__(self) -> None:
        self.resolver = Resolver(self.project, self._referenced_map)

    @property
    def measures(self) -> Measures | None:
        """What lint rules JM330-JM334 compare each map with: the given measures, else the
        project's `[analytics] measures` file, read the first time a map is linted."""
        if self.given is not None:
            return self.given
        if not self._looked:
            from journeymap.analytics.project_measures import project_measures

            self._measures, self._looked = project_measures(self.project), True
        return self._measures

    def config_problems(self) -> list[Diagnostic]:
        """journeymap.toml problems only the lint settings can see: rules that do not exist.
        Every command that lints reports them, so `render` cannot pass what `validate` fails."""
        return [
            config_diagnostic(self.project, where, "JM018", f"unknown lint rule {name!r}")
            for where, name in self.lint.unknown
        ]

    def _referenced_map(
        self, path: Path, resolver: Resolver, chain: tuple[Path, ...]
    ) -> tuple[JourneyMap | None, list[Diagnostic]]:
        """A `based_on` map goes through the same stages, except lint: it is linted when it
        is checked itself, and its warnings do not belong to the map that refers to it."""
        checked = check_file(path, self, chain, with_lint=False)
        return checked.journey, checked.diagnostics


def open_session(project: Project, measures: Measures | None = None) -> Session:
    return Session(project, settings_from(project.lint), measures)


def check_file(
    path: Path, session: Session, chain: tuple[Path, ...] = (), *, with_lint: bool = True
) -> Checked:
    display = session.project.display(path)
    source = load_source(path, display)
    if isinstance(source, Diagnostic):
        return Checked(path, display, diagnostics=[source])
    return check_source(source, session, chain, with_lint=with_lint)


def check_text(path: Path, text: str, session: Session, *, with_lint: bool = True) -> Checked:
    """Check text that is not on disk (a git revision, stdin) as if it were at `path`."""
    display = session.project.display(path)
    source = parse_text(text, display)
    if isinstance(source, Diagnostic):
        return Checked(path, display, diagnostics=[source])
    source.path = path
    return check_source(source, session, (), with_lint=with_lint)


def check_source(
    source: Source, session: Session, chain: tuple[Path, ...] = (), *, with_lint: bool = True
) -> Checked:
    result = Checked(source.path, source.display)
    result.diagnostics.extend(source.problems or check_schema(source))
    if result.diagnostics:
        if with_lint:
            result.diagnostics.extend(still_checkable(source, session, chain, result))
        return result
    result.kind, result.doc_id = source.data["kind"], source.data.get("id")
    result.id_position = source.position(("id",))
    if result.kind == "persona":
        return result
    chain = (*chain, source.path.resolve())
    journey = build_journey(source, session, chain, result.diagnostics)
    result.journey = journey
    if with_lint and not any(d.severity is Severity.ERROR for d in result.diagnostics):
        found = lint(journey, source, session.project, session.lint, session.measures)
        result.diagnostics.extend(found)
    return result


def still_checkable(
    source: Source, session: Session, chain: tuple[Path, ...], failed: Checked
) -> list[Diagnostic]:
    """A map that fails the schema, with the refused elements cut out (journeymap.schema.
    salvage): its ids for the project-wide checks, and the findings the cut cannot cause.
    Its journey is never kept, so nothing is drawn from it."""
    from journeymap.schema.salvage import salvage

    salvaged = salvage(source)
    if salvaged is None:
        return []
    rest = salvaged.source
    failed.kind, failed.doc_id = rest.data["kind"], rest.data.get("id")
    failed.id_position = rest.position(("id",))
    if failed.kind == "persona":
        return []
    found: list[Diagnostic] = []
    journey = build_journey(rest, session, (*chain, source.path.resolve()), found)
    if any(d.severity is Severity.ERROR for d in found):
        return []
    found.extend(lint(journey, rest, session.project, session.lint, session.measures))
    return [d for d in found if salvaged.keeps(d)]


def build_journey(
    source: Source, session: Session, chain: tuple[Path, ...], diagnostics: list[Diagnostic]
) -> JourneyMap:
    """The resolve and model stages for a schema-valid map."""
    persona = session.resolver.persona(source, diagnostics)
    based_on = session.resolver.based_on(source, chain, diagnostics)
    project = session.project
    return journey_from(
        source.data,
        path=source.display,
        persona=persona,
        based_on=based_on,
        default_locale=project.locale,
        default_lanes=project.lanes,
    )
