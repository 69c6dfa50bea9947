"""Markdown export: the map as a wiki page (GitHub-flavoured Markdown: tables, `<br>`).

The page: the title, kind and meta line; persona, scenario, goals and description; then,
under "Journey map", a heading per stage and per step (`#### 3. 07:38 Title`), each step
with a two-column table of every field it has; pain points by severity, opportunities by
impact, research. Headings and labels come in the map's language.

Map text can never change the page's structure: the punctuation Markdown gives a meaning
(`\\ ` * _ { } [ ] < > | ~ # $`, and `&` before an entity name) gets a backslash, so `|`
cannot split a cell, `#` cannot start a heading, `<` cannot open HTML and `[` cannot start
a link; a leading list or definition marker (`- `, `+ `, `: `, `1. `) is escaped; line
breaks become `<br>`; the character policy applies (journeymap.text.clean: bidi and
invisible characters removed), as in the HTML document.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from journeymap.config import Project
from journeymap.i18n import Labels
from journeymap.interchange.common import channel_label, stage_title
from journeymap.layout.context import humanize, metric_value
from journeymap.layout.document import safe_url
from journeymap.model import BLUEPRINT_ROWS, BlueprintItem, JourneyMap, Persona, Step
from journeymap.text.clean import plain_text

_INLINE = re.compile(r"[\\`*_{}\[\]<>|~#$]|&(?=#?[0-9A-Za-z]{1,32};)")
_LINE_START = re.compile(r"^(?:[-+=:](?=\s|\Z)|([0-9]{1,9})([.)])(?=\s|\Z))")
_SEP = " · "


def escape(text: str) -> str:
    """Map text as inline Markdown that renders as exactly that text (see the module doc)."""
    lines = []
    for line in plain_text(text).splitlines() or [""]:
        line = _INLINE.sub(lambda found: "\\" + found.group(), line.strip())
        lines.append(_LINE_START.sub(_line_start, line))
    return "<br>".join(lines)


def _line_start(found: re.Match[str]) -> str:
    if found.group(1):
        return f"{found.group(1)}\\{found.group(2)}"
    return "\\" + found.group()


def to_markdown(journey: JourneyMap, project: Project, labels: Labels) -> str:
    out = [f"# {escape(journey.title)}", "", f"*{labels[f'kind.{journey.kind}']}*"]
    meta = _meta(journey, labels)
    out += ["", meta] if meta else []
    if journey.persona:
        out += ["", f"## {labels['header.persona']}", "", *_persona(journey.persona, labels)]
    if journey.scenario:
        out += ["", f"## {labels['header.scenario']}", "", escape(journey.scenario)]
    if journey.goals:
        out += ["", f"## {labels['header.goals']}", "", *(f"- {escape(g)}" for g in journey.goals)]
    if journey.description:
        out += ["", escape(journey.description)]
    out += ["", f"## {labels['section.map']}"]
    number = 0
    for stage in journey.stages:
        out += ["", f"### {escape(stage_title(labels, stage))}"]
        if stage.description:
            out += ["", escape(stage.description)]
        for step in stage.steps:
            number += 1
            out += ["", *_step(journey, project, labels, number, step)]
    out += _pains(journey, labels) + _opportunities(journey, labels) + _research(journey, labels)
    return "\n".join(out) + "\n"


def _meta(journey: JourneyMap, labels: Labels) -> str:
    parts = []
    if journey.owner:
        parts.append(f"**{labels['header.owner']}:** {escape(journey.owner)}")
    if journey.updated:
        parts.append(f"**{labels['header.updated']}:** {escape(journey.updated)}")
    if journey.based_on:
        base = journey.based_on
        parts.append(f"**{labels['header.based_on']}:** {escape(base.title)} ({escape(base.id)})")
    if journey.tags:
        parts.append(", ".join(escape(tag) for tag in journey.tags))
    return _SEP.join(parts)


def _persona(persona: Persona, labels: Labels) -> list[str]:
    out = [f"**{escape(persona.name)}**" + (f", {escape(persona.role)}" if persona.role else "")]
    if persona.quote:
        out += ["", f"> {escape(persona.quote)}"]
    if persona.bio:
        out += ["", escape(persona.bio)]
    for key, entries in (
        ("persona.goals", persona.goals),
        ("persona.needs", persona.needs),
        ("persona.frustrations", persona.frustrations),
    ):
        if entries:
            out += ["", f"**{labels[key]}**", "", *(f"- {escape(e)}" for e in entries)]
    if persona.traits:
        out += ["", _SEP.join(f"{escape(key)}: {escape(value)}" for key, value in persona.traits)]
    return out


def _step(
    journey: JourneyMap, project: Project, labels: Labels, number: int, step: Step
) -> list[str]:
    heading = f"#### {number}. " + (f"{escape(step.time)} " if step.time else "")
    heading += escape(step.label)
    if step.status:
        heading += f" ({labels[f'status.{step.status}']})"
    if step.moment_of_truth:
        heading += f"{_SEP}*{labels['label.moment_of_truth']}*"
    rows = [(labels[key], cells) for key, cells in _rows(journey, project, labels, step) if cells]
    out = [heading, "", f"| {labels['table.lane']} | {labels['table.text']} |", "| --- | --- |"]
    out += [f"| {label} | {'<br>'.join(cells)} |" for label, cells in rows]
    if step.notes:
        out += ["", escape(step.notes)]
    return out


def _rows(
    journey: JourneyMap, project: Project, labels: Labels, step: Step
) -> list[tuple[str, list[str]]]:
    emotion = []
    if step.emotion is not None:
        signed = f"{step.emotion:+d}" if step.emotion else "0"
        emotion.append(f"{signed} {labels[f'emotion.{step.emotion}']}")
    if step.feeling:
        emotion.append(escape(step.feeling))
    rows = [
        ("lane.actions", [escape(step.action)]),
        ("lane.place", [escape(step.place)] if step.place else []),
        (
            "lane.touchpoints",
            [_touchpoint(project, labels, t.channel, t.name) for t in step.touchpoints],
        ),
        ("lane.thoughts", [escape(t) for t in step.thoughts]),
        ("lane.questions", [escape(q) for q in step.questions]),
        ("lane.motivations", [escape(m) for m in step.motivations]),
        ("lane.emotion", [" — ".join(emotion)] if emotion else []),
        (
            "lane.pain_points",
            [_pain(labels, p.text, p.severity, p.owner) for p in step.pain_points],
        ),
        (
            "lane.opportunities",
            [_idea(labels, o.text, o.impact, o.owner, o.addresses) for o in step.opportunities],
        ),
        (
            "lane.metrics",
            [
                f"{escape(humanize(k))}: {escape(metric_value(k, v, labels))}"
                for k, v in step.metrics.items()
            ],
        ),
        ("lane.resolves", [_resolved(journey, pain_id) for pain_id in step.resolves]),
    ]
    rows += [
        (f"lane.{row}", [_item(labels, i) for i in step.blueprint_row(row)])
        for row in BLUEPRINT_ROWS
    ]
    rows.append(("section.flow", _flow(journey, labels, step)))
    return rows


def _touchpoint(project: Project, labels: Labels, channel: str, name: str | None) -> str:
    label = escape(channel_label(project, labels, channel))
    return f"{label}: {escape(name)}" if name else label


def _details(labels: Labels, pairs: list[tuple[str, str | None]]) -> str:
    shown = [f"{labels[key]}: {escape(value)}" for key, value in pairs if value]
    return f" ({_SEP.join(shown)})" if shown else ""


def _pain(labels: Labels, text: str, severity: int | None, owner: str | None) -> str:
    rated = f"{severity}/5" if severity else None
    return escape(text) + _details(labels, [("label.severity", rated), ("label.owner", owner)])


def _idea(
    labels: Labels, text: str, impact: int | None, owner: str | None, addresses: tuple[str, ...]
) -> str:
    pairs = [
        ("label.impact", f"{impact}/5" if impact else None),
        ("label.owner", owner),
        ("label.addresses", ", ".join(addresses) or None),
    ]
    return escape(text) + _details(labels, pairs)


def _item(labels: Labels, entry: BlueprintItem) -> str:
    fail = entry.fail_note or ("✓" if entry.fail_point else None)
    pairs = [
        ("label.owner", entry.owner),
        ("label.system", entry.system),
        ("label.wait", entry.wait),
        ("label.fail_point", fail),
    ]
    return escape(entry.text) + _details(labels, pairs)


def _resolved(journey: JourneyMap, pain_id: str) -> str:
    base = journey.based_on
    found = next((p for _, p in base.pain_points() if p.id == pain_id), None) if base else None
    return f"{escape(pain_id)}: {escape(found.text)}" if found else escape(pain_id)


def _flow(journey: JourneyMap, labels: Labels, step: Step) -> list[str]:
    if step.next is None:
        return []
    if not step.next:
        return [labels["label.end"]]
    names = {s.id: s.label for _, s in journey.steps()}
    cells = []
    for edge in step.next:
        extra = [escape(edge.label)] if edge.label else []
        extra += [f"{edge.share * 100:.0f}%"] if edge.share is not None else []
        cells.append(
            f"→ {escape(names.get(edge.to, edge.to))}" + (f" ({', '.join(extra)})" if extra else "")
        )
    return cells


def _pains(journey: JourneyMap, labels: Labels) -> list[str]:
    pains = sorted(journey.pain_points(), key=lambda found: -(found[1].severity or 0))
    if not pains:
        return []
    head = [
        labels["label.severity"],
        labels["lane.pain_points"],
        labels["label.owner"],
        labels["label.step"],
    ]
    rows = [
        [str(p.severity or ""), escape(p.text), escape(p.owner or ""), escape(s.label)]
        for s, p in pains
    ]
    return ["", f"## {labels['section.pain_points']}", "", *_table(head, rows)]


def _opportunities(journey: JourneyMap, labels: Labels) -> list[str]:
    ideas = [(s, o) for _, s in journey.steps() for o in s.opportunities]
    if not ideas:
        return []
    ideas.sort(key=lambda found: -(found[1].impact or 0))
    head = [
        labels["label.impact"],
        labels["lane.opportunities"],
        labels["label.owner"],
        labels["label.step"],
    ]
    rows = [
        [str(o.impact or ""), escape(o.text), escape(o.owner or ""), escape(s.label)]
        for s, o in ideas
    ]
    return ["", f"## {labels['section.opportunities']}", "", *_table(head, rows)]


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    return [
        "| " + " | ".join(head) + " |",
        "|" + " --- |" * len(head),
        *("| " + " | ".join(row) + " |" for row in rows),
    ]


def _research(journey: JourneyMap, labels: Labels) -> list[str]:
    if not journey.research:
        return []
    out = ["", f"## {labels['section.research']}", ""]
    for source in journey.research:
        url = safe_url(source.url)
        title = escape(source.title)
        line = f"- [{title}](<{quote(url, safe=':/?#@!$&*+,;=%~')}>)" if url else f"- {title}"
        out.append(line + (f" — {escape(source.note)}" if source.note else ""))
    return out
