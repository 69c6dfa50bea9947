"""HTML renderer: one self-contained file (inline CSS and SVG, no script, no network)."""

from __future__ import annotations

import re

from markupsafe import Markup

from journeymap.layout.document import Document
from journeymap.render.env import environment
from journeymap.render.svg import render_svg

_FONT_SAFE = re.compile(r"[^A-Za-z0-9 ,\"'_.-]")


def render_html(doc: Document) -> str:
    flow = Markup(render_svg(doc.flow, standalone=False)) if doc.flow else None
    return (
        environment()
        .get_template("document.html.j2")
        .render(
            doc=doc,
            grid_svg=Markup(render_svg(doc.grid, standalone=False)),
            flow_svg=flow,
            font_family=Markup(_FONT_SAFE.sub("", doc.grid.font_family)),
        )
    )
