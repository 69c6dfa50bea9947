"""`journeymap diff`: semantic differences between versions of a map.

    compare   journeymap.diff.compare   two JourneyMaps -> ordered Changes, matched by id
    load      journeymap.diff.api       files (or git revisions, diff.gitrev) -> DiffResult
    future    journeymap.diff.future    a future-state map against its based_on map
    report    text, markdown, jsonout, html (+ highlight for the grid view)

The reports share one sentence per change (journeymap.diff.describe), so every format
says the same thing.
"""

from __future__ import annotations

from journeymap.diff.api import DiffError, DiffResult, diff_files, diff_future
from journeymap.diff.changes import Change, MapDiff
from journeymap.diff.compare import diff_maps

FORMATS = ("text", "markdown", "json", "html")

__all__ = [
    "FORMATS",
    "Change",
    "DiffError",
    "DiffResult",
    "MapDiff",
    "diff_files",
    "diff_future",
    "diff_maps",
    "render",
]


def render(result: DiffResult, output_format: str, *, color: bool = False) -> str:
    """The result in one of FORMATS; each renderer is imported only when it is used."""
    if output_format == "markdown":
        from journeymap.diff.markdown import render_markdown

        return render_markdown(result)
    if output_format == "json":
        from journeymap.diff.jsonout import render_json

        return render_json(result)
    if output_format == "html":
        from journeymap.diff.html import render_html

        return render_html(result)
    from journeymap.diff.text import render_text

    return render_text(result, color=color)
