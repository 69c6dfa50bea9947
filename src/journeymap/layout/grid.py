"""The grid engine: stages and steps as columns, lanes as rows, every cell measured to fit.

Reading order of `lay_out_grid`: geometry, header band, stage row, step row, lanes (cells,
emotion curve), blueprint lines and links, then the scene. Layout is linear in the number of
steps: each cell is measured once, and rows grow to their tallest cell.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from journeymap.layout import blueprint, blueprint_grid, emotion
from journeymap.layout.blocks import Block, stack
from journeymap.layout.columns import column_width, rows
from journeymap.layout.context import Context, baseline, clean
from journeymap.layout.funnel import funnel_lane, lanes_with_funnel
from journeymap.layout.geometry import Grid
from journeymap.layout.header import header_band
from journeymap.layout.lanes import LANES, MapFacts, lane_label, lanes_for
from journeymap.layout.measured import Measured
from journeymap.layout.scene import Element, Frame, Group, Icon, Line, Rect, Scene, Text, r1
from journeymap.layout.steps import stage_row, step_row, time_axis
from journeymap.model import JourneyMap, Step

MIN_WIDTH = 1000.0
INSET = 10.0
LANE_PAD = 10.0
BLOCK_GAP = 8.0
MIN_LANE = 44.0
ROW_GAP = 40.0
LANE_ICONS = {
    "actions": "persona",
    "touchpoints": "web",
    "thoughts": "thought",
    "questions": "question",
    "motivations": "motivation",
    "emotion": "emotion",
    "pain_points": "pain",
    "opportunities": "opportunity",
    "metrics": "metric",
    "place": "place",
    "resolves": "check",
    "evidence": "evidence",
    "frontstage": "app",
    "backstage": "system",
    "support": "system",
    "funnel": "metric",
}


def lay_out_grid(
    journey: JourneyMap, ctx: Context, *, prefix: str = "g-", measured: Measured | None = None
) -> Scene:
    steps = [(i, stage, step) for i, stage in enumerate(journey.stages) for step in stage.steps]
    if measured is None:  # the funnel's figures keep the theme's width
        narrow = column_width(ctx, journey, steps)
        ctx = replace(ctx, theme=replace(ctx.theme, column_width=narrow))
    theme = ctx.theme
    left = theme.padding + theme.label_width
    parts = rows(len(steps), theme.column_width, left, theme.padding, theme.wrap_width)
    width = max(left + len(parts[0]) * theme.column_width + theme.padding, MIN_WIDTH)
    header, header_height = header_band(
        ctx, journey, theme.padding, theme.padding, width - 2 * theme.padding
    )
    y = band = theme.padding + header_height + 24
    drawn: list[Element] = []
    grids: list[Grid] = []
    for number, part in enumerate(parts):
        grid = Grid(ctx, journey, [steps[i] for i in part], left, width, first=part.start)
        y = _row(grid, r1(y + (ROW_GAP if number else 0)), measured, prefix)
        drawn.extend(grid.elements)
        grids.append(grid)
    height = r1(y + theme.padding)
    frame = _frame(grids[0], band, left, y) if len(grids) == 1 else None
    background = Rect(0, 0, r1(width), height, theme.colors.background, css="background")
    return Scene(
        width=r1(width),
        height=height,
        title=clean(journey.title),
        description=clean(describe(ctx, journey)),
        background=theme.colors.background,
        font_family=theme.font_family,
        id_prefix=prefix,
        elements=(background, Group(tuple(header), css="header"), *drawn),
        lang=ctx.labels.locale,
        marker_color=theme.colors.link,
        frame=frame,
    )


def _frame(grid: Grid, band: float, left: float, bottom: float) -> Frame:
    """Where an unwrapped grid's parts lie, for a page that pins its headers and prints tiles;
    a wrapped map has several rows of columns and no such frame."""
    return Frame(
        top=r1(band - 12),
        band=r1(band),
        body=grid.lane_top[0] if grid.lane_top else r1(bottom),
        left=r1(left),
        columns=(*(grid.x(i) for i in range(len(grid.steps))), grid.right),
        rows=(*grid.lane_top, r1(bottom)),
    )


def _row(grid: Grid, y: float, measured: Measured | None, prefix: str) -> float:
    """One row of columns (the whole map unless it is wrapped): headers, lanes, decorations."""
    if grid.journey.kind == "day-in-the-life":
        y = time_axis(grid, y)
    y = stage_row(grid, y)
    columns_top = y
    y = step_row(grid, y)
    y = _lanes(grid, y, MapFacts.of(grid.journey), measured)
    _moments(grid, columns_top, y)
    return _decorations(grid, prefix, y)


def _lanes(grid: Grid, y: float, facts: MapFacts, measured: Measured | None) -> float:
    order = lanes_with_funnel(lanes_for(grid.journey), measured)
    for number, lane in enumerate(order):
        grid.lane_names.append(lane)
        grid.lane_top.append(r1(y))
        if lane == "funnel" and measured is not None:
            drawn, height = funnel_lane(grid, y, measured)
            _lane_frame(grid, lane, y, height)
            grid.elements.extend(drawn)
        elif lane == "emotion":
            height = grid.ctx.theme.emotion_height
            _lane_frame(grid, lane, y, height)
            _emotion(grid, y, height, tied=_pain_next_to_emotion(order))
        else:
            following = order[number + 1] if number + 1 < len(order) else ""
            height = _cells(grid, lane, y, facts, _floor(grid, lane, following))
        y = r1(y + height)
        grid.lane_bottom.append(y)
    return y


def _floor(grid: Grid, lane: str, following: str) -> float:
    """The least height that holds the lane's name, and above a blueprint line its label."""
    ctx = grid.ctx
    names = _lane_name(grid, lane)
    height = 10 + len(names) * ctx.line_height(ctx.size) + LANE_PAD
    if grid.journey.kind == "service-blueprint" and following in blueprint.LINE_LANES:
        height += ctx.line_height(ctx.small) + 4
    return max(MIN_LANE, height)


def _lane_name(grid: Grid, lane: str) -> tuple[str, ...]:
    ctx = grid.ctx
    width = ctx.theme.label_width - 8 - 40
    return ctx.lines(lane_label(ctx, grid.journey, lane), width, ctx.size, bold=True, max_lines=3)


def _cells(grid: Grid, lane: str, top: float, facts: MapFacts, floor: float) -> float:
    build = LANES[lane]
    inner = grid.column - 2 * INSET
    cells = [build(grid.ctx, facts, step, inner) for _, _, step in grid.steps]
    height = max([floor] + [stack(blocks, BLOCK_GAP) + 2 * LANE_PAD for blocks in cells])
    _lane_frame(grid, lane, top, height)
    lane_index = len(grid.lane_names) - 1
    for index, ((_, _, step), blocks) in enumerate(zip(grid.steps, cells, strict=True)):
        y = top + LANE_PAD
        for number, block in enumerate(blocks):
            x = grid.x(index) + INSET
            grid.elements.append(_placed(block, x, y, f"{lane}-{step.id}-{number}"))
            _remember(grid, lane, step, block, x, y, index, lane_index)
            y += block.height + BLOCK_GAP
    return r1(height)


def _placed(block: Block, x: float, y: float, name: str) -> Group:
    return Group(block.elements, r1(x), r1(y), label=block.label, css=block.css)


def _remember(
    grid: Grid, lane: str, step: Step, block: Block, x: float, y: float, column: int, row: int
) -> None:
    if block.key and lane in ("evidence", "frontstage", "backstage", "support"):
        box = blueprint.Box(r1(x), r1(y), block.width, block.height, column, row)
        grid.boxes.setdefault(block.key, box)
    if lane == "pain_points":  # the first card's top and the last card's bottom
        first = grid.pain_tops.get(step.id, (r1(y), 0.0, row))[0]
        grid.pain_tops[step.id] = (first, r1(y + block.height), row)


def _lane_frame(grid: Grid, lane: str, top: float, height: float) -> None:
    ctx, theme = grid.ctx, grid.ctx.theme
    colors = theme.colors
    x = theme.padding
    label_w = theme.label_width - 8
    grid.elements.append(
        Rect(
            r1(x),
            r1(top + 2),
            r1(label_w),
            r1(height - 4),
            colors.lane_label,
            radius=6,
            css="lane-label",
        )
    )
    lh = ctx.line_height(ctx.size)
    lines = _lane_name(grid, lane)
    grid.elements.append(
        Icon(LANE_ICONS.get(lane, "other"), r1(x + 10), r1(top + 12), 15, colors.muted)
    )
    grid.elements.append(
        Text(
            r1(x + 31),
            r1(baseline(top + 10, 0, ctx.size, lh)),
            lines,
            ctx.size,
            colors.text,
            r1(lh),
            bold=True,
            css="lane-name",
        )
    )
    y = r1(top + height)
    grid.elements.append(Line(r1(grid.left), y, grid.right, y, colors.grid, 1.0, css="lane-rule"))


def _pain_next_to_emotion(order: Sequence[str]) -> bool:
    """Whether low points are tied to the pain lane by a line rather than shown by a badge."""
    lanes = list(order)
    if "pain_points" not in lanes or "emotion" not in lanes:
        return False
    return abs(lanes.index("pain_points") - lanes.index("emotion")) == 1


def _emotion(grid: Grid, top: float, height: float, *, tied: bool) -> None:
    ctx = grid.ctx
    grid.elements.extend(emotion.guides(ctx, top, height, grid.left, grid.right))
    grid.elements.extend(
        emotion.scale(ctx, top, height, ctx.theme.padding + ctx.theme.label_width - 24)
    )
    points = []
    for index, (_, _, step) in enumerate(grid.steps):
        if step.emotion is None:
            continue
        y = emotion.score_y(top, height, step.emotion)
        low = step.emotion < 0 and not tied
        pains = len(step.pain_points) if low else 0
        points.append(emotion.Point(grid.center(index), y, step.emotion, step.feeling, pains))
        grid.faces[step.id] = (grid.center(index), y, len(grid.lane_names) - 1)
    span = (grid.left, grid.right, grid.column)
    grid.elements.extend(emotion.curve(ctx, top, height, points, span))


def _moments(grid: Grid, top: float, bottom: float) -> None:
    """Moments of truth: the whole column outlined, besides the star in the step header."""
    color = grid.ctx.theme.colors.moment
    for index, (_, _, step) in enumerate(grid.steps):
        if step.moment_of_truth:
            grid.elements.append(
                Rect(
                    r1(grid.x(index) + 3),
                    r1(top + 3),
                    r1(grid.column - 6),
                    r1(bottom - top - 6),
                    "none",
                    color,
                    10,
                    2.0,
                    "6 4",
                    "moment",
                )
            )


def _decorations(grid: Grid, prefix: str, bottom: float) -> float:
    """Ties of low points, then the blueprint's lines and links; returns the new bottom."""
    grid.elements.extend(_low_points(grid))
    if grid.journey.kind != "service-blueprint":
        return bottom
    return blueprint_grid.decorate(grid, prefix, bottom)


def _low_points(grid: Grid) -> list[Element]:
    """Each negative face tied to the step's pain points by a dashed line, when the pain lane
    is next to the emotion lane (otherwise the face has a badge with the count)."""
    colors = grid.ctx.theme.colors
    out: list[Element] = []
    for _, _, step in grid.steps:
        face = grid.faces.get(step.id)
        if face is None or step.emotion is None or step.emotion >= 0 or not step.pain_points:
            continue
        x, y, face_row = face
        pain = grid.pain_tops.get(step.id)
        if pain is not None and abs(pain[2] - face_row) == 1:
            below = pain[2] > face_row
            start = y + emotion.FACE if below else y - emotion.FACE
            end = pain[0] if below else pain[1]
            out.append(Line(x, r1(start), x, r1(end), colors.pain_border, 1.5, "3 3", "low-point"))
    return out


def describe(ctx: Context, journey: JourneyMap) -> str:
    """The accessible description: kind, title, size, and how the emotion curve runs."""
    steps = [step for _, step in journey.steps()]
    text = ctx.labels.format(
        "a11y.map",
        kind=ctx.labels[f"kind.{journey.kind}"],
        title=journey.title,
        stages=ctx.labels.count("count.stages", len(journey.stages)),
        steps=ctx.labels.count("count.steps", len(steps)),
    )
    scored = [s for s in steps if s.emotion is not None]
    if scored:
        lowest = min(scored, key=lambda s: s.emotion if s.emotion is not None else 0)
        text += ". " + ctx.labels.format(
            "a11y.curve",
            first=emotion.signed(scored[0].emotion or 0),
            last=emotion.signed(scored[-1].emotion or 0),
            lowest=lowest.label,
        )
    return text
