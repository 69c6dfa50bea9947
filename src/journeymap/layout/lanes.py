"""Lanes: which rows a map shows, and what each row draws for one step."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from journeymap.layout.blocks import Block, Meta, Style, card, plain_item
from journeymap.layout.context import Context, humanize, metric_value
from journeymap.model import BlueprintItem, JourneyMap, PainPoint, Step

DEFAULT_LANES = {
    "current-state": (
        "actions",
        "touchpoints",
        "thoughts",
        "questions",
        "motivations",
        "emotion",
        "pain_points",
        "opportunities",
        "metrics",
    ),
    "day-in-the-life": (
        "place",
        "actions",
        "touchpoints",
        "thoughts",
        "emotion",
        "pain_points",
        "opportunities",
    ),
    "future-state": (
        "actions",
        "touchpoints",
        "thoughts",
        "emotion",
        "resolves",
        "pain_points",
        "opportunities",
        "metrics",
    ),
    "service-blueprint": (
        "evidence",
        "actions",
        "frontstage",
        "backstage",
        "support",
        "emotion",
        "pain_points",
        "opportunities",
    ),
}


@dataclass(frozen=True)
class MapFacts:
    """Per-map lookups the lanes need, computed once."""

    journey: JourneyMap
    resolved: dict[str, PainPoint]

    @classmethod
    def of(cls, journey: JourneyMap) -> MapFacts:
        base = journey.based_on
        pains = {pain.id: pain for _, pain in base.pain_points()} if base else {}
        return cls(journey, pains)


LaneBuilder = Callable[[Context, MapFacts, Step, float], list[Block]]


def lanes_for(journey: JourneyMap) -> tuple[str, ...]:
    """The map's own `lanes`, else the kind's defaults that have content (actions always)."""
    if journey.lanes:
        return journey.lanes
    steps = [step for _, step in journey.steps()]
    return tuple(
        lane
        for lane in DEFAULT_LANES[journey.kind]
        if lane == "actions" or any(_has_content(lane, step) for step in steps)
    )


def _has_content(lane: str, step: Step) -> bool:
    if lane == "emotion":
        return step.emotion is not None
    if lane == "place":
        return bool(step.place)
    return bool(getattr(step, lane, None))


def lane_label(ctx: Context, journey: JourneyMap, lane: str) -> str:
    if lane == "actions" and journey.kind == "service-blueprint":
        return ctx.labels["lane.customer_actions"]
    return ctx.labels[f"lane.{lane}"]


def actions(ctx: Context, facts: MapFacts, step: Step, width: float) -> list[Block]:
    colors = ctx.theme.colors
    removed = step.status == "removed"
    style = Style(
        fill=colors.card,
        border=colors.card_border,
        text=colors.muted if removed else colors.text,
        strike=removed,
    )
    return [card(ctx, width, step.action, style, max_lines=8, key=f"action-{step.id}")]


def touchpoints(ctx: Context, facts: MapFacts, step: Step, width: float) -> list[Block]:
    colors = ctx.theme.colors
    style = Style(
        fill=colors.background, border=colors.grid, text=colors.text, icon_color=colors.accent
    )
    blocks = []
    for point in step.touchpoints:
        label, icon = ctx.channel(point.channel)
        meta = [Meta(label, colors.muted)] if point.name else []
        blocks.append(
            card(ctx, width, point.name or label, style, icon=icon, meta=meta, max_lines=3)
        )
    return blocks


def _items(
    ctx: Context, texts: tuple[str, ...], width: float, icon: str, *, italic: bool = False
) -> list[Block]:
    colors = ctx.theme.colors
    return [
        plain_item(ctx, width, text, colors.text, icon=icon, icon_color=colors.muted, italic=italic)
        for text in texts
    ]


def thoughts(ctx: Context, facts: MapFacts, step: Step, width: float) -> list[Block]:
    colors = ctx.theme.colors
    style = Style(
        fill=colors.card,
        border=colors.card_border,
        text=colors.text,
        italic=True,
        radius=14,
        css="card bubble",
    )
    return [
        card(ctx, width, f"\u201c{text}\u201d", style, icon="thought", max_lines=5)
        for text in step.thoughts
    ]


def questions(ctx: Context, facts: MapFacts, step: Step, width: float) -> list[Block]:
    return _items(ctx, step.questions, width, "question")


def motivations(ctx: Context, facts: MapFacts, step: Step, width: float) -> list[Block]:
    return _items(ctx, step.motivations, width, "motivation")


def place(ctx: Context, facts: MapFacts, step: Step, width: float) -> list[Block]:
    return _items(ctx, (step.place,) if step.place else (), width, "place")


def pain_points(ctx: Context, facts: MapFacts, step: Step, width: float) -> list[Block]:
    colors = ctx.theme.colors
    style = Style(
        fill=colors.pain, border=colors.pain_border, text=colors.pain_text, css="card pain"
    )
    blocks = []
    for pain in step.pain_points:
        meta = _owner(ctx, pain.owner, colors.pain_text)
        dots = (pain.severity, 5, colors.pain_border) if pain.severity else None
        blocks.append(
            card(ctx, width, pain.text, style, icon="pain", meta=meta, dots=dots, key=pain.id)
        )
    return blocks


def opportunities(ctx: Context, facts: MapFacts, step: Step, width: float) -> list[Block]:
    colors = ctx.theme.colors
    style = Style(
        fill=colors.opportunity,
        border=colors.opportunity_border,
        text=colors.opportunity_text,
        css="card opportunity",
    )
    blocks = []
    for idea in step.opportunities:
        meta = _owner(ctx, idea.owner, colors.opportunity_text)
        if idea.addresses:
            meta.append(Meta(", ".join(idea.addresses), colors.opportunity_text, "link"))
        dots = (idea.impact, 5, colors.opportunity_border) if idea.impact else None
        blocks.append(
            card(
                ctx, width, idea.text, style, icon="opportunity", meta=meta, dots=dots, key=idea.id
            )
        )
    return blocks


def _owner(ctx: Context, owner: str | None, color: str) -> list[Meta]:
    return [Meta(f"{ctx.labels['label.owner']}: {owner}", color, "persona")] if owner else []


def metrics(ctx: Context, facts: MapFacts, step: Step, width: float) -> list[Block]:
    colors = ctx.theme.colors
    return [
        plain_item(
            ctx,
            width,
            f"{humanize(name)}: {metric_value(name, value, ctx.labels)}",
            colors.text,
            icon="metric",
            icon_color=colors.accent,
            size=ctx.small,
            max_lines=2,
        )
        for name, value in step.metrics.items()
    ]


def resolves(ctx: Context, facts: MapFacts, step: Step, width: float) -> list[Block]:
    colors = ctx.theme.colors
    style = Style(
        fill=colors.opportunity,
        border=colors.opportunity_border,
        text=colors.opportunity_text,
        css="card resolved",
    )
    blocks = []
    for pain_id in step.resolves:
        pain = facts.resolved.get(pain_id)
        text = pain.text if pain else pain_id
        meta = [Meta(pain_id, colors.opportunity_text)] if pain else []
        blocks.append(card(ctx, width, text, style, icon="check", meta=meta, max_lines=4))
    return blocks


def _blueprint_row(row: str) -> LaneBuilder:
    def build(ctx: Context, facts: MapFacts, step: Step, width: float) -> list[Block]:
        return [_blueprint_item(ctx, item, width, row) for item in step.blueprint_row(row)]

    return build


def _blueprint_item(ctx: Context, item: BlueprintItem, width: float, row: str) -> Block:
    colors = ctx.theme.colors
    style = Style(fill=colors.card, border=colors.card_border, text=colors.text, css=f"card {row}")
    meta = []
    details = " · ".join(x for x in (item.owner, item.system) if x)
    if details:
        meta.append(Meta(details, colors.muted, "system" if item.system else "persona"))
    if item.fail_point:
        note = item.fail_note or ctx.labels["label.fail_point"]
        meta.append(Meta(note, colors.negative, "fail"))
    if item.wait:
        meta.append(Meta(f"{ctx.labels['label.wait']}: {item.wait}", colors.moment, "wait"))
    icon = "evidence" if row == "evidence" else ""
    return card(ctx, width, item.text, style, icon=icon, meta=meta, key=item.id or "")


LANES: dict[str, LaneBuilder] = {
    "actions": actions,
    "touchpoints": touchpoints,
    "thoughts": thoughts,
    "questions": questions,
    "motivations": motivations,
    "place": place,
    "pain_points": pain_points,
    "opportunities": opportunities,
    "metrics": metrics,
    "resolves": resolves,
    "evidence": _blueprint_row("evidence"),
    "frontstage": _blueprint_row("frontstage"),
    "backstage": _blueprint_row("backstage"),
    "support": _blueprint_row("support"),
}
