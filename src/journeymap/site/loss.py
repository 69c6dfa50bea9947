"""Measured loss on the site: which pain point costs the most customers, and what was measured.

A pain point's measured loss is the cases whose journey ended at its step (where the map
leads on) times its severity, an unset severity counting as 1. A suppressed count stays
unknown ("< N"), and sorts after every known loss, never as 0.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from journeymap.i18n import Labels
from journeymap.layout.context import format_number
from journeymap.layout.measured import percent
from journeymap.site.summary import Summary

LOSS_PAGE = "backlog-loss.html"


def add_loss(rows: list[dict[str, Any]], summaries: list[Summary], words: Labels) -> bool:
    """Give each backlog row its cases lost and measured loss; True if any map is measured."""
    measured = {s.path: s.measured for s in summaries if s.measured}
    for row in rows:
        facts = measured.get(row["path"])
        row["lost"] = row["loss"] = None
        row["lost_text"] = ""
        if facts is None:
            continue
        lost = facts["lost"]
        if row["step_id"] not in lost:
            row["lost_text"] = words["funnel.unbound"]
        elif lost[row["step_id"]] is None:
            row["lost_text"] = f"< {format_number(facts['min_cases'], words)}"
        else:
            row["lost"] = lost[row["step_id"]]
            row["loss"] = row["lost"] * (row["severity"] or 1)
            row["lost_text"] = format_number(row["lost"], words)
            row["loss_text"] = format_number(row["loss"], words)
    return bool(measured)


def by_loss(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Largest measured loss first; unknown losses after, most severe first."""
    return sorted(
        rows,
        key=lambda r: (r["loss"] is None, -(r["loss"] or 0), -(r["severity"] or 0), r["path"]),
    )


def loss_cells(row: dict[str, Any]) -> str:
    loss = row.get("loss_text", "")
    lost = "num" if row["lost"] is not None else "muted"
    return f'<td class="{lost}">{escape(row["lost_text"])}</td><td class="num loss">{loss}</td>'


def sort_header(words: Labels, *, by_loss: bool) -> Markup:
    """The backlog's headers: severity and measured loss, each a link to the page sorted by it."""
    severity = escape(words["label.severity"])
    loss = escape(words["site.measured_loss"])
    mark = ' aria-sort="descending"'
    return Markup(
        f'<th scope="col"{"" if by_loss else mark}><a href="backlog.html">{severity}</a></th>'
        f'<th scope="col">{escape(words["lane.pain_points"])}</th>'
        f'<th scope="col">{escape(words["label.owner"])}</th>'
        f'<th scope="col">{escape(words["site.map"])}</th>'
        f'<th scope="col">{escape(words["label.stage"])}</th>'
        f'<th scope="col">{escape(words["label.step"])}</th>'
        f'<th scope="col">{escape(words["site.channel"])}</th>'
        f'<th scope="col">{escape(words["label.resolved_by"])}</th>'
        f'<th scope="col">{escape(words["site.cases_lost"])}</th>'
        f'<th scope="col"{mark if by_loss else ""}><a href="{LOSS_PAGE}">{loss}</a></th>'
    )


def index_note(summary: Summary, words: Labels) -> str:
    """ "Measured 2026-01-01 – 2026-03-31 · 1 000 cases · 81% of events claimed", or ""."""
    facts = summary.measured
    if not facts:
        return ""
    first, last = (facts["first"] or "")[:10], (facts["last"] or "")[:10]
    period = words.dates(first, last)
    parts = [words.format("site.measured", period=period) if first else words["site.measured_none"]]
    parts.append(words.count("count.cases", facts["cases"]))
    if facts["events"] is not None:
        parts.append(words.format("site.coverage", share=percent(facts["events"], words)))
    return " \u00b7 ".join(parts)
