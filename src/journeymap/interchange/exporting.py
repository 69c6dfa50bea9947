"""`journeymap export`: a checked map as Markdown, a Mermaid journey, CSV or JSON.

The map goes through the whole pipeline first (schema, references, lint); a map with an
error is not exported, so every format only ever describes a valid map.
"""

from __future__ import annotations

import json
from pathlib import Path

from journeymap.config import Project, load_project
from journeymap.diagnostics import Diagnostic, Severity, at
from journeymap.dump import as_data
from journeymap.i18n import labels
from journeymap.model import JourneyMap
from journeymap.pipeline import check_file, open_session

FORMATS = ("markdown", "mermaid", "csv", "json")


def export_map(path: Path, target: str) -> tuple[str | None, list[Diagnostic]]:
    """The exported text, or None and the diagnostics that prevent it."""
    project, problems = load_project(path)
    checked = check_file(path, open_session(project))
    diagnostics = problems + checked.diagnostics
    if any(d.severity is Severity.ERROR for d in diagnostics):
        return None, diagnostics
    if checked.journey is None:
        message = "this is a persona file, not a map; only maps can be exported"
        return None, [*diagnostics, at(checked.display, 1, 1, "JM414", message)]
    return render(checked.journey, project, target), diagnostics


def render(journey: JourneyMap, project: Project, target: str) -> str:
    """One format of a checked map; `target` is one of FORMATS."""
    if target == "json":  # byte for byte what `journeymap dump` prints
        return json.dumps(as_data(journey), indent=2, ensure_ascii=False) + "\n"
    texts = labels(journey.locale)
    if target == "mermaid":
        from journeymap.interchange.mermaid import to_mermaid

        return to_mermaid(journey, texts)
    if target == "csv":
        from journeymap.interchange.csv_format import to_csv

        return to_csv(journey, texts)
    from journeymap.interchange.markdown import to_markdown

    return to_markdown(journey, project, texts)
