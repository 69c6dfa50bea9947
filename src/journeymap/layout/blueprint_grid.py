"""The blueprint's drawing on the grid: its three lines, the links' arrows and their labels.

Called once the lanes of a row are laid out, since arrows run between cards already placed
and labels look for room among everything drawn.
"""

from __future__ import annotations

from dataclasses import replace

from journeymap.layout import blueprint, link_labels
from journeymap.layout.footprint import Box
from journeymap.layout.geometry import Grid
from journeymap.layout.scene import r1


def decorate(grid: Grid, prefix: str, bottom: float) -> float:
    """Lines, arrows and labels; labels with no room listed under the row. The new bottom."""
    ctx = grid.ctx
    grid.elements.extend(
        blueprint.lines(ctx, grid.lane_names, grid.lane_top, ctx.theme.padding, grid.right)
    )
    frame = blueprint.Frame(
        [grid.x(i) for i in range(len(grid.steps))], grid.column, grid.lane_top, grid.lane_bottom
    )
    arrows, pending = blueprint.links(ctx, grid.boxes, frame, grid.journey.links, prefix)
    index = link_labels.obstacles([*grid.elements, *arrows])
    area = Box(grid.left, grid.lane_top[0] if grid.lane_top else bottom, grid.right, bottom)
    placed, left = link_labels.place(ctx, pending, index, area)
    grid.elements.extend(replace(a, children=(*a.children, *placed.get(a.id, ()))) for a in arrows)
    unplaced = [(p.group, p.whole) for p in left] + _across(grid, prefix)
    listed, height = link_labels.legend(
        ctx, unplaced, grid.left, bottom + 8, grid.right - grid.left
    )
    grid.elements.extend(listed)
    return r1(bottom + height + 8) if listed else bottom


def _across(grid: Grid, prefix: str) -> list[tuple[str, str]]:
    """Links from this row of a wrapped map to another: listed under the row they start in,
    as arrows do not cross the gap between rows."""
    if len(grid.steps) == sum(len(stage.steps) for stage in grid.journey.stages):
        return []
    out = []
    for index, link in enumerate(grid.journey.links):
        if link.source in grid.boxes and link.target not in grid.boxes:
            text = f"{link.source} \u2192 {link.target}"
            out.append((f"{prefix}link-{index}", text + (f": {link.label}" if link.label else "")))
    return out
