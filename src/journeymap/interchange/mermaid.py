"""Mermaid `journey` diagrams from maps, and the conventions the Mermaid import shares.

    journey
        title Buying a monthly pass
        section Consideration
          Compares single tickets and the monthly pass: 2: Maya

- One `section` per stage (its title, or its lifecycle phase's title in the map's
  language), one task per step: the step's title, else its action. Removed steps of a
  future-state map are not drawn. The map's description becomes `accDescr`.
- Everything else (ids, touchpoints, pain points, the persona, removed steps...) goes in
  `%% journeymap:` notes, comments that Mermaid skips (`mermaid_notes.py`).
- Score: Mermaid's 1..5 is the emotion + 3; a step without an emotion scores 3 (neutral).
- Actors: those a step records in its notes, else the persona's name and, in a service
  blueprint, the owners of the step's frontstage items (the people the customer meets).
  A step records actors with a last line `Actors: A, B` in its notes (`Actors:` alone for
  none); `journeymap import` writes it when a task's actors are not just the persona.
- Escaping: Mermaid replaces entity codes such as `#58;` before it parses a diagram and
  shows the character in the picture, so `:`, `#` and `;` in names are written `#58;`,
  `#35;` and `#59;`, a comma in an actor's name `#44;`, the second `%` of `%%` (a comment)
  `#37;`, and the first letter of a task that starts with a keyword (`journey`, `title `,
  `section `, `accTitle`, `accDescr`) as its code. Line breaks become spaces (the notes
  keep them). The import
  decodes every entity code, so names come back exactly. Names are plain text first
  (journeymap.text.clean: no bidi or invisible characters).
"""

from __future__ import annotations

import html
import re
from functools import cache

from journeymap.i18n import Labels
from journeymap.model import JourneyMap, Step
from journeymap.text.clean import plain_text

ACTORS = "Actors:"
NEUTRAL = 3
_BREAKS = re.compile("[ \t]*[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+[ \t]*")
_KEYWORD = re.compile(r"journey|title\s|section\s|acctitle|accdescr", re.I)
_SECOND_PERCENT = re.compile("(?<=%)%")
ENTITY = re.compile(r"#([A-Za-z0-9_]{1,32});")


Line = tuple[str | None, tuple[str | int, ...]]
"""A line of the diagram and what it stands for: `("map",)` (the header's last line),
`("stage", i)`, `("step", i, j)`; a removed step of a future-state map has no line."""


def to_mermaid(journey: JourneyMap, labels: Labels) -> str:
    """The diagram with the `%% journeymap:` notes that make it lossless (mermaid_notes)."""
    from journeymap.interchange.mermaid_notes import with_notes

    return with_notes(journey, labels, diagram_lines(journey, labels))


def diagram_lines(journey: JourneyMap, labels: Labels) -> list[Line]:
    """The journey diagram alone, as Mermaid draws it, line by line."""
    title = title_text(journey.title, journey.id)
    lines: list[Line] = [("journey", ()), (f"    title {title}", ("map",))]
    if journey.description:
        lines[-1] = (lines[-1][0], ())
        lines.append((f"    accDescr: {escape(journey.description, '#')}", ("map",)))
    for index, stage in enumerate(journey.stages):
        lines.append(
            (f"    section {section_name(labels, stage.title, stage.id)}", ("stage", index))
        )
        for number, step in enumerate(stage.steps):
            key = ("step", index, number)
            task = f"      {_task(journey, step)}" if step.status != "removed" else None
            lines.append((task, key))
    return lines


def title_text(title: str, map_id: str) -> str:
    """A title may hold `:`, unless other codes are needed (Mermaid's `style…:…#…;` rule);
    the map's id when nothing of it is left to show."""
    escaped = escape(title, "#;")
    return (escape(title, ":#;") if escaped != escape(title, "") else escaped) or map_id


def section_name(labels: Labels, title: str | None, stage_id: str) -> str:
    """The section of a stage: its title, else its lifecycle phase's, else its id."""
    shown = title or labels[f"phase.{stage_id}"]
    return escape(shown, ":#;") or stage_id


def task_name(label: str, step_id: str) -> str:
    name = escape(label, ":#;") or step_id
    if _KEYWORD.match(name):
        name = f"#{ord(name[0])};{name[1:]}"
    return name


def _task(journey: JourneyMap, step: Step) -> str:
    name = task_name(step.label, step.id)
    score = NEUTRAL if step.emotion is None else step.emotion + NEUTRAL
    actors = [escape(actor, ":#;,") for actor in step_actors(journey, step)]
    names = ", ".join(actor for actor in actors if actor)
    return f"{name}: {score}: {names}" if names else f"{name}: {score}"


def step_actors(journey: JourneyMap, step: Step) -> list[str]:
    recorded = recorded_actors(step.notes)
    if recorded is not None:
        return recorded
    actors = [journey.persona.name] if journey.persona else []
    if journey.kind == "service-blueprint":
        for entry in step.frontstage:
            if entry.owner and entry.owner not in actors:
                actors.append(entry.owner)
    return actors


def recorded_actors(notes: str | None) -> list[str] | None:
    """The actors of an `Actors:` last line of the notes; None when there is no such line."""
    last = (notes or "").rstrip("\n").rpartition("\n")[2]
    if not last.startswith(ACTORS):
        return None
    return [decode(name.strip()) for name in last[len(ACTORS) :].split(",") if name.strip()]


def actors_note(actors: list[str]) -> str:
    return f"{ACTORS} {', '.join(escape(actor, ':#;,') for actor in actors)}".rstrip()


def escape(text: str, specials: str) -> str:
    """One line of text that Mermaid's parser takes as a whole name (see the module doc)."""
    flat = _BREAKS.sub(" ", plain_text(text)).strip()
    if specials:
        flat = _specials(specials).sub(lambda found: f"#{ord(found.group())};", flat)
    return _SECOND_PERCENT.sub("#37;", flat)


@cache
def _specials(chars: str) -> re.Pattern[str]:
    return re.compile(f"[{re.escape(chars)}]")


def decode(text: str) -> str:
    """Entity codes to characters, as Mermaid shows them; unknown or unsafe codes stay."""
    return ENTITY.sub(_character, text)


def _character(match: re.Match[str]) -> str:
    name = match.group(1)
    if name.isdigit():
        code = int(name)
        char = chr(code) if code <= 0x10FFFF else ""
    else:
        written = f"&{name};"
        char = html.unescape(written)
        char = "" if char == written else char
    if not char or not char.isprintable():
        return match.group(0)
    return char
