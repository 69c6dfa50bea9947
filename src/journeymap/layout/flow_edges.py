"""The flow view's edges as dot source: the map's transitions, the transitions the log shows
that the map does not draw, and drop-offs, each with an id so the drawing knows which is which.
"""

from __future__ import annotations

from journeymap.layout.context import Context
from journeymap.layout.flow_measured import EdgeFigures, EdgeLook
from journeymap.model import JourneyMap, Step, transitions

DROP_OFF_METRICS = ("drop_off", "drop_off_rate", "drop_off_share", "abandonment_rate")


def drop_off(step: Step) -> float | None:
    for name in DROP_OFF_METRICS:
        value = step.metrics.get(name)
        if isinstance(value, int | float) and 0 < value <= 1:
            return float(value)
    return None


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def dot_edges(
    journey: JourneyMap, ctx: Context, nodes: dict[str, str], figures: EdgeFigures | None
) -> tuple[list[str], dict[str, EdgeLook]]:
    """dot's edge lines, each with an id, and how each is drawn; `nodes`: step id -> node name."""
    out: list[str] = []
    looks: dict[str, EdgeLook] = {}

    def add(source: str, target: str, label: str, look: EdgeLook, dashed: bool) -> None:
        name = f"e{len(out)}"
        looks[name] = look
        style = ", style=dashed" if dashed else ""
        out.append(f'  {source} -> {target} [id="{name}", label={quote(label)}{style}];')

    drawn = set()
    for step_id, edges in transitions(journey).items():
        for edge in edges:
            if edge.to not in nodes:
                continue
            drawn.add((step_id, edge.to))
            label, look = edge_label(edge.label, edge.share), EdgeLook("map")
            if figures is not None:
                label, look = figures.declared(ctx, step_id, edge)
            implied = not edge.explicit and any(e.explicit for e in edges)
            add(nodes[step_id], nodes[edge.to], label, look, implied)
    if figures is not None:
        for seen in figures.undrawn(drawn, set(nodes)):
            label, look = figures.undrawn_label(ctx, seen)
            add(nodes[seen.source], nodes[seen.target], label, look, True)
    drops = _drops(journey, ctx, figures)
    if drops:
        out.append('  dropoff [shape=box, width=1.6, height=0.5, label=""];')
        for step_id, label, look in drops:
            add(nodes[step_id], "dropoff", label, look, True)
    return out, looks


def _drops(
    journey: JourneyMap, ctx: Context, figures: EdgeFigures | None
) -> list[tuple[str, str, EdgeLook]]:
    """Declared drop-offs (a drop-off metric), with the measured one beside each. Measured
    drop-offs of other steps are written in their nodes: an arrow each would cross the map."""
    out = []
    for _, step in journey.steps():
        declared = drop_off(step)
        found = figures.drop(ctx, step, declared) if figures and declared else None
        if found is not None:
            out.append((step.id, *found))
        elif declared:
            label = f"{ctx.labels['label.drop_off']} {declared * 100:.0f}%"
            out.append((step.id, label, EdgeLook("drop")))
    return out


def edge_label(label: str | None, share: float | None) -> str:
    parts = []
    if share is not None:
        parts.append(f"{share * 100:.0f}%")
    if label:
        parts.append(label)
    return " \u00b7 ".join(parts)
