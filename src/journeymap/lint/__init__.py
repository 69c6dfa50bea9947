"""Lint stage: semantic rules over the journey model, configured per project and per path.

The engine runs each active rule's `check`, places findings through the source's node tree,
applies inline suppressions and reports the ones that suppress nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from journeymap.config import Project
from journeymap.diagnostics import Diagnostic, Severity, at
from journeymap.lint import suppress
from journeymap.lint.registry import all_rules
from journeymap.lint.rule import Context, Rule
from journeymap.lint.settings import Settings
from journeymap.model import JourneyMap
from journeymap.source import Source

if TYPE_CHECKING:
    from journeymap.analytics.measures import Measures

UNUSED = "JM300"


def lint(
    journey: JourneyMap,
    source: Source,
    project: Project,
    settings: Settings,
    measures: Measures | None = None,
) -> list[Diagnostic]:
    """`measures`, when given, is the whole measures file; rules see this map's part."""
    relative = _relative(source, project) if settings.by_path else ""
    mine = measures.maps.get(journey.id) if measures is not None else None
    context = Context(journey, project, mine, settings.options)
    found: list[Diagnostic] = []
    for rule in all_rules():
        if not rule.applies_to(journey.kind):
            continue
        severity = settings.severity_for(rule, relative, default_on=rule.enabled)
        if severity is not None:
            found.extend(_run(rule, journey, context, source, severity))
    return _suppressed(found, source)


def _run(
    rule: Rule, journey: JourneyMap, context: Context, source: Source, severity: Severity
) -> Iterator[Diagnostic]:
    try:
        findings = list(rule.check(journey, context))
    except Exception as exc:  # a faulty plugin rule must not stop the run
        message = f"rule {rule.name} failed: {type(exc).__name__}: {exc}"
        yield at(source.display, 1, 1, rule.code, message, severity=Severity.ERROR)
        return
    for finding in findings:
        line, col = source.position(finding.at, key=finding.key)
        yield at(
            source.display,
            line,
            col,
            rule.code,
            finding.message,
            severity=severity,
            hint=finding.hint,
        )


def _suppressed(found: list[Diagnostic], source: Source) -> list[Diagnostic]:
    marks = suppress.parse(source.text)
    if not marks:
        return found
    kept = []
    for diagnostic in found:
        covering = [m for m in marks if m.covers(diagnostic.code, diagnostic.line)]
        for mark in covering:
            mark.used.add(diagnostic.code)
        if not covering:
            kept.append(diagnostic)
    for mark in marks:
        kept.extend(_unused(mark, source.display))
    return kept


def _unused(mark: suppress.Suppression, display: str) -> Iterator[Diagnostic]:
    for name in mark.unknown:
        yield at(
            display,
            mark.line,
            mark.col,
            UNUSED,
            f"suppression names an unknown rule {name!r}",
            severity=Severity.WARNING,
        )
    for code, name in mark.codes.items():
        if code not in mark.used:
            message = f"suppression of {name} suppresses nothing"
            yield at(
                display,
                mark.line,
                mark.col,
                UNUSED,
                message,
                severity=Severity.WARNING,
                hint="remove the comment",
            )


def _relative(source: Source, project: Project) -> str:
    try:
        return source.path.resolve().relative_to(project.root.resolve()).as_posix()
    except ValueError:
        return source.path.name
