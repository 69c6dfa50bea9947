"""Interchange: maps out to Markdown, Mermaid, CSV and JSON; Mermaid and CSV in as maps.

Exports read the checked model (`journeymap.model`), so they only ever see maps that passed
the pipeline. Imports build plain map data, then send it through the same pipeline with
positions that point into the imported file, so every problem is reported where the user
can fix it (see `importing.py`).

The codes of this feature, JM401-JM419:
"""

from __future__ import annotations

CODES: dict[str, str] = {
    "JM401": "The input is not a Mermaid journey diagram.",
    "JM402": "A Mermaid line cannot be read (a task without `: score`, an empty name, `;`).",
    "JM403": "A Mermaid task score is not a whole number from 1 to 5.",
    "JM404": "The CSV header is missing, repeats or names an unknown column, or no row follows.",
    "JM405": "A CSV cell holds a value that cannot be read (number, item, flag, key).",
    "JM406": "A CSV row has more cells than the header.",
    "JM407": "The CSV text is malformed (an unterminated quote, a cell over the size limit).",
    "JM408": (
        "The rows of one stage are not together, or rows disagree on a stage's or the map's fields."
    ),
    "JM409": "Two rows give the same step id.",
    "JM410": "The rows mix fields that belong to different kinds of map.",
    "JM411": "The input is beyond a limit of the map format (stages, steps, file size).",
    "JM412": "The imported map would break a rule of the format; the message names it.",
    "JM413": "A Mermaid `accDescr {` block is never closed.",
    "JM414": "The file to export is a persona file, not a map.",
    "JM415": "A Mermaid `%% journeymap:` note cannot be read or does not belong where it is.",
    "JM419": "Internal: the written YAML does not read back as the imported map.",
}
