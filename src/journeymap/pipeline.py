"""The compiler, one file at a time. Read `check_file` first: it names every stage in order.

    source   YAML text -> plain data + node tree for positions      (journeymap.source)
    schema   JSON Schema: fast compiled check, full report on failure (journeymap.schema)
    resolve  persona files and based_on maps, inside the project     (journeymap.resolve)
    model    frozen dataclasses                                      (journeymap.normalize)
    lint     semantic rules                                          (journeymap.lint)

Each stage adds diagnostics and the next runs only on what the previous one accepted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from journeymap.config import Project
from journeymap.diagnostics import Diagnostic
from journeymap.model import JourneyMap
from journeymap.normalize import journey_from
from journeymap.resolve import Resolver
from journeymap.schema.check import check_schema
from journeymap.source import Source, load_source


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


def check_file(path: Path, resolver: Resolver, chain: tuple[Path, ...] = ()) -> Checked:
    project = resolver.project
    result = Checked(path, project.display(path))
    source = load_source(path, result.display)
    if isinstance(source, Diagnostic):
        result.diagnostics.append(source)
        return result
    result.diagnostics.extend(check_schema(source))
    if result.diagnostics:
        return result
    result.kind = source.data["kind"]
    result.doc_id = source.data.get("id")
    result.id_position = source.position(("id",))
    if result.kind == "persona":
        return result
    result.journey = build_journey(source, resolver, (*chain, path.resolve()), result.diagnostics)
    return result


def build_journey(
    source: Source, resolver: Resolver, chain: tuple[Path, ...], diagnostics: list[Diagnostic]
) -> JourneyMap:
    """The resolve and model stages for a schema-valid map."""
    persona = resolver.persona(source, diagnostics)
    based_on = resolver.based_on(source, chain, diagnostics)
    project = resolver.project
    return journey_from(
        source.data,
        path=source.display,
        persona=persona,
        based_on=based_on,
        default_locale=project.locale,
        default_lanes=project.lanes,
    )


def load_referenced_map(
    path: Path, resolver: Resolver, chain: tuple[Path, ...]
) -> tuple[JourneyMap | None, list[Diagnostic]]:
    """How the resolver loads a `based_on` map: through exactly the same stages."""
    checked = check_file(path, resolver, chain)
    return checked.journey, checked.diagnostics


def make_resolver(project: Project) -> Resolver:
    return Resolver(project, load_referenced_map)
