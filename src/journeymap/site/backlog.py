"""The pain-point backlog: rows, the page's table and filters, and the CSV and JSON exports.

Each row links to its place: the pain point's row on its map page and its step on the map.
Filters and sorting run in the browser without a request, by a hashed script that sees only
codes (`o3`, `c1`) and ranks (numbers) written here, never the text of a map.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from markupsafe import Markup, escape

from journeymap.i18n import Labels
from journeymap.interchange.csv_format import guard
from journeymap.render.env import user_html
from journeymap.site.loss import loss_cells
from journeymap.site.summary import Summary
from journeymap.text.clean import plain_text

CSV_COLUMNS = (
    "severity",
    "pain_point",
    "text",
    "owner",
    "map",
    "map_path",
    "step",
    "step_label",
    "resolved_by",
    "cases_lost",
    "measured_loss",
    "stage",
    "channels",
    "summary",
    "description",
    "priority",
    "labels",
    "url",
)
PRIORITIES = {5: "Highest", 4: "High", 3: "Medium", 2: "Low", 1: "Lowest"}
FILTERS = ("map", "owner", "severity", "channel", "stage")
SORTS = ("severity", "owner", "map", "stage", "channel")


def backlog_rows(summaries: list[Summary]) -> list[dict[str, Any]]:
    """Every pain point of every map, most severe first, with the future steps resolving it."""
    resolved: dict[tuple[str, str], list[str]] = defaultdict(list)
    for future in summaries:
        for step in future.resolves if future.based_on else ():
            for pain in step["pains"]:
                resolved[(future.based_on or "", pain)].append(f"{future.title}: {step['step']}")
    rows = [
        {
            "stage": "",
            "channels": [],
            **pain,
            "map": s.title,
            "map_id": s.id,
            "path": s.path,
            "page": s.page,
            "resolved_by": resolved.get((s.path, pain["id"]), []),
        }
        for s in summaries
        for pain in s.pains
    ]
    rows.sort(key=lambda r: (-(r["severity"] or 0), r["path"]))
    return rows


def _codes(values: list[str], prefix: str) -> dict[str, str]:
    """A short code per distinct value, in sorted order: what the script compares."""
    return {value: f"{prefix}{i}" for i, value in enumerate(sorted(set(values), key=str.casefold))}


def _ranks(rows: list[dict[str, Any]], key: Callable[[dict[str, Any]], Any]) -> list[int]:
    order = sorted(range(len(rows)), key=lambda i: key(rows[i]))
    ranks = [0] * len(rows)
    for rank, index in enumerate(order):
        ranks[index] = rank
    return ranks


def _first_channel(row: dict[str, Any], labels: dict[str, str]) -> tuple[bool, str]:
    names = sorted(labels[c].casefold() for c in row["channels"])
    return (not names, names[0] if names else "")


def filters(rows: list[dict[str, Any]], channel_label: Callable[[str], str]) -> dict[str, Any]:
    """Each row's codes and ranks, and each filter's options (code, shown text)."""
    channels = {c: channel_label(c) for r in rows for c in r["channels"]}
    codes = {
        "map": _codes([r["map"] for r in rows], "m"),
        "owner": _codes([r["owner"] or "" for r in rows], "o"),
        "severity": {str(v): f"s{v}" for v in range(5, 0, -1)} | {"": "s0"},
        "stage": _codes([r["stage"] for r in rows], "g"),
        "channel": {c: f"c{i}" for i, c in enumerate(sorted(channels, key=lambda c: channels[c]))},
    }
    text_rank = {
        "severity": lambda r: -(r["severity"] or 0),
        "owner": lambda r: (not r["owner"], (r["owner"] or "").casefold()),
        "map": lambda r: r["map"].casefold(),
        "stage": lambda r: r["stage"].casefold(),
        "channel": lambda r: _first_channel(r, channels),
        "loss": lambda r: (r.get("loss") is None, -(r.get("loss") or 0)),
    }
    ranks = {name: _ranks(rows, key) for name, key in text_rank.items()}
    for i, row in enumerate(rows):
        row["codes"] = {
            "map": codes["map"][row["map"]],
            "owner": codes["owner"][row["owner"] or ""],
            "severity": codes["severity"][str(row["severity"] or "")],
            "stage": codes["stage"][row["stage"]],
            "channel": " ".join(codes["channel"][c] for c in row["channels"]),
        }
        row["ranks"] = {name: ranks[name][i] for name in ranks} | {"default": i}
    used = {name: {c for r in rows for c in r["codes"][name].split()} for name in FILTERS}
    shown = {"channel": channels, "severity": {k: k or "\u2013" for k in codes["severity"]}}
    options = {
        name: [
            (code, shown.get(name, {}).get(value, value))
            for value, code in codes[name].items()
            if code in used[name]
        ]
        for name in FILTERS
    }
    return {"options": options, "channel_labels": channels}


def backlog_html(
    rows: list[dict[str, Any]], channels: dict[str, str], words: Labels, *, measured: bool = False
) -> Markup:
    """The backlog's rows, written here: a template loop over thousands of rows is slow."""
    out = []
    for r in rows:
        loss = loss_cells(r) if measured else ""
        out.append(f"<tr{_data(r)}>{_cells(r, channels, words)}{loss}</tr>\n")
    return Markup("".join(out))


def _data(row: dict[str, Any]) -> str:
    codes = "".join(f' data-{k}="{escape(v)}"' for k, v in row["codes"].items())
    return codes + "".join(f' data-r-{k}="{v}"' for k, v in row["ranks"].items())


def _cells(r: dict[str, Any], channels: dict[str, str], words: Labels) -> str:
    """One item's cells; lists are joined as the site's locale writes them (CLDR)."""
    page = escape(r["page"])
    resolved = r["resolved_by"]
    by = f'<span class="resolved">{user_html(words.join(resolved))}</span>' if resolved else ""
    unresolved = '<span class="muted">\u2013</span>'
    names = words.join([channels[c] for c in r["channels"]], style="unit")
    return (
        f'<td class="severity">{escape(r["severity"] or "–")}</td>'
        f'<td><a href="{page}#pain-{escape(r["id"])}">{user_html(r["text"])}</a></td>'
        f"<td>{user_html(r['owner'] or '')}</td>"
        f'<td><a href="{page}">{user_html(r["map"])}</a></td>'
        f"<td>{user_html(r['stage'])}</td>"
        f'<td><a href="{page}#map-step-{escape(r["step_id"])}">{user_html(r["step"])}</a></td>'
        f"<td>{user_html(names)}</td><td>{by or unresolved}</td>"
    )


def _record(r: dict[str, Any], channels: dict[str, str]) -> dict[str, Any]:
    """One item as a tracker takes it: a title, a body, a priority and labels besides the
    journeymap fields."""
    url = f"{r['page']}#pain-{r['id']}"
    names = [channels[c] for c in r["channels"]]
    body = (
        f"{r['text']}\n\nMap: {r['map']} ({r['path']})\nStage: {r['stage']}\n"
        f"Step: {r['step']}\nChannels: {', '.join(names) or '-'}\n"
        f"Severity: {r['severity'] or '-'}\nSite: {url}"
    )
    labels = ["journeymap", r["map_id"], *(f"channel:{c}" for c in r["channels"])]
    return {
        "id": r["id"],
        "title": r["text"],
        "body": body,
        "severity": r["severity"],
        "priority": PRIORITIES.get(r["severity"] or 0, "Medium"),
        "owner": r["owner"] or "",
        "map": r["map_id"],
        "map_title": r["map"],
        "map_path": r["path"],
        "stage": r["stage"],
        "step": r["step_id"],
        "step_label": r["step"],
        "channels": list(r["channels"]),
        "labels": [label.replace(" ", "-") for label in labels],
        "url": url,
        "resolved_by": list(r["resolved_by"]),
        "cases_lost": r.get("lost"),
        "measured_loss": r.get("loss"),
    }


def backlog_csv(rows: list[dict[str, Any]], channels: dict[str, str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in rows:
        item = _record(r, channels)
        values = (
            r["severity"] or "",
            r["id"],
            r["text"],
            r["owner"] or "",
            r["map_id"],
            r["path"],
            r["step_id"],
            r["step"],
            "; ".join(r["resolved_by"]),
            "" if r.get("lost") is None else r["lost"],
            "" if r.get("loss") is None else r["loss"],
            r["stage"],
            " ".join(r["channels"]),
            item["title"],
            item["body"],
            item["priority"],
            " ".join(item["labels"]),
            item["url"],
        )
        writer.writerow([guard(plain_text(str(v))) for v in values])
    return buffer.getvalue()


def backlog_json(rows: list[dict[str, Any]], channels: dict[str, str]) -> str:
    items = [_record(r, channels) for r in rows]
    data = {"journeymap_backlog": 1, "items": items}
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def words_for_filters(words: Labels) -> dict[str, str]:
    return {
        "map": words["site.map"],
        "owner": words["label.owner"],
        "severity": words["label.severity"],
        "channel": words["site.channel"],
        "stage": words["label.stage"],
        "loss": words["site.measured_loss"],
    }
