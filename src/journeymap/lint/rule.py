"""What a lint rule is: a module (or any object) with a code, a name, a severity and `check`.

Built-in rules register exactly as a plugin would, through the `journeymap.rules` entry-point
group; each entry point names a module with these attributes:

    CODE = "JM3xx"            permanent; never reused, even when a rule is retired
    NAME = "kebab-case-name"  stable; usable wherever a code is
    SEVERITY = "warning"      error | warning | info
    KINDS = ("current-state",)  optional: the map kinds the rule applies to
    ENABLED = False           optional: off unless `[lint] enable` names it
    def check(journey, context) -> Iterable[Finding]

The module's docstring is the rule's documentation: a summary line, then *Why*,
*Anti-pattern* and *Best practice* sections.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Any

from journeymap.config import Project
from journeymap.diagnostics import Severity
from journeymap.model import Edge, JourneyMap, Path_, transitions

if TYPE_CHECKING:
    from journeymap.analytics.measures import MapMeasures


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem a rule found, placed by a path into the map (`Step.at`, `PainPoint.at`...)."""

    at: Path_
    message: str
    hint: str | None = None
    key: bool = False


class Context:
    """What rules may look at besides the map, computed once per map and only when asked.

    `measures` is what `journeymap measure` found for this map (matched by map id) when a
    measures file was given (`--measures`, `[analytics] measures`), else None; rules on
    measures find nothing without it. `option` reads a rule's `[lint.options]` threshold.
    """

    def __init__(
        self,
        journey: JourneyMap,
        project: Project,
        measures: MapMeasures | None = None,
        options: Mapping[str, Mapping[str, float]] | None = None,
    ) -> None:
        self.journey = journey
        self.project = project
        self.measures = measures
        self._options = options or {}
        self._transitions: dict[str, tuple[Edge, ...]] | None = None

    def option(self, code: str, key: str, default: float) -> float:
        return float(self._options.get(code, {}).get(key, default))

    @property
    def transitions(self) -> dict[str, tuple[Edge, ...]]:
        if self._transitions is None:
            self._transitions = transitions(self.journey)
        return self._transitions


Check = Callable[[JourneyMap, Context], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    kinds: tuple[str, ...] | None
    check: Check
    doc: str
    origin: str
    enabled: bool = True

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0] if self.doc.strip() else self.name

    def applies_to(self, kind: str) -> bool:
        return self.kinds is None or kind in self.kinds


def rule_from(target: Any, origin: str) -> Rule:
    """A Rule from a loaded entry point: a module, or an object with the same attributes."""
    doc = inspect.getdoc(target) or ""
    if not isinstance(target, ModuleType) and doc == inspect.getdoc(type(target)):
        doc = getattr(target, "DOC", doc)
    kinds = getattr(target, "KINDS", None)
    return Rule(
        code=str(target.CODE),
        name=str(target.NAME),
        severity=Severity.parse(str(getattr(target, "SEVERITY", "warning"))),
        kinds=tuple(kinds) if kinds else None,
        check=target.check,
        doc=doc,
        origin=origin,
        enabled=bool(getattr(target, "ENABLED", True)),
    )
