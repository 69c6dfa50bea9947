"""The header band: kind, title, persona card, scenario and goals."""

from __future__ import annotations

from journeymap.layout.context import Context, baseline, clean
from journeymap.layout.scene import Circle, Element, Icon, Rect, Text, r1
from journeymap.model import JourneyMap, Persona

PERSONA_WIDTH = 330.0
PANEL_MAX = 560.0
GAP = 24.0
INNER = 14.0


def initials(name: str) -> str:
    words = [w for w in clean(name).split() if w[:1].isalpha()]
    if not words:
        return clean(name)[:1] or "?"
    if len(words) == 1:
        return words[0][:1].upper()
    return (words[0][:1] + words[-1][:1]).upper()


def header_band(
    ctx: Context, journey: JourneyMap, x: float, y: float, width: float
) -> tuple[list[Element], float]:
    colors = ctx.theme.colors
    out: list[Element] = []
    kind = ctx.labels.upper(ctx.labels[f"kind.{journey.kind}"])
    small_lh = ctx.line_height(ctx.small)
    out.append(
        Text(
            r1(x),
            r1(baseline(y, 0, ctx.small, small_lh)),
            (kind,),
            ctx.small,
            colors.accent,
            r1(small_lh),
            bold=True,
            css="kind",
        )
    )
    cursor = y + small_lh + 4
    title_size = round(ctx.size * 2, 1)
    title_lh = ctx.line_height(title_size)
    title = ctx.lines(journey.title, width, title_size, bold=True, max_lines=2)
    out.append(
        Text(
            r1(x),
            r1(baseline(cursor, 0, title_size, title_lh)),
            title,
            title_size,
            colors.text,
            r1(title_lh),
            bold=True,
            css="title",
        )
    )
    cursor += len(title) * title_lh + 4
    meta = meta_line(ctx, journey)
    if meta:
        lines = ctx.lines(meta, width, ctx.small, max_lines=2)
        out.append(
            Text(
                r1(x),
                r1(baseline(cursor, 0, ctx.small, small_lh)),
                lines,
                ctx.small,
                colors.muted,
                r1(small_lh),
                css="meta",
            )
        )
        cursor += len(lines) * small_lh
    cursor += 14
    panels, height = _panels(ctx, journey, x, cursor, width)
    out.extend(panels)
    return out, r1(cursor + height - y)


def meta_line(ctx: Context, journey: JourneyMap) -> str:
    labels = ctx.labels
    parts = []
    if journey.based_on is not None:
        parts.append(f"{labels['header.based_on']}: {journey.based_on.title}")
    if journey.owner:
        parts.append(f"{labels['header.owner']}: {journey.owner}")
    if journey.updated:
        parts.append(f"{labels['header.updated']}: {labels.date(journey.updated)}")
    if journey.tags:
        parts.append(" ".join(f"#{tag}" for tag in journey.tags))
    return "  \u00b7  ".join(parts)


def _panels(
    ctx: Context, journey: JourneyMap, x: float, y: float, width: float
) -> tuple[list[Element], float]:
    """Persona, scenario and goals side by side; missing ones leave no gap."""
    sections: list[tuple[str, float]] = []
    if journey.persona is not None:
        sections.append(("persona", PERSONA_WIDTH))
    rest = [
        name
        for name, present in (("scenario", journey.scenario), ("goals", journey.goals))
        if present
    ]
    if not sections and not rest:
        return [], 0.0
    free = width - sum(w for _, w in sections) - GAP * (len(sections) + len(rest) - 1)
    sections += [(name, min(PANEL_MAX, max(200.0, free / len(rest)))) for name in rest]
    built: list[tuple[list[Element], float, float]] = []
    left = x
    for name, panel_width in sections:
        elements, height = _PANELS[name](ctx, journey, left, y, panel_width)
        built.append((elements, height, left))
        left += panel_width + GAP
    height = max(h for _, h, _ in built)
    out: list[Element] = []
    for (elements, _, left), (_, panel_width) in zip(built, sections, strict=True):
        out.append(
            Rect(
                r1(left),
                r1(y),
                r1(panel_width),
                r1(height),
                ctx.theme.colors.header,
                ctx.theme.colors.grid,
                10,
                css="panel",
            )
        )
        out.extend(elements)
    return out, height


def _heading(ctx: Context, text: str, x: float, y: float) -> tuple[Text, float]:
    lh = ctx.line_height(ctx.small)
    heading = Text(
        r1(x),
        r1(baseline(y, 0, ctx.small, lh)),
        (ctx.labels.upper(text),),
        ctx.small,
        ctx.theme.colors.muted,
        r1(lh),
        bold=True,
        css="heading",
    )
    return heading, lh + 4


def _persona_panel(
    ctx: Context, journey: JourneyMap, x: float, y: float, width: float
) -> tuple[list[Element], float]:
    persona = journey.persona
    assert persona is not None
    colors = ctx.theme.colors
    heading, used = _heading(ctx, ctx.labels["header.persona"], x + INNER, y + INNER)
    top = y + INNER + used
    out: list[Element] = [heading, *_avatar(ctx, persona, x + INNER + 22, top + 22)]
    text_x = x + INNER + 56
    text_w = width - 56 - 2 * INNER
    cursor = top
    cursor = _append(
        out, ctx, persona.name, text_x, cursor, text_w, ctx.size, colors.text, bold=True
    )
    if persona.role:
        cursor = _append(out, ctx, persona.role, text_x, cursor, text_w, ctx.small, colors.muted)
    if persona.quote:
        quote = f"\u201c{persona.quote}\u201d"
        cursor = _append(
            out,
            ctx,
            quote,
            text_x,
            cursor + 4,
            text_w,
            ctx.small,
            colors.text,
            italic=True,
            max_lines=3,
        )
    height = max(cursor, top + 44) + INNER - y
    return out, height


def _avatar(ctx: Context, persona: Persona, cx: float, cy: float) -> list[Element]:
    colors = ctx.theme.colors
    size = ctx.size * 1.15
    lh = ctx.line_height(size)
    return [
        Circle(r1(cx), r1(cy), 21, colors.accent, "none", css="avatar"),
        Text(
            r1(cx),
            r1(cy + 0.35 * size),
            (initials(persona.name),),
            round(size, 1),
            colors.background,
            r1(lh),
            bold=True,
            anchor="middle",
            css="initials",
        ),
    ]


def _scenario_panel(
    ctx: Context, journey: JourneyMap, x: float, y: float, width: float
) -> tuple[list[Element], float]:
    heading, used = _heading(ctx, ctx.labels["header.scenario"], x + INNER, y + INNER)
    out: list[Element] = [heading]
    cursor = _append(
        out,
        ctx,
        journey.scenario or "",
        x + INNER,
        y + INNER + used,
        width - 2 * INNER,
        ctx.size,
        ctx.theme.colors.text,
        max_lines=5,
    )
    return out, cursor + INNER - y


def _goals_panel(
    ctx: Context, journey: JourneyMap, x: float, y: float, width: float
) -> tuple[list[Element], float]:
    heading, used = _heading(ctx, ctx.labels["header.goals"], x + INNER, y + INNER)
    out: list[Element] = [heading]
    cursor = y + INNER + used
    color = ctx.theme.colors.text
    for goal in journey.goals[:6]:
        out.append(Icon("check", r1(x + INNER), r1(cursor + 2), 13, ctx.theme.colors.positive))
        cursor = (
            _append(
                out,
                ctx,
                goal,
                x + INNER + 19,
                cursor,
                width - 2 * INNER - 19,
                ctx.size,
                color,
                max_lines=2,
            )
            + 2
        )
    return out, cursor + INNER - y


def _append(
    out: list[Element],
    ctx: Context,
    text: str,
    x: float,
    y: float,
    width: float,
    size: float,
    color: str,
    *,
    bold: bool = False,
    italic: bool = False,
    max_lines: int = 2,
) -> float:
    lines = ctx.lines(text, width, size, bold=bold, max_lines=max_lines)
    lh = ctx.line_height(size)
    if lines:
        out.append(
            Text(
                r1(x),
                r1(baseline(y, 0, size, lh)),
                lines,
                size,
                color,
                r1(lh),
                bold=bold,
                italic=italic,
            )
        )
    return y + len(lines) * lh


_PANELS = {"persona": _persona_panel, "scenario": _scenario_panel, "goals": _goals_panel}
