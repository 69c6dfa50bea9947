"""The flow view: Graphviz `dot` places the steps and routes the edges; we draw them.

dot gets node sizes we measured with our own font metrics and returns positions (`-Tjson0`),
so the flow view shares the grid's fonts, colours and faces and stays deterministic for a given
Graphviz version. Without `dot`, only this view fails, with one line saying what to install.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from journeymap.layout import emotion
from journeymap.layout.context import Context, baseline, clean
from journeymap.layout.dot import FlowUnavailable, check_size, run_dot
from journeymap.layout.flow_measured import FIGURES_HEIGHT, EdgeFigures, EdgeLook, node_figures
from journeymap.layout.flow_source import NODE_PAD, Labels, Node, dot_source, nodes_of
from journeymap.layout.measured import Measured, terminal_steps
from journeymap.layout.scene import Element, Group, Path, Rect, Scene, Text, r1
from journeymap.model import JourneyMap, transitions

__all__ = ["FlowUnavailable", "lay_out_flow"]


def lay_out_flow(
    journey: JourneyMap, ctx: Context, *, prefix: str = "f-", measured: Measured | None = None
) -> Scene:
    """With `measured`, arrows carry measured shares and volume and nodes their reach."""
    check_size(sum(1 for _ in journey.steps()), sum(len(e) for e in transitions(journey).values()))
    nodes = nodes_of(journey, ctx, measured)
    labels: Labels = {}
    looks: dict[str, EdgeLook] = {}
    figures = EdgeFigures(measured) if measured is not None else None
    layout = run_dot(dot_source(journey, ctx, nodes, labels, figures, looks))
    drawn = _scene(journey, ctx, nodes, layout, prefix, labels, looks)
    if measured is None:
        return drawn
    return _with_figures(ctx, drawn, nodes, measured, terminal_steps(journey, measured))


def _with_figures(
    ctx: Context,
    scene: Scene,
    nodes: dict[str, Node],
    measured: Measured,
    ends: frozenset[str],
) -> Scene:
    """Each step's measured figures added to its node, under the label."""
    by_id = {f"step-{node.step.id}": node for node in nodes.values()}
    elements: list[Element] = []
    for element in scene.elements:
        node = by_id.get(element.id) if isinstance(element, Group) else None
        if isinstance(element, Group) and node is not None:
            top = node.height - NODE_PAD - FIGURES_HEIGHT + 2
            extra = node_figures(ctx, measured, node.step.id, node.width, top, ends)
            element = replace(element, children=(*element.children, *extra))
        elements.append(element)
    return replace(scene, elements=tuple(elements))


def _points(text: str) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in (p.split(",")[:2] for p in text.split())]


def _scene(
    journey: JourneyMap,
    ctx: Context,
    nodes: dict[str, Node],
    layout: dict[str, Any],
    prefix: str,
    labels: Labels,
    looks: dict[str, EdgeLook] | None = None,
) -> Scene:
    theme = ctx.theme
    pad = theme.padding
    _, _, bb_w, bb_h = (float(v) for v in layout["bb"].split(","))

    def at(x: float, y: float) -> tuple[float, float]:
        return r1(x + pad), r1(bb_h - y + pad)

    by_name = {node.name: node for node in nodes.values()}
    objects = layout.get("objects", [])
    elements: list[Element] = [
        Rect(0, 0, r1(bb_w + 2 * pad), r1(bb_h + 2 * pad), theme.colors.background)
    ]
    elements += _clusters(ctx, objects, at, labels)
    edges = layout.get("edges", [])
    elements += _edge_elements(ctx, edges, objects, at, prefix, labels, looks or {})
    for obj in objects:
        if obj.get("name") in by_name:
            elements.append(_node(ctx, by_name[obj["name"]], *at(*_points(obj["pos"])[0])))
        elif obj.get("name") == "dropoff":
            elements.append(_drop_node(ctx, *at(*_points(obj["pos"])[0])))
    branches = sum(1 for edges in transitions(journey).values() if len(edges) > 1)
    return Scene(
        width=r1(bb_w + 2 * pad),
        height=r1(bb_h + 2 * pad),
        title=clean(journey.title),
        description=ctx.labels.format(
            "a11y.flow",
            steps=ctx.labels.count("count.steps", len(nodes)),
            branches=ctx.labels.count("count.branch_points", branches),
        ),
        background=theme.colors.background,
        font_family=theme.font_family,
        id_prefix=prefix,
        elements=tuple(elements),
        lang=ctx.labels.locale,
        marker_color=theme.colors.link,
    )


def _clusters(
    ctx: Context, objects: Sequence[dict[str, Any]], at: Any, labels: Labels
) -> list[Element]:
    out: list[Element] = []
    colors = ctx.theme.colors
    for index, obj in enumerate(o for o in objects if str(o.get("name", "")).startswith("cluster")):
        x1, y1, x2, y2 = (float(v) for v in obj["bb"].split(","))
        left, top = at(x1, y2)
        right, bottom = at(x2, y1)
        out.append(
            Rect(
                left,
                top,
                r1(right - left),
                r1(bottom - top),
                ctx.theme.stage_color(index),
                radius=10,
                css="stage",
            )
        )
        size = round(ctx.size * 1.1, 1)
        lh = ctx.line_height(size)
        found = labels.get(str(obj["name"]))
        label = ctx.lines(
            found.text if found else "", right - left - 16, size, bold=True, max_lines=1
        )
        out.append(
            Text(
                r1(left + 8),
                r1(baseline(top + 2, 0, size, lh)),
                label,
                size,
                colors.stage_text,
                r1(lh),
                bold=True,
                css="stage-title",
            )
        )
    return out


def _node(ctx: Context, node: Node, cx: float, cy: float) -> Group:
    colors = ctx.theme.colors
    x, y = r1(cx - node.width / 2), r1(cy - node.height / 2)
    border = colors.moment if node.step.moment_of_truth else colors.card_border
    parts: list[Element] = [
        Rect(
            0,
            0,
            node.width,
            node.height,
            colors.background,
            border,
            8,
            2.5 if node.step.moment_of_truth else 1.2,
            css="node",
        )
    ]
    lh = ctx.line_height(ctx.size)
    number = f"{node.number}."
    parts.append(
        Text(
            NODE_PAD,
            r1(baseline(NODE_PAD, 0, ctx.small, lh)),
            (number,),
            ctx.small,
            colors.muted,
            r1(lh),
            bold=True,
        )
    )
    parts.append(
        Text(
            NODE_PAD,
            r1(baseline(NODE_PAD + 14, 0, ctx.size, lh)),
            node.lines,
            ctx.size,
            colors.text,
            r1(lh),
            css="node-label",
        )
    )
    if node.step.emotion is not None:
        parts.extend(emotion.face(ctx, node.width - 18, 18, node.step.emotion, radius=9.0))
    return Group(tuple(parts), x, y, id=f"step-{node.step.id}", label=node.step.action, css="step")


def _drop_node(ctx: Context, cx: float, cy: float) -> Group:
    colors = ctx.theme.colors
    lh = ctx.line_height(ctx.size)
    return Group(
        (
            Rect(-58, -18, 116, 36, colors.pain, colors.pain_border, 18, 1.2, "6 4", "drop-off"),
            Text(
                0,
                r1(0.35 * ctx.size),
                (ctx.labels["label.drop_off"],),
                ctx.size,
                colors.pain_text,
                r1(lh),
                bold=True,
                anchor="middle",
            ),
        ),
        r1(cx),
        r1(cy),
        css="drop-off",
    )


def _edge_elements(
    ctx: Context,
    edges: Sequence[dict[str, Any]],
    objects: Sequence[dict[str, Any]],
    at: Any,
    prefix: str,
    labels: Labels,
    looks: dict[str, EdgeLook],
) -> list[Element]:
    colors = ctx.theme.colors
    out: list[Element] = []
    lh = ctx.line_height(ctx.small)
    for index, edge in enumerate(edges):
        d = _spline(str(edge.get("pos", "")), at)
        if not d:
            continue
        dashed = edge.get("style") == "dashed"
        to_drop = objects[edge["head"]].get("name") == "dropoff" if "head" in edge else False
        look = looks.get(str(edge.get("id", "")), EdgeLook("map"))
        color = colors.pain_border if to_drop else colors.link
        parts: list[Element] = []
        if look.band:
            band = colors.pain_border if to_drop else colors.accent
            parts.append(Path(d, stroke=band, stroke_width=look.band, opacity=0.22, css="volume"))
        if look.kind == "unobserved":
            color, dashed = colors.muted, True
        parts.append(
            Path(
                d,
                stroke=color,
                stroke_width=1.6,
                dash=("2 4" if look.kind == "unobserved" else "5 4") if dashed else "",
                marker_end="arrow",
                css="edge" if look.kind == "map" else f"edge {look.kind}",
            )
        )
        found = labels.get(str(edge.get("id", "")))
        lines, label = (found.lines, found.text) if found else ((), "")
        if lines and "lp" in edge:
            x, y = at(*_points(edge["lp"])[0])
            top = y - len(lines) * lh / 2
            parts.append(
                Text(
                    x,
                    r1(baseline(top, 0, ctx.small, lh)),
                    lines,
                    ctx.small,
                    colors.pain_text if to_drop else _label_color(ctx, look),
                    r1(lh),
                    anchor="middle",
                    css="edge-label",
                    halo=colors.background if look.band else "",
                )
            )
        out.append(Group(tuple(parts), id=f"{prefix}edge-{index}", label=label, css="edge"))
    return out


def _label_color(ctx: Context, look: EdgeLook) -> str:
    return ctx.theme.colors.muted if look.kind == "unobserved" else ctx.theme.colors.text


def _spline(pos: str, at: Any) -> str:
    """dot's `e,x,y p0 p1 p2 p3 ...` spline as an SVG cubic path ending at the arrow tip."""
    tokens = pos.split()
    end = None
    if tokens and tokens[0].startswith("e,"):
        end = at(*(float(v) for v in tokens[0][2:].split(",")))
        tokens = tokens[1:]
    if tokens and tokens[0].startswith("s,"):
        tokens = tokens[1:]
    points = [at(*p) for p in _points(" ".join(tokens))]
    if len(points) < 4:
        return ""
    d = f"M{points[0][0]} {points[0][1]}"
    for i in range(1, len(points) - 2, 3):
        (x1, y1), (x2, y2), (x3, y3) = points[i : i + 3]
        d += f" C{x1} {y1} {x2} {y2} {x3} {y3}"
    if end is not None:
        d += f" L{end[0]} {end[1]}"
    return d
