"""The map as the page shows it: the drawing without the header band the page already shows,
the pinned stage and lane headers, step anchors, and the tiles the map prints on.

All of it is geometry from the grid's `Frame`: the pins and tiles show the one drawing again
through `<use>` and a viewBox, so no text is repeated in the page and the script that zooms
reads nothing but sizes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from journeymap.layout.scene import Frame, Group, Rect, Scene, r1

PAGE_WIDTH = 1512.0
"""A3 landscape less 10 mm margins, in CSS pixels: a tile is printed at its drawn size."""
PAGE_HEIGHT = 1000.0
"""The same page's height less a caption line."""


@dataclass(frozen=True, slots=True)
class Box:
    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True, slots=True)
class Part:
    """A rectangle of the drawing (`box`) shown at (x, y) of a tile."""

    x: float
    y: float
    box: Box


@dataclass(frozen=True, slots=True)
class Tile:
    """One printed page of the map: its part of the map beside the lane labels and under the
    step headers. Adjacent pieces are one part, so a tile is one to four copies of the
    drawing (each copy costs the browser the whole drawing)."""

    width: float
    height: float
    parts: tuple[Part, ...]


@dataclass(frozen=True, slots=True)
class MapView:
    scene: Scene
    """The drawing the page shows: no header band, moved up to the stage row."""
    band: Box | None
    """The stage and step headers that stay on top while the map scrolls."""
    labels: Box | None
    """The lane labels that stay on the left while the map scrolls."""
    spots: tuple[tuple[str, Box], ...]
    """Each step's column, by step id: the places the backlog and tables link to."""
    tiles: tuple[Tile, ...]


def map_view(scene: Scene, step_ids: tuple[str, ...]) -> MapView:
    if scene.frame is None:
        return MapView(scene, None, None, (), ())
    cropped = _cropped(scene, scene.frame.top)
    frame = _moved(scene.frame, scene.frame.top)
    band = Box(0.0, frame.band, cropped.width, r1(frame.body - frame.band))
    labels = Box(0.0, frame.body, frame.left, r1(cropped.height - frame.body))
    return MapView(cropped, band, labels, _spots(frame, step_ids), _tiles(frame, cropped.height))


def _moved(frame: Frame, top: float) -> Frame:
    return replace(
        frame,
        top=0.0,
        band=r1(frame.band - top),
        body=r1(frame.body - top),
        rows=tuple(r1(y - top) for y in frame.rows),
    )


def _cropped(scene: Scene, top: float) -> Scene:
    """The scene without its `header` group, everything else moved up by `top`."""
    height = r1(scene.height - top)
    kept = tuple(e for e in scene.elements[1:] if not (isinstance(e, Group) and e.css == "header"))
    background = Rect(0.0, 0.0, scene.width, height, scene.background, css="background")
    return replace(
        scene, height=height, elements=(background, Group(kept, 0.0, r1(-top))), frame=None
    )


def _spots(frame: Frame, step_ids: tuple[str, ...]) -> tuple[tuple[str, Box], ...]:
    columns = frame.columns
    height = r1(frame.rows[-1] - frame.band)
    return tuple(
        (step_id, Box(columns[i], frame.band, r1(columns[i + 1] - columns[i]), height))
        for i, step_id in enumerate(step_ids[: len(columns) - 1])
    )


def _chunks(edges: tuple[float, ...], room: float) -> list[tuple[float, float]]:
    """Consecutive edges grouped so each group spans at most `room` (one at least)."""
    out: list[tuple[float, float]] = []
    start = 0
    for end in range(1, len(edges)):
        if edges[end] - edges[start] > room and end - 1 > start:
            out.append((edges[start], edges[end - 1]))
            start = end - 1
    if len(edges) > 1:
        out.append((edges[start], edges[-1]))
    return out


def _tiles(frame: Frame, height: float) -> tuple[Tile, ...]:
    header = r1(frame.body - frame.band)
    rows = (*frame.rows[:-1], max(frame.rows[-1], r1(height - 8)))
    columns = _chunks(frame.columns, PAGE_WIDTH - frame.left)
    lanes = _chunks(rows, PAGE_HEIGHT - header)
    return tuple(_tile(frame, header, x0, x1, y0, y1) for x0, x1 in columns for y0, y1 in lanes)


def _tile(frame: Frame, header: float, x0: float, x1: float, y0: float, y1: float) -> Tile:
    left, band, width, tall = frame.left, frame.band, r1(x1 - x0), r1(y1 - y0)
    across = x0 == frame.columns[0]  # the labels and the part touch: one piece across
    down = y0 == frame.body  # the headers and the part touch: one piece down
    if across and down:
        parts = [Part(0.0, 0.0, Box(0.0, band, x1, r1(y1 - band)))]
    elif down:
        parts = [
            Part(0.0, 0.0, Box(0.0, band, left, r1(y1 - band))),
            Part(left, 0.0, Box(x0, band, width, r1(y1 - band))),
        ]
    elif across:
        parts = [
            Part(0.0, 0.0, Box(0.0, band, x1, header)),
            Part(0.0, header, Box(0.0, y0, x1, tall)),
        ]
    else:
        parts = [
            Part(0.0, 0.0, Box(0.0, band, left, header)),
            Part(left, 0.0, Box(x0, band, width, header)),
            Part(0.0, header, Box(0.0, y0, left, tall)),
            Part(left, header, Box(x0, y0, width, tall)),
        ]
    return Tile(r1(left + width), r1(header + tall), tuple(parts))
