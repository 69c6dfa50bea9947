"""The HTML document, laid out: every string the page shows, already chosen and translated.

The HTML renderer receives this and the scenes; it never looks at the journey model.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from journeymap.layout.analytics import Analytics, lay_out_analytics
from journeymap.layout.context import Context, clean, humanize, metric_value
from journeymap.layout.header import initials, meta_line
from journeymap.layout.lanes import lane_label, lanes_for
from journeymap.layout.measured import Measured
from journeymap.layout.scene import Scene
from journeymap.layout.steps import stage_title
from journeymap.model import JourneyMap, Persona, Step

SAFE_SCHEMES = ("http", "https", "mailto")


@dataclass(frozen=True, slots=True)
class PersonaCard:
    name: str
    initials: str
    role: str
    quote: str
    bio: str
    lists: tuple[tuple[str, tuple[str, ...]], ...]
    traits: tuple[tuple[str, str], ...]
    photo: str | None = None
    """A `data:` URI, embedded by the resolve stage."""


@dataclass(frozen=True, slots=True)
class TableRow:
    heading: str
    cells: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class Link:
    title: str
    url: str | None
    note: str


@dataclass(frozen=True, slots=True)
class Document:
    lang: str
    direction: str
    title: str
    kind: str
    meta: str
    persona: PersonaCard | None
    scenario: str
    goals: tuple[str, ...]
    description: str
    grid: Scene
    flow: Scene | None
    stages: tuple[tuple[str, int], ...]
    steps: tuple[str, ...]
    rows: tuple[TableRow, ...]
    pains: tuple[tuple[str, ...], ...]
    opportunities: tuple[tuple[str, ...], ...]
    research: tuple[Link, ...]
    text: dict[str, str]
    home: str | None = None
    """The site root, relative to this page, when the page is part of a `build`."""
    analytics: Analytics | None = None
    """The measured journey beside the believed one, when the map was drawn with measures."""
    step_ids: tuple[str, ...] = ()
    """Each step's id, in the order of `steps`: the page's anchors."""


def safe_url(url: str | None) -> str | None:
    """Only http, https and mailto links survive; anything else is shown as plain text."""
    if not url or any(c.isspace() or ord(c) < 32 for c in url):
        return None
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return None
    return _visible(url) if scheme in SAFE_SCHEMES else None


def _visible(url: str) -> str:
    """Invisible format characters (bidi overrides, zero-width joiners) percent-encoded, as in
    any IRI-to-URI mapping: the link goes where it went, but a status bar or a copied link can
    no longer show `http://x\u202egro.elgoog` as a different address than the real one."""
    return "".join(quote(c) if unicodedata.category(c) == "Cf" else c for c in url)


def lay_out_document(
    journey: JourneyMap,
    ctx: Context,
    grid: Scene,
    flow: Scene | None,
    home: str | None = None,
    measured: Measured | None = None,
) -> Document:
    labels = ctx.labels
    return Document(
        lang=labels.locale,
        direction=labels.direction,
        title=clean(journey.title),
        kind=labels[f"kind.{journey.kind}"],
        meta=clean(meta_line(ctx, journey)),
        persona=_persona(ctx, journey.persona) if journey.persona else None,
        scenario=clean(journey.scenario or ""),
        goals=tuple(clean(g) for g in journey.goals),
        description=clean(journey.description or ""),
        grid=grid,
        flow=flow,
        stages=tuple(
            (clean(stage_title(ctx, stage)), len(stage.steps))
            for stage in journey.stages
            if stage.steps
        ),
        steps=tuple(_step_heading(i, step) for i, (_, step) in enumerate(journey.steps())),
        rows=_rows(ctx, journey),
        pains=_pains(ctx, journey),
        opportunities=_opportunities(ctx, journey),
        research=tuple(
            Link(clean(r.title), safe_url(r.url), clean(r.note or "")) for r in journey.research
        ),
        text=_texts(ctx),
        home=home,
        analytics=lay_out_analytics(journey, ctx, measured) if measured else None,
        step_ids=tuple(step.id for _, step in journey.steps()),
    )


def _texts(ctx: Context) -> dict[str, str]:
    keys = (
        "site.maps",
        "header.persona",
        "header.scenario",
        "header.goals",
        "section.map",
        "section.flow",
        "section.table",
        "section.pain_points",
        "section.opportunities",
        "section.research",
        "map.zoom",
        "map.zoom_in",
        "map.zoom_out",
        "map.fit",
        "map.actual_size",
        "map.keys",
        "map.overview",
        "map.part",
        "map.on_map",
        "table.lane",
        "table.text",
        "empty.pain_points",
        "empty.opportunities",
        "label.severity",
        "label.owner",
        "label.impact",
        "label.step",
        "label.stage",
        "label.addresses",
        "doc.generated_by",
    )
    return {key: ctx.labels[key] for key in keys}


def _persona(ctx: Context, persona: Persona) -> PersonaCard:
    labels = ctx.labels
    lists = (
        (labels["persona.goals"], persona.goals),
        (labels["persona.needs"], persona.needs),
        (labels["persona.frustrations"], persona.frustrations),
    )
    return PersonaCard(
        name=clean(persona.name),
        initials=initials(persona.name),
        role=clean(persona.role or ""),
        quote=clean(persona.quote or ""),
        bio=clean(persona.bio or ""),
        lists=tuple((h, tuple(clean(i) for i in items)) for h, items in lists if items),
        traits=tuple((clean(k), clean(v)) for k, v in persona.traits),
        photo=persona.photo,
    )


def _step_heading(index: int, step: Step) -> str:
    parts = [f"{index + 1}."]
    if step.time:
        parts.append(step.time)
    parts.append(clean(step.title or step.action))
    return " ".join(parts)


def _rows(ctx: Context, journey: JourneyMap) -> tuple[TableRow, ...]:
    steps = [step for _, step in journey.steps()]
    return tuple(
        TableRow(clean(lane_label(ctx, journey, lane)), tuple(_cell(ctx, lane, s) for s in steps))
        for lane in lanes_for(journey)
    )


def _cell(ctx: Context, lane: str, step: Step) -> tuple[str, ...]:
    labels = ctx.labels
    if lane == "actions":
        status = f" ({labels[f'status.{step.status}']})" if step.status else ""
        return (clean(step.action) + status,)
    if lane == "emotion":
        if step.emotion is None:
            return ()
        word = labels[f"emotion.{step.emotion}"]
        signed = f"{step.emotion:+d}" if step.emotion else "0"
        return (f"{signed} {word}" + (f" \u2014 {clean(step.feeling)}" if step.feeling else ""),)
    if lane == "touchpoints":
        return tuple(
            clean(f"{ctx.channel(t.channel)[0]}: {t.name}" if t.name else ctx.channel(t.channel)[0])
            for t in step.touchpoints
        )
    if lane == "pain_points":
        return tuple(clean(_with_severity(ctx, p.text, p.severity)) for p in step.pain_points)
    if lane == "opportunities":
        return tuple(clean(o.text) for o in step.opportunities)
    if lane == "metrics":
        return tuple(
            f"{humanize(k)}: {metric_value(k, v, labels)}" for k, v in step.metrics.items()
        )
    if lane == "place":
        return (clean(step.place),) if step.place else ()
    if lane == "resolves":
        return tuple(step.resolves)
    if lane in ("evidence", "frontstage", "backstage", "support"):
        return tuple(clean(item.text) for item in step.blueprint_row(lane))
    return tuple(clean(t) for t in getattr(step, lane))


def _with_severity(ctx: Context, text: str, severity: int | None) -> str:
    if severity is None:
        return text
    return f"{text} ({ctx.labels['label.severity']} {severity}/5)"


def _where(journey: JourneyMap) -> dict[str, tuple[int, str, str]]:
    out = {}
    for index, (stage, step) in enumerate(journey.steps()):
        out[step.id] = (index + 1, clean(step.title or step.action), clean(stage.title or stage.id))
    return out


def _pains(ctx: Context, journey: JourneyMap) -> tuple[tuple[str, ...], ...]:
    """Most severe first; equal severities keep the order of the journey."""
    where = _where(journey)
    rows = []
    for order, (step, pain) in enumerate(journey.pain_points()):
        number, label, _ = where[step.id]
        rows.append((-(pain.severity or 0), order, pain, f"{number}. {label}", step.id))
    rows.sort(key=lambda r: (r[0], r[1]))
    return tuple(
        (str(p.severity or "\u2013"), clean(p.text), clean(p.owner or ""), step, p.id, step_id)
        for _, _, p, step, step_id in rows
    )


def _opportunities(ctx: Context, journey: JourneyMap) -> tuple[tuple[str, ...], ...]:
    where = _where(journey)
    rows = []
    order = 0
    for _, step in journey.steps():
        for idea in step.opportunities:
            number, label, _ = where[step.id]
            rows.append((-(idea.impact or 0), order, idea, f"{number}. {label}", step.id))
            order += 1
    rows.sort(key=lambda r: (r[0], r[1]))
    return tuple(
        (
            str(o.impact or "\u2013"),
            clean(o.text),
            clean(o.owner or ""),
            ", ".join(o.addresses),
            step,
            step_id,
        )
        for _, _, o, step, step_id in rows
    )
