"""The terminal report: one line per change, diff-style markers, colour only on a tty."""

from __future__ import annotations

from journeymap.diff.api import DiffResult
from journeymap.diff.changes import MapDiff
from journeymap.diff.describe import safe, sentence
from journeymap.diff.future import FutureReport
from journeymap.diff.words import fill, map_summary, overall, plain_arg, plural

_COLORS = {"+": "32", "-": "31", "~": "33", ">": "36", "!": "31"}


class _Paint:
    """ANSI colours when asked for, nothing otherwise."""

    def __init__(self, color: bool) -> None:
        self.color = color

    def __call__(self, text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.color else text

    def marker(self, marker: str) -> str:
        return self(marker, _COLORS.get(marker, "0"))


def render_text(result: DiffResult, *, color: bool = False) -> str:
    paint = _Paint(color)
    if result.future is not None:
        return _future(result.future, paint)
    lines: list[str] = []
    for diff in result.maps:
        lines.extend(_map(diff, paint))
    if result.mode == "git" or len(result.maps) != 1:
        lines.append(paint(overall(result.maps), "1"))
    return "".join(line + "\n" for line in lines)


def _map(diff: MapDiff, paint: _Paint) -> list[str]:
    summary = map_summary(diff)
    if diff.status in ("added", "deleted"):
        marker = paint.marker("+" if diff.status == "added" else "-")
        title = f" “{safe(diff.title)}”" if diff.map_id else ""
        return [f"{marker} {paint(safe(diff.label), '1')}:{title} {summary}"]
    if not diff.changes:
        return [f"{safe(diff.old or '')} → {safe(diff.new or '')}: no changes"]
    lines = [paint(f"--- {safe(diff.old or '')}", "1"), paint(f"+++ {safe(diff.new or '')}", "1")]
    for change in diff.changes:
        words = sentence(change)
        lines.append(f"  {paint.marker(words.marker)} {fill(words, plain_arg)}")
    lines.append(summary)
    return lines


def _future(report: FutureReport, paint: _Paint) -> str:
    total = len(report.resolved) + len(report.open)
    lines = [
        paint(f"future state {safe(report.future)} ({report.map_id})", "1"),
        paint(f"based on     {safe(report.based_on)} ({report.based_on_id})", "1"),
        "",
        f"Resolved pain points: {len(report.resolved)} of {total}",
    ]
    for pain in report.resolved:
        by = ", ".join(pain.resolved_by)
        lines.append(
            f"  {paint.marker('+')} {pain.id}{_severity(pain.severity)} in step {pain.step},"
            f" resolved by {by}: “{safe(pain.text)}”"
        )
    lines.append(f"Open pain points, most severe first: {len(report.open)}")
    for pain in report.open:
        owner = f", owner “{safe(pain.owner)}”" if pain.owner else ""
        note = f" ({step_note(pain.step_note)})" if pain.step_note else ""
        lines.append(
            f"  {paint.marker('!')} {pain.id}{_severity(pain.severity)} in step {pain.step}"
            f"{note}{owner}: “{safe(pain.text)}”"
        )
    groups = report.by_status()
    lines.append(
        "Future steps: " + ", ".join(f"{len(steps)} {status}" for status, steps in groups.items())
    )
    for status, steps in groups.items():
        for step in steps:
            lines.append(f"  {status:<9} {step.id}: “{safe(step.label)}”")
            if step.mismatch:
                lines.append(f"  {paint.marker('!')}         {step.mismatch}")
    lines.append(f"Steps of {report.based_on_id} with no counterpart: {len(report.unmatched)}")
    for key, stage, label in report.unmatched:
        lines.append(f"  {paint.marker('-')} {key} ({stage}): “{safe(label)}”")
    lines.append(future_summary(report))
    return "".join(line + "\n" for line in lines)


def step_note(note: str) -> str:
    """Why an open pain point may be gone without being resolved."""
    if note == "removed":
        return "the step is marked removed"
    return "the step has no counterpart"


def _severity(severity: int | None) -> str:
    return f" (severity {severity})" if severity else ""


def future_summary(report: FutureReport) -> str:
    """The report in one line."""
    total = len(report.resolved) + len(report.open)
    counts = report.by_status()
    steps = ", ".join(f"{len(s)} {status}" for status, s in counts.items())
    return (
        f"{len(report.resolved)} of {plural(total, 'pain point')} resolved, {len(report.open)}"
        f" open; steps: {steps}; {len(report.unmatched)} without counterpart"
    )
