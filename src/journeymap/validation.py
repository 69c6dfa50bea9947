"""`validate` as a library call: expand paths, check every file, add project-wide checks."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from journeymap.diagnostics import Collector, Severity
from journeymap.report import Outcome
from journeymap.runner import check_paths, duplicate_ids, expand, project_problems
from journeymap.source.recognise import declares_map


@dataclass(frozen=True)
class Validation:
    outcome: Outcome
    missing: list[str]
    outside: list[str]
    empty: list[str] = field(default_factory=list)
    """Directories named that hold no map file."""

    def failed(self, *, strict: bool) -> bool:
        worst = Severity.WARNING if strict else Severity.ERROR
        return any(d.severity >= worst for d in self.outcome.diagnostics)


def validate(
    arguments: Iterable[str],
    *,
    jobs: int | None = None,
    color: bool = False,
    with_lint: bool = True,
    measures: Path | None = None,
    only_maps: bool = False,
) -> Validation:
    """`measures` is a measures file for the lint rules JM330-JM334, instead of each
    project's `[analytics] measures`; the caller has checked that it loads. `only_maps`
    passes over YAML files with no `journeymap:` line (a repository's other YAML)."""
    expansion = expand(arguments)
    if expansion.missing or expansion.outside:  # usage errors: nothing is checked
        return Validation(Outcome([], [], color), expansion.missing, expansion.outside)
    files = [f for f in expansion.files if declares_map(f)] if only_maps else expansion.files
    collector = Collector()
    collector.extend(expansion.skipped)
    collector.extend(project_problems(files, measures=measures))
    reports = list(check_paths(files, jobs=jobs, with_lint=with_lint, measures=measures))
    for report in reports:
        collector.extend(report.diagnostics)
    collector.extend(duplicate_ids(reports))
    displays = [r.display for r in reports]
    outcome = Outcome(collector.sorted(), displays, color)
    return Validation(outcome, expansion.missing, expansion.outside, expansion.empty)
