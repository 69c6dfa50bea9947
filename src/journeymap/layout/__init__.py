"""Layout stage: the journey model to positioned scenes. Engines share one signature and are
chosen by name: `grid` is our own pure-Python engine, `flow` delegates placement to Graphviz."""

from __future__ import annotations

from collections.abc import Callable

from journeymap.layout.context import Context
from journeymap.layout.flow import FlowUnavailable, lay_out_flow
from journeymap.layout.grid import lay_out_grid
from journeymap.layout.measured import Measured
from journeymap.layout.scene import Scene
from journeymap.model import JourneyMap

Engine = Callable[..., Scene]

ENGINES: dict[str, Engine] = {"grid": lay_out_grid, "flow": lay_out_flow}

__all__ = ["ENGINES", "Context", "FlowUnavailable", "Scene", "lay_out"]


def lay_out(
    view: str, journey: JourneyMap, ctx: Context, measured: Measured | None = None
) -> Scene:
    """One view of a map; the id prefix keeps ids unique when views share an HTML page.
    With `measured`, the view draws the measured journey over the believed one."""
    return ENGINES[view](journey, ctx, prefix=f"{view[0]}-", measured=measured)
