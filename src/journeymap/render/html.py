"""HTML renderer: one self-contained file (inline CSS and SVG, one hashed script, no network)."""

from __future__ import annotations

import re

from markupsafe import Markup

from journeymap.layout.document import Document
from journeymap.render.env import environment
from journeymap.render.mapview import map_view
from journeymap.render.scripts import policy, script_tag
from journeymap.render.svg import render_svg

_FONT_SAFE = re.compile(r"[^A-Za-z0-9 ,\"'_.-]")
DRAWING_ID = "map-drawing"


def render_html(doc: Document, inline: dict[str, str] | None = None) -> str:
    """The document; `inline` may hold SVG already rendered for its scenes, by view name.

    The grid is drawn again without its header band (the page shows title, persona,
    scenario and goals once, as HTML), under an id the pinned headers and print tiles use.
    """
    inline = inline or {}
    view = map_view(doc.grid, doc.step_ids)
    grid = render_svg(view.scene) if view.scene is not doc.grid else inline.get("grid")
    grid = _with_id(grid or render_svg(doc.grid), DRAWING_ID)
    flow = (inline.get("flow") or render_svg(doc.flow)) if doc.flow else None
    chart = doc.analytics.chart if doc.analytics else None
    template = environment().get_template("document.html.j2")
    return template.render(
        doc=doc,
        view=view,
        drawing=DRAWING_ID,
        grid_svg=Markup(grid),
        flow_svg=Markup(flow) if flow else None,
        funnel_svg=Markup(render_svg(chart)) if chart else None,
        font_family=Markup(_FONT_SAFE.sub("", doc.grid.font_family)),
        policy=Markup(policy("mapview")),
        script=script_tag("mapview"),
    )


def _with_id(svg: str, identifier: str) -> str:
    """The root `<svg>` given an id (the renderer writes none on it)."""
    return svg.replace("<svg ", f'<svg id="{identifier}" ', 1)
