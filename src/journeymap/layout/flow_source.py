"""The flow view's input to dot: boxes we measured, never text dot would measure.

Nodes get the size of their wrapped text; labels of stages and edges are wrapped here and
given to dot as empty boxes of exactly that size (an HTML-like label with a fixed-size
table), so a long word can neither widen the picture nor run across its own edge, and the
drawn text is ours (see `Labels`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from journeymap.layout.context import Context
from journeymap.layout.flow_measured import FIGURES_HEIGHT, EdgeFigures, EdgeLook
from journeymap.layout.measured import Measured
from journeymap.layout.scene import r1
from journeymap.layout.steps import stage_title
from journeymap.model import JourneyMap, Step, transitions
from journeymap.text import text_width

NODE_WIDTH = 190.0
NODE_PAD = 10.0
EDGE_LABEL_WIDTH = 150.0
"""Edge labels wrap to this width (and 3 lines), so no label widens the picture or lies
across its own edge: dot reserves exactly the box we measured."""
EDGE_LABEL_LINES = 3
DPI = 72.0
DROP_OFF_METRICS = ("drop_off", "drop_off_rate", "drop_off_share", "abandonment_rate")


@dataclass(frozen=True, slots=True)
class Label:
    """A label as drawn: the whole text (the tooltip) and its wrapped lines."""

    text: str
    lines: tuple[str, ...]


Labels = dict[str, Label]
"""Labels by dot id: `cluster_N` for stage titles, `eN` for edges."""


@dataclass(frozen=True, slots=True)
class Node:
    name: str
    step: Step
    number: int
    lines: tuple[str, ...]
    width: float
    height: float


def nodes_of(
    journey: JourneyMap, ctx: Context, measured: Measured | None = None
) -> dict[str, Node]:
    """With measures, each node is taller by the lines of its measured figures."""
    lh = ctx.line_height(ctx.size)
    out = {}
    for number, (_, step) in enumerate(journey.steps(), start=1):
        label = step.title or step.action
        lines = ctx.lines(label, NODE_WIDTH - 2 * NODE_PAD - 30, ctx.size, max_lines=4)
        height = max(44.0, 2 * NODE_PAD + len(lines) * lh + 14)
        height += FIGURES_HEIGHT if measured is not None else 0.0
        out[step.id] = Node(f"n{number}", step, number, lines, NODE_WIDTH, r1(height))
    return out


def drop_off(step: Step) -> float | None:
    for name in DROP_OFF_METRICS:
        value = step.metrics.get(name)
        if isinstance(value, int | float) and 0 < value <= 1:
            return float(value)
    return None


def _box(width: float, height: float) -> str:
    """A dot label of exactly this size in points (= px at 72 dpi), whatever its text: dot
    never measures our text with its own fonts, and never sees it."""
    return (
        '<<table border="0" cellborder="0" cellspacing="0" cellpadding="0" fixedsize="true"'
        f' width="{max(1, math.ceil(width))}" height="{max(1, math.ceil(height))}">'
        "<tr><td></td></tr></table>>"
    )


def _label_box(ctx: Context, key: str, text: str, width: float, size: float, labels: Labels) -> str:
    """Wraps `text` for a label drawn at `size`, records its lines under `key`, sizes it."""
    lines = ctx.lines(text, width, size, max_lines=EDGE_LABEL_LINES)
    labels[key] = Label(text, lines)
    wide = max((text_width(line, size) for line in lines), default=0.0)
    return _box(wide + 4, len(lines) * ctx.line_height(size))


def _stage_box(ctx: Context, key: str, text: str, labels: Labels) -> str:
    """A stage title takes one line of at most a node's width: a cluster as wide as its title
    would let one long title widen the whole picture."""
    size = round(ctx.size * 1.1, 1)
    title = ctx.lines(text, NODE_WIDTH, size, bold=True, max_lines=1)
    labels[key] = Label(text, title)
    wide = text_width(title[0], size, bold=True) + 16 if title else 0
    return _box(wide, ctx.line_height(size))


def dot_source(
    journey: JourneyMap,
    ctx: Context,
    nodes: dict[str, Node],
    labels: Labels,
    figures: EdgeFigures | None = None,
    looks: dict[str, EdgeLook] | None = None,
) -> str:
    """dot's input; with `figures` (measures), edges carry measured labels and `looks` gets,
    by edge id, how each is drawn."""
    lines = [
        "digraph journey {",
        '  graph [rankdir=LR, nodesep=0.35, ranksep=0.6, fontname="Arial", fontsize=14,'
        " margin=0, newrank=true];",
        '  node [shape=box, fixedsize=true, label="", fontname="Arial"];',
        '  edge [fontname="Arial", fontsize=11];',
    ]
    for index, stage in enumerate(journey.stages):
        if not stage.steps:
            continue
        label = _stage_box(ctx, f"cluster_{index}", stage_title(ctx, stage), labels)
        lines.append(f"  subgraph cluster_{index} {{ label={label};")
        for step in stage.steps:
            node = nodes[step.id]
            lines.append(
                f"    {node.name} [width={node.width / DPI:.3f}, height={node.height / DPI:.3f}];"
            )
        lines.append("  }")
    lines.extend(_edges(journey, ctx, nodes, labels, figures, {} if looks is None else looks))
    lines.append("}")
    return "\n".join(lines) + "\n"


def _edges(
    journey: JourneyMap,
    ctx: Context,
    nodes: dict[str, Node],
    labels: Labels,
    figures: EdgeFigures | None,
    looks: dict[str, EdgeLook],
) -> list[str]:
    """The map's transitions; with measures, also the heaviest the map does not draw."""
    out: list[str] = []

    def add(source: str, target: str, text: str, look: EdgeLook, dashed: bool) -> None:
        key = f"e{len(out)}"
        looks[key] = look
        label = _label_box(ctx, key, text, EDGE_LABEL_WIDTH, ctx.small, labels) if text else '""'
        style = ", style=dashed" if dashed else ""
        out.append(f"  {source} -> {target} [id={key}, label={label}{style}];")

    drawn = set()
    for step_id, edges in transitions(journey).items():
        for edge in edges:
            if edge.to not in nodes:
                continue
            drawn.add((step_id, edge.to))
            text, look = edge_label(edge.label, edge.share), EdgeLook("map")
            if figures is not None:
                text, look = figures.declared(ctx, step_id, edge)
            implied = not edge.explicit and any(e.explicit for e in edges)
            add(nodes[step_id].name, nodes[edge.to].name, text, look, implied)
    if figures is not None:
        for seen in figures.undrawn(drawn, set(nodes)):
            text, look = figures.undrawn_label(ctx, seen)
            add(nodes[seen.source].name, nodes[seen.target].name, text, look, True)
    drops = _drops(journey, ctx, figures)
    if drops:
        out.append('  dropoff [shape=box, width=1.6, height=0.5, label=""];')
        for step_id, text, look in drops:
            add(nodes[step_id].name, "dropoff", text, look, True)
    return out


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
