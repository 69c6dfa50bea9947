"""Every diagnostic code of the source, schema and reference stages, with a one-line summary.

Lint rules (JM3xx and up) carry their own documentation; see `journeymap rules`.
"""

from __future__ import annotations

CODES: dict[str, str] = {
    "JM001": "The file cannot be read (missing, not a regular file, or no permission).",
    "JM002": "The file is larger than the size limit.",
    "JM003": "The file is not UTF-8 (UTF-16, Latin-1 or invalid bytes).",
    "JM004": (
        "A NUL, control character (C0, DEL or C1, NEL included; raw or escaped)"
        " or lone surrogate is in the file."
    ),
    "JM005": "YAML syntax error.",
    "JM006": "Nesting is deeper than the limit.",
    "JM007": "A key appears twice in one mapping.",
    "JM008": "YAML aliases are not allowed.",
    "JM009": "Explicit YAML tags are not allowed.",
    "JM010": "The file holds more than one YAML document.",
    "JM011": "The file is empty.",
    "JM012": "The top level is not a mapping.",
    "JM013": "A mapping key is a collection, not a name.",
    "JM014": "A number is out of range.",
    "JM016": "A tab is used for indentation.",
    "JM017": "journeymap.toml is not valid TOML.",
    "JM018": "journeymap.toml names a lint rule that does not exist.",
    "JM020": "A view of a map could not be drawn (the flow view needs Graphviz's dot).",
    "JM021": "An output file could not be written (no permission, a folder in the way, disk full).",
    "JM100": "The map does not match the schema.",
    "JM101": "A required property is missing.",
    "JM102": "A property is not allowed here.",
    "JM103": "A value has the wrong type.",
    "JM104": "A value is not one of the allowed choices.",
    "JM105": "A value does not have the expected form (id, time, locale, name).",
    "JM106": "A number is out of its range.",
    "JM107": "A text or list is too short or too long.",
    "JM108": "A list holds the same item twice.",
    "JM201": "A reference is a URL or an absolute path.",
    "JM202": "A reference points outside the project root.",
    "JM203": "A referenced file does not exist.",
    "JM204": "A reference names something that is not a regular file.",
    "JM205": "based_on references form a cycle.",
    "JM206": "A map is based on itself.",
    "JM207": "A referenced file has errors or is of the wrong kind.",
    "JM208": "Two maps (or two personas) of one project share an id.",
    "JM209": "Two maps of a project would be written to the same page of the site.",
    "JM210": "A scan skipped a link that leads outside the project root (a warning).",
    "JM211": "A persona photo is not a PNG, JPEG, GIF or WebP image, or is larger than 256 KB.",
    "JM300": "An inline suppression suppresses nothing, or names an unknown rule.",
}


def describe(code: str) -> str:
    """The one-line summary of a code, lint rules included."""
    if code in CODES:
        return CODES[code]
    from journeymap.lint.registry import rule_summaries

    return rule_summaries().get(code, code)
