"""Resolve stage: persona files and `based_on` maps, never outside the project, never remote.

A reference is a relative path (from the referencing file) or, for personas, an id looked up
in the project's personas directory. Every refusal is reported at the referencing line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from journeymap.config import Project
from journeymap.diagnostics import Diagnostic, Severity
from journeymap.model import JourneyMap, Persona
from journeymap.normalize import persona_from
from journeymap.source import Source, load_source

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_PERSONA_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# Loads and checks a map file (source, schema, references, model); supplied by the pipeline so
# that `based_on` maps go through exactly the same stages as the map being checked.
MapLoader = Callable[
    [Path, "Resolver", tuple[Path, ...]], "tuple[JourneyMap | None, list[Diagnostic]]"
]


@dataclass
class Resolver:
    """Per-run reference resolution with a cache, so a shared persona is parsed once."""

    project: Project
    load_map: MapLoader
    personas: dict[Path, tuple[Persona | None, list[Diagnostic]]] = field(default_factory=dict)
    maps: dict[Path, tuple[JourneyMap | None, list[Diagnostic]]] = field(default_factory=dict)
    uses: dict[Path, set[Path]] = field(default_factory=dict)
    """Every file a map's result depends on, by the map's resolved path (for build caches)."""

    def dependencies(self, path: Path) -> frozenset[Path]:
        """The files `path` reads through its references, transitively, itself excluded."""
        return frozenset(self.uses.get(path.resolve(), ()))

    def _record(self, source: Source, target: Path) -> None:
        used = self.uses.setdefault(source.path.resolve(), set())
        used.add(target)
        used.update(self.uses.get(target, ()))

    def persona(self, source: Source, diagnostics: list[Diagnostic]) -> Persona | None:
        value = source.data.get("persona")
        if value is None:
            return None
        if isinstance(value, dict):
            return self._with_photo(persona_from(value), source, ("persona",), diagnostics)
        target = self._target(source, ("persona",), value, diagnostics, persona_id=True)
        if target is None:
            return None
        self._record(source, target)
        if target not in self.personas:
            self.personas[target] = self._load_persona(target)
        persona, problems = self.personas[target]
        diagnostics.extend(p for p in problems if p.code != "JM207")
        if persona is None:
            wrong_kind = next((p for p in problems if p.code == "JM207"), None)
            message = wrong_kind.message if wrong_kind else f"persona file {value!r} has errors"
            diagnostics.append(source.diagnostic(("persona",), "JM207", message))
        return persona

    def based_on(
        self, source: Source, chain: tuple[Path, ...], diagnostics: list[Diagnostic]
    ) -> JourneyMap | None:
        value = source.data.get("based_on")
        if value is None:
            return None
        target = self._target(source, ("based_on",), value, diagnostics, persona_id=False)
        if target is None:
            return None
        if target == source.path.resolve():
            diagnostics.append(
                source.diagnostic(("based_on",), "JM206", "a map cannot be based on itself")
            )
            return None
        if target in chain:
            root = self.project.root.resolve()
            names = " -> ".join(p.relative_to(root).as_posix() for p in (*chain, target))
            diagnostics.append(
                source.diagnostic(("based_on",), "JM205", f"based_on cycle: {names}")
            )
            return None
        journey = self._based_on_map(source, value, target, chain, diagnostics)
        self._record(source, target)
        return journey

    def _based_on_map(
        self,
        source: Source,
        value: str,
        target: Path,
        chain: tuple[Path, ...],
        diagnostics: list[Diagnostic],
    ) -> JourneyMap | None:
        if target not in self.maps:
            self.maps[target] = self.load_map(target, self, chain)
        journey, problems = self.maps[target]
        diagnostics.extend(problems)
        if journey is None:
            diagnostics.append(_unusable_base(source, value, problems))
            return None
        if journey.kind not in ("current-state", "future-state"):
            diagnostics.append(
                source.diagnostic(
                    ("based_on",),
                    "JM207",
                    "based_on must name a current-state or future-state map,"
                    f" not a {journey.kind} map",
                )
            )
            return None
        return journey

    def _target(
        self,
        source: Source,
        pointer: tuple[str, ...],
        value: str,
        diagnostics: list[Diagnostic],
        *,
        persona_id: bool,
    ) -> Path | None:
        problem, target = self._check_reference(source.path, value, persona_id=persona_id)
        if problem is not None:
            code, message, hint = problem
            diagnostics.append(source.diagnostic(pointer, code, message, hint=hint))
            return None
        return target

    def _check_reference(
        self, referrer: Path, value: str, *, persona_id: bool
    ) -> tuple[tuple[str, str, str | None] | None, Path | None]:
        if PurePosixPath(value).is_absolute() or PureWindowsPath(value).is_absolute():
            hint = "write a path relative to this file"
            return ("JM201", f"{value!r} is an absolute path", hint), None
        if _URL.match(value) or "://" in value:
            return ("JM201", f"{value!r} is a URL; references must be files", None), None
        if "\x00" in value:
            return ("JM201", "reference contains a NUL character", None), None
        if persona_id and _PERSONA_ID.match(value):
            candidates = [
                self.project.root / self.project.personas_dir / f"{value}{ext}"
                for ext in (".yaml", ".yml")
            ]
            raw = next((c for c in candidates if c.exists()), candidates[0])
        else:
            raw = referrer.parent / value
        return self._inside_root(raw, value)

    def _inside_root(
        self, raw: Path, value: str
    ) -> tuple[tuple[str, str, str | None] | None, Path | None]:
        try:
            target = raw.resolve()
        except (OSError, RuntimeError):
            return ("JM203", f"cannot resolve {value!r} (symlink loop?)", None), None
        root = self.project.root.resolve()
        if not target.is_relative_to(root):
            return (
                "JM202",
                f"{value!r} points outside the project root",
                f"the project root is {self.project.display(root)}",
            ), None
        if not target.exists():
            return ("JM203", f"referenced file {value!r} does not exist", None), None
        if not target.is_file():
            return ("JM204", f"{value!r} is not a regular file", None), None
        return None, target

    def _load_persona(self, target: Path) -> tuple[Persona | None, list[Diagnostic]]:
        from journeymap.schema.check import check_schema

        display = self.project.display(target)
        source = load_source(target, display)
        if isinstance(source, Diagnostic):
            return None, [source]
        problems = source.problems or check_schema(source)
        if problems:
            return None, problems
        data: dict[str, Any] = source.data
        if data.get("kind") != "persona":
            message = f"{display} is a {data.get('kind')} map, not a persona file (kind: persona)"
            return None, [source.diagnostic(("kind",), "JM207", message)]
        found: list[Diagnostic] = []
        return self._with_photo(persona_from(data, display), source, (), found), found

    def _with_photo(
        self,
        persona: Persona,
        source: Source,
        pointer: tuple[str, ...],
        diagnostics: list[Diagnostic],
    ) -> Persona:
        """The persona with its photo embedded; a bad photo is one diagnostic at `photo`."""
        from journeymap.photo import read_photo

        data = source.data
        for key in pointer:
            data = data[key]
        value = data.get("photo")
        if not isinstance(value, str):
            return persona
        at = (*pointer, "photo")
        target = self._target(source, at, value, diagnostics, persona_id=False)
        if target is None:
            return persona
        self._record(source, target)
        photo, problem = read_photo(target, value)
        if problem is not None:
            diagnostics.append(source.diagnostic(at, "JM211", problem))
            return persona
        return replace(persona, photo=photo)


def _unusable_base(source: Source, value: str, problems: list[Diagnostic]) -> Diagnostic:
    """Why a based_on file gave no map: its own errors, else it is a (valid) persona file."""
    if any(p.severity is Severity.ERROR for p in problems):
        return source.diagnostic(("based_on",), "JM207", f"based_on map {value!r} has errors")
    message = f"based_on names {value!r}, a persona file, not a map"
    hint = "based_on names the current-state or future-state map this map improves"
    return source.diagnostic(("based_on",), "JM207", message, hint=hint)
