"""HTML renderer: one self-contained file (inline CSS and SVG, no script, no network)."""

from __future__ import annotations

import re

from markupsafe import Markup

from journeymap.layout.document import Document
from journeymap.render.env import environment
from journeymap.render.svg import render_svg

_FONT_SAFE = re.compile(r"[^A-Za-z0-9 ,\"'_.-]")


def render_html(doc: Document, inline: dict[str, str] | None = None) -> str:
    """The document; `inline` may hold SVG already rendered for its scenes, by view name."""
    inline = inline or {}
    grid = inline.get("grid") or render_svg(doc.grid)
    flow = (inline.get("flow") or render_svg(doc.flow)) if doc.flow else None
    chart = doc.analytics.chart if doc.analytics else None
    template = environment().get_template("document.html.j2")
    return template.render(
        doc=doc,
        grid_svg=Markup(grid),
        flow_svg=Markup(flow) if flow else None,
        funnel_svg=Markup(render_svg(chart)) if chart else None,
        font_family=Markup(_FONT_SAFE.sub("", doc.grid.font_family)),
    )
