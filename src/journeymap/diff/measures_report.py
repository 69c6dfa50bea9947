"""The reports of a measures diff: text, markdown, json and html, one sentence per move.

Step ids and event names come from the measures file (event names from the log itself), so
every format cleans them like map text: one inert line, escaped for Markdown and HTML.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from journeymap.analytics.measures import Measures
from journeymap.diff.describe import safe
from journeymap.diff.measures import MapMoves, MeasuresDiff, Move
from journeymap.diff.words import md_escape, plural

FORMAT = "journeymap-measures-diff"
VERSION = 1
_COLORS = {"+": "32", "-": "31", "~": "33"}


def value(amount: float | None, unit: str) -> str:
    if amount is None:
        return "suppressed"
    if unit == "rate":
        return f"{amount * 100:.1f}%"
    return f"{int(amount):,}" if float(amount).is_integer() else f"{amount:g}"


def delta(move: Move) -> str:
    """How far it moved: percentage points for rates, a relative change for counts."""
    if move.old is None or move.new is None:
        return ""
    if move.unit == "rate":
        return f" ({(move.new - move.old) * 100:+.1f} pp)"
    if move.old == 0:
        return ""
    return f" ({(move.new - move.old) / abs(move.old) * 100:+.1f}%)"


def sentence(move: Move) -> str:
    subject = safe(move.subject)
    if move.kind == "appeared":
        return f"{subject} appeared: {_amount(move.new, move)}"
    if move.kind == "disappeared":
        return f"{subject} disappeared (was {_amount(move.old, move)})"
    old, new = value(move.old, move.unit), value(move.new, move.unit)
    return f"{subject} {move.figure}: {old} → {new}{delta(move)}"


def _amount(amount: float | None, move: Move) -> str:
    """`300 cases`, `800 events`, but `reach 300`."""
    shown = value(amount, move.unit)
    return f"{move.figure} {shown}" if move.figure == "reach" else f"{shown} {move.figure}"


def source_line(path: str, measures: Measures) -> str:
    period = measures.period
    span = f"{period.first or '?'} .. {period.last or '?'}"
    return f"{safe(path)} ({safe(measures.source.name)}, {span}, {measures.events:,} events)"


def map_heading(moves: MapMoves) -> str:
    if moves.status == "added":
        return f"map {safe(moves.map_id)}: only in the new measures"
    if moves.status == "removed":
        return f"map {safe(moves.map_id)}: only in the old measures"
    if not moves.moves:
        return f"map {safe(moves.map_id)}: nothing moved"
    return f"map {safe(moves.map_id)}: {plural(len(moves.moves), 'move')}"


def summary(result: MeasuresDiff) -> str:
    return f"{plural(result.count, 'move')} in {plural(len(result.maps), 'map')}"


def render(result: MeasuresDiff, output_format: str, *, color: bool = False) -> str:
    """The report in one of the diff command's formats."""
    if output_format == "markdown":
        return render_markdown(result)
    if output_format == "json":
        return render_json(result)
    if output_format == "html":
        return render_html(result)
    return render_text(result, color=color)


def render_text(result: MeasuresDiff, *, color: bool = False) -> str:
    def paint(text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if color else text

    lines = [
        paint(f"--- {source_line(result.old, result.old_measures)}", "1"),
        paint(f"+++ {source_line(result.new, result.new_measures)}", "1"),
    ]
    for moves in result.maps:
        lines.append(paint(map_heading(moves), "1"))
        for move in moves.moves:
            lines.append(f"  {paint(move.marker, _COLORS[move.marker])} {sentence(move)}")
    lines.append(summary(result))
    return "".join(line + "\n" for line in lines)


def render_markdown(result: MeasuresDiff) -> str:
    lines = [
        "### Measures diff",
        "",
        f"- old: {md_escape(source_line(result.old, result.old_measures))}",
        f"- new: {md_escape(source_line(result.new, result.new_measures))}",
    ]
    for moves in result.maps:
        lines += ["", f"#### {md_escape(map_heading(moves))}"]
        if moves.moves:
            lines += ["", "| | what | old | new | moved |", "|---|---|---|---|---|"]
            lines += [_md_row(move) for move in moves.moves]
    lines += ["", f"_{summary(result)}_"]
    return "\n".join(lines) + "\n"


def _cells(move: Move) -> list[str]:
    """The marker, what moved, old, new and how far: the columns of markdown and html."""
    return [
        move.marker,
        f"{move.subject} {move.figure}",
        value(move.old, move.unit) if move.old is not None or move.kind == "changed" else "",
        value(move.new, move.unit) if move.new is not None or move.kind == "changed" else "",
        delta(move).strip(" ()") or move.kind,
    ]


def _md_row(move: Move) -> str:
    cells = _cells(move)
    cells[1] = md_escape(cells[1])
    return "| " + " | ".join(cells) + " |"


def render_json(result: MeasuresDiff) -> str:
    data: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "changed": result.changed,
        "old": _side(result.old, result.old_measures),
        "new": _side(result.new, result.new_measures),
        "maps": [
            {
                "id": moves.map_id,
                "status": moves.status,
                "moves": [_move(move) for move in moves.moves],
            }
            for moves in result.maps
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _side(path: str, measures: Measures) -> dict[str, Any]:
    period = measures.period
    return {
        "path": path,
        "source": measures.source.name,
        "period": {"first": period.first, "last": period.last},
        "events": measures.events,
    }


def _move(move: Move) -> dict[str, Any]:
    return {
        "kind": move.kind,
        "subject": move.subject,
        "figure": move.figure,
        "unit": move.unit,
        "old": move.old,
        "new": move.new,
    }


def render_html(result: MeasuresDiff) -> str:
    """One self-contained page: a table per map, every value escaped, no script."""
    body = [
        Markup("<h1>Measures diff</h1><p>old: {}<br>new: {}</p>").format(
            source_line(result.old, result.old_measures),
            source_line(result.new, result.new_measures),
        )
    ]
    for moves in result.maps:
        body.append(Markup("<h2>{}</h2>").format(map_heading(moves)))
        if moves.moves:
            rows = Markup("").join(_html_row(move) for move in moves.moves)
            body.append(Markup(_HEAD).format(rows))
    body.append(Markup("<p>{}</p>").format(summary(result)))
    from journeymap.render.scripts import policy  # the built pages' policy: no script at all

    page = _PAGE.replace("POLICY", policy()).replace("BODY", str(Markup("").join(body)))
    return page + "\n"


def _html_row(move: Move) -> Markup:
    cells = Markup("").join(Markup("<td>{}</td>").format(cell) for cell in _cells(move))
    return Markup('<tr class="{}">{}</tr>').format(move.kind, cells)


_HEAD = (
    "<table><thead><tr><th>change</th><th>what</th><th>old</th><th>new</th><th>moved</th></tr>"
    "</thead><tbody>{}</tbody></table>"
)

_PAGE = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8">'
    '<meta http-equiv="Content-Security-Policy" content="POLICY"><title>Measures diff</title>'
    "<style>body{font:15px/1.5 'Liberation Sans',Arial,sans-serif;margin:2em;color:#222}"
    "table{border-collapse:collapse}td,th{padding:2px 10px;border-bottom:1px solid #ddd}"
    "th{text-align:left}td:nth-child(n+3){text-align:right;font-variant-numeric:tabular-nums}"
    "tr.appeared td:first-child{color:#17803d}tr.disappeared td:first-child{color:#c0282d}"
    "tr.changed td:first-child{color:#9a6700}</style></head><body><main>BODY</main></body></html>"
)
