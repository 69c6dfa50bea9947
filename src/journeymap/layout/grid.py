"""The grid engine: stages and steps as columns, lanes as rows, every cell measured to fit.

Reading order of `lay_out_grid`: geometry, header band, stage row, step row, lanes (cells,
emotion curve), blueprint lines and links, then the scene. Layout is linear in the number of
steps: each cell is measured once, and rows grow to their tallest cell.
"""

from __future__ import annotations

from journeymap.layout import blueprint, emotion
from journeymap.layout.blocks import Block, stack
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
    theme = ctx.theme
    steps = [(i, stage, step) for i, stage in enumerate(journey.stages) for step in stage.steps]
    left = theme.padding + theme.label_width
    width = max(left + len(steps) * theme.column_width + theme.padding, MIN_WIDTH)
    grid = Grid(ctx, journey, steps, left, width)
    header, header_height = header_band(
        ctx, journey, theme.padding, theme.padding, width - 2 * theme.padding
    )
    y = band = theme.padding + header_height + 24
    if journey.kind == "day-in-the-life":
        y = time_axis(grid, y)
    y = stage_row(grid, y)
    columns_top = y
    y = step_row(grid, y)
    y = _lanes(grid, y, MapFacts.of(journey), measured)
    _moments(grid, columns_top, y)
    _decorations(grid, prefix)
    height = r1(y + theme.padding)
    frame = Frame(
        top=r1(band - 12),
        band=r1(band),
        body=grid.lane_top[0] if grid.lane_top else r1(y),
        left=r1(left),
        columns=(*(grid.x(i) for i in range(len(steps))), grid.right),
        rows=(*grid.lane_top, r1(y)),
    )
    background = Rect(0, 0, r1(width), height, theme.colors.background, css="background")
    return Scene(
        width=r1(width),
        height=height,
        title=clean(journey.title),
        description=clean(describe(ctx, journey)),
        background=theme.colors.background,
        font_family=theme.font_family,
        id_prefix=prefix,
        elements=(background, Group(tuple(header), css="header"), *grid.elements),
        lang=ctx.labels.locale,
        marker_color=theme.colors.link,
        frame=frame,
    )


def _lanes(grid: Grid, y: float, facts: MapFacts, measured: Measured | None) -> float:
    for lane in lanes_with_funnel(lanes_for(grid.journey), measured):
        grid.lane_names.append(lane)
        grid.lane_top.append(r1(y))
        if lane == "funnel" and measured is not None:
            drawn, height = funnel_lane(grid, y, measured)
            _lane_frame(grid, lane, y, height)
            grid.elements.extend(drawn)
        elif lane == "emotion":
            height = grid.ctx.theme.emotion_height
            _lane_frame(grid, lane, y, height)
            _emotion(grid, y, height)
        else:
            height = _cells(grid, lane, y, facts)
        y = r1(y + height)
        grid.lane_bottom.append(y)
    return y


def _cells(grid: Grid, lane: str, top: float, facts: MapFacts) -> float:
    build = LANES[lane]
    inner = grid.column - 2 * INSET
    cells = [build(grid.ctx, facts, step, inner) for _, _, step in grid.steps]
    height = max([MIN_LANE] + [stack(blocks, BLOCK_GAP) + 2 * LANE_PAD for blocks in cells])
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
    if lane == "pain_points" and step.id not in grid.pain_tops:
        grid.pain_tops[step.id] = (r1(y), r1(y + block.height), row)


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
    lines = ctx.lines(
        lane_label(ctx, grid.journey, lane), label_w - 40, ctx.size, bold=True, max_lines=3
    )
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


def _emotion(grid: Grid, top: float, height: float) -> None:
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
        points.append(emotion.Point(grid.center(index), y, step.emotion, step.feeling))
        grid.faces[step.id] = (grid.center(index), y, len(grid.lane_names) - 1)
    grid.elements.extend(emotion.curve(ctx, top, height, points))


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


def _decorations(grid: Grid, prefix: str) -> None:
    ctx = grid.ctx
    if grid.journey.kind == "service-blueprint":
        grid.elements.extend(
            blueprint.lines(ctx, grid.lane_names, grid.lane_top, ctx.theme.padding, grid.right)
        )
        frame = blueprint.Frame(
            [grid.x(i) for i in range(len(grid.steps))],
            grid.column,
            grid.lane_top,
            grid.lane_bottom,
        )
        grid.elements.extend(blueprint.links(ctx, grid.boxes, frame, grid.journey.links, prefix))
    grid.elements.extend(_low_points(grid))


def _low_points(grid: Grid) -> list[Element]:
    """Each negative face tied to the step's pain points: a dashed line when the pain lane is
    next to the emotion lane, otherwise a warning badge with the count under the face."""
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
        else:
            out.extend(_pain_badge(grid, x, y, len(step.pain_points)))
    return out


def _pain_badge(grid: Grid, x: float, y: float, count: int) -> list[Element]:
    ctx = grid.ctx
    colors = ctx.theme.colors
    top = y + emotion.FACE + 3
    return [
        Rect(r1(x - 17), r1(top), 34, 16, colors.pain, colors.pain_border, 8, css="pain-badge"),
        Icon("pain", r1(x - 13), r1(top + 2), 12, colors.pain_text),
        Text(
            r1(x + 6),
            r1(top + 8 + 0.35 * ctx.small),
            (str(count),),
            ctx.small,
            colors.pain_text,
            r1(ctx.line_height(ctx.small)),
            bold=True,
            anchor="middle",
        ),
    ]


def describe(ctx: Context, journey: JourneyMap) -> str:
    """The accessible description: kind, title, size, and how the emotion curve runs."""
    steps = [step for _, step in journey.steps()]
    text = ctx.labels.format(
        "a11y.map",
        kind=ctx.labels[f"kind.{journey.kind}"],
        title=journey.title,
        stages=len(journey.stages),
        steps=len(steps),
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
