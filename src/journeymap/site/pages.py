"""The pages that tie the maps together: index, persona pages, channels by stage, backlog.

Made from map summaries only, in the project's locale, with relative links so the site
works from a file system, any static host and a CI artifact.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from markupsafe import Markup

from journeymap.config import Project
from journeymap.i18n import Labels, labels
from journeymap.i18n.scripts import script_stack
from journeymap.layout.context import make_context
from journeymap.model import KINDS, PHASES
from journeymap.render.env import environment
from journeymap.render.scripts import policy, script_tag
from journeymap.site.backlog import (
    FILTERS,
    SORTS,
    backlog_csv,
    backlog_html,
    backlog_json,
    backlog_rows,
    filters,
    words_for_filters,
)
from journeymap.site.loss import LOSS_PAGE, add_loss, by_loss, index_note, sort_header
from journeymap.site.summary import OTHER_PHASE, Summary
from journeymap.theme import theme_from


def site_pages(
    summaries: list[Summary], broken: dict[str, list[str]], project: Project
) -> dict[str, bytes]:
    """Every shared page by its path in the site."""
    words = labels(project.locale)
    common = {
        "labels": words,
        "site_title": project.name or words["site.maps"],
        "font_family": Markup(script_stack(project.locale)),
        "policy": Markup(policy(images="'self' data:")),
        "script": "",
    }
    personas = _personas(summaries, words)
    rows = backlog_rows(summaries)
    measured = add_loss(rows, summaries, words)
    ctx = make_context(
        locale=project.locale, theme=theme_from(project.theme), channels=project.channels
    )
    found = filters(rows, lambda code: ctx.channel(code)[0])
    channels = found["channel_labels"]
    index = _index(summaries, personas, broken)
    index["measured"] = {s.page: index_note(s, words) for s in summaries if s.measured}
    pages = {
        "index.html": _page("site_index", common, root="", **index),
        "channels.html": _page("site_channels", common, root="", **_channels(summaries, project)),
        "backlog.html": _backlog(common, rows, found, measured, loss=False),
        "backlog.csv": backlog_csv(rows, channels).encode("utf-8"),
        "backlog.json": backlog_json(rows, channels).encode("utf-8"),
    }
    if measured:
        pages[LOSS_PAGE] = _backlog(common, by_loss(rows), found, measured, loss=True)
    for key, entry in personas.items():
        pages[f"personas/{key}.html"] = _page("site_persona", common, root="../", **entry)
    return pages


def _backlog(
    common: dict[str, Any],
    rows: list[dict[str, Any]],
    found: dict[str, Any],
    measured: bool,
    *,
    loss: bool,
) -> bytes:
    """The backlog by severity or, with measures, by measured loss; headers link the two."""
    words = common["labels"]
    header = sort_header(words, by_loss=loss) if measured else None
    body = backlog_html(rows, found["channel_labels"], words, measured=measured)
    sorts = [*SORTS, "loss"] if measured else list(SORTS)
    return _page(
        "site_backlog",
        {
            **common,
            "policy": Markup(policy("backlog", images="'self' data:")),
            "script": script_tag("backlog"),
        },
        root="",
        rows=rows,
        body=body,
        header=header,
        loss=loss,
        filters=FILTERS,
        sorts=sorts,
        options=found["options"],
        names=words_for_filters(words),
    )


def _page(template: str, common: dict[str, Any], **context: Any) -> bytes:
    html = environment().get_template(f"{template}.html.j2").render(**common, **context)
    return html.encode("utf-8")


def _index(
    summaries: list[Summary], personas: dict[str, Any], broken: dict[str, list[str]]
) -> dict[str, Any]:
    by_kind = [(k, [s for s in summaries if s.kind == k]) for k in KINDS]
    by_phase = {
        p: [s for s in summaries if any(st["phase"] == p for st in s.stages)] for p in PHASES
    }
    return {
        "maps": summaries,
        "by_kind": [(kind, group) for kind, group in by_kind if group],
        "personas": personas,
        "phases": PHASES,
        "by_phase": by_phase,
        "broken": [{"path": path, "problems": lines} for path, lines in sorted(broken.items())],
    }


def _phases(summary: Summary) -> set[str]:
    return {stage["phase"] for stage in summary.stages}


def _personas(summaries: list[Summary], words: Labels) -> dict[str, Any]:
    found: dict[str, dict[str, Any]] = {}
    for summary in summaries:
        if summary.persona is None:
            continue
        entry = found.setdefault(summary.persona["key"], {"persona": summary.persona, "maps": []})
        entry["maps"].append(
            {
                "page": summary.page,
                "title": summary.title,
                "steps": summary.steps,
                "kind_label": words[f"kind.{summary.kind}"],
            }
        )
    return dict(sorted(found.items()))


def _channels(summaries: list[Summary], project: Project) -> dict[str, Any]:
    """Channel by lifecycle phase: how many touchpoints, in which maps."""
    cells: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for summary in summaries:
        for channel, phase in summary.touchpoints:
            cell = cells[channel].setdefault(phase, {"count": 0, "maps": {}})
            cell["count"] += 1
            cell["maps"][summary.page] = summary.title
    peak = max((c["count"] for row in cells.values() for c in row.values()), default=1)
    for row in cells.values():
        for cell in row.values():
            cell["level"] = 1 + min(3, (4 * cell["count"] - 1) // peak)
            cell["maps"] = list(cell["maps"].items())
    ctx = make_context(
        locale=project.locale, theme=theme_from(project.theme), channels=project.channels
    )
    matrix = [
        {
            "label": ctx.channel(channel)[0],
            "cells": row,
            "total": sum(c["count"] for c in row.values()),
        }
        for channel, row in cells.items()
    ]
    matrix.sort(key=lambda row: (-row["total"], row["label"]))
    used = {phase for row in cells.values() for phase in row}
    phases = [*PHASES, OTHER_PHASE] if OTHER_PHASE in used else list(PHASES)
    return {"matrix": matrix, "phases": phases}
