"""The pull-request comment: a summary line, then a section with a bullet list per map.

Every piece of map text and every file name goes through `md_escape`; ids go into code
spans. Long change lists fold into `<details>` so a large diff stays a readable comment.
"""

from __future__ import annotations

from journeymap.diff.api import DiffResult
from journeymap.diff.changes import MapDiff
from journeymap.diff.describe import sentence
from journeymap.diff.future import FutureReport, PainStatus
from journeymap.diff.text import future_summary, step_note
from journeymap.diff.words import fill, map_summary, md_arg, md_code, md_escape, overall

FOLD_AFTER = 25
"""Change lists longer than this are folded."""


def render_markdown(result: DiffResult) -> str:
    if result.future is not None:
        return _future(result.future)
    lines = [f"### journeymap diff: {overall(result.maps)}"]
    if result.revision:
        lines[0] += f" (against {md_code(result.revision)})"
    for diff in result.maps:
        lines.extend(["", *_map(diff)])
    return "\n".join(lines) + "\n"


def _map(diff: MapDiff) -> list[str]:
    heading = f"#### {md_escape(diff.label, 400)}"
    title = f"“{md_escape(diff.title)}”" if diff.title else ""
    summary = f"{title} ({md_code(diff.map_id)}): " if diff.map_id else ""
    lines = [heading, "", summary + map_summary(diff)]
    if diff.status == "modified" and diff.old:
        lines[-1] += f"; compared with {md_escape(diff.old, 400)}"
    bullets = [
        f"- {md_code(words.marker)} {fill(words, md_arg)}"
        for words in (sentence(change) for change in diff.changes)
    ]
    if not bullets:
        return lines
    if len(bullets) > FOLD_AFTER:
        return [
            *lines,
            "",
            f"<details><summary>{len(bullets)} changes</summary>",
            "",
            *bullets,
            "",
            "</details>",
        ]
    return [*lines, "", *bullets]


def _future(report: FutureReport) -> str:
    lines = [
        f"### journeymap: future state {md_code(report.map_id)} against"
        f" {md_code(report.based_on_id)}",
        "",
        future_summary(report),
        "",
        f"#### Resolved pain points ({len(report.resolved)})",
        "",
        *_pains(report.resolved, "No pain point is resolved yet."),
        "",
        f"#### Open pain points, most severe first ({len(report.open)})",
        "",
        *_pains(report.open, "No pain point is left open."),
        "",
        "#### Future steps",
        "",
    ]
    for status, steps in report.by_status().items():
        for step in steps:
            line = f"- **{status}** {md_code(step.id)}: “{md_escape(step.label)}”"
            if step.mismatch:
                line += f" ⚠ {md_escape(step.mismatch)}"
            lines.append(line)
    lines += ["", f"#### Steps of {md_code(report.based_on_id)} with no counterpart", ""]
    lines += [
        f"- {md_code(key)} in {md_code(stage)}: “{md_escape(label)}”"
        for key, stage, label in report.unmatched
    ] or ["Every step has a counterpart."]
    return "\n".join(lines) + "\n"


def _pains(pains: list[PainStatus], empty: str) -> list[str]:
    return [_pain(p) for p in pains] or [empty]


def _pain(pain: PainStatus) -> str:
    severity = f"severity {pain.severity}, " if pain.severity else ""
    owner = f", owner “{md_escape(pain.owner)}”" if pain.owner else ""
    by = ", ".join(md_code(s) for s in pain.resolved_by)
    resolved = f", resolved by {by}" if by else ""
    note = f", {step_note(pain.step_note)}" if pain.step_note else ""
    return (
        f"- {md_code(pain.id)} ({severity}step {md_code(pain.step)}{note}{owner}{resolved}):"
        f" “{md_escape(pain.text)}”"
    )
