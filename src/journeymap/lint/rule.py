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
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from journeymap.config import Project
from journeymap.diagnostics import Severity
from journeymap.model import Edge, JourneyMap, Path_, transitions


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem a rule found, placed by a path into the map (`Step.at`, `PainPoint.at`...)."""

    at: Path_
    message: str
    hint: str | None = None
    key: bool = False


class Context:
    """What rules may look at besides the map, computed once per map and only when asked."""

    def __init__(self, journey: JourneyMap, project: Project) -> None:
        self.journey = journey
        self.project = project
        self._transitions: dict[str, tuple[Edge, ...]] | None = None

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
