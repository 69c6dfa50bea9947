"""Mermaid `journey` diagrams in: sections become stages, tasks become steps.

- `title` is the map's title (else one made from the output file's name); `accDescr`, on
  one line or as a `{ … }` block, the description. `accTitle`, comments (`%%` lines, and
  `#` to the end of a line), directives and front matter are skipped.
- A section becomes a stage with the section's name as its title. Its id is the lifecycle
  phase whose title in any built-in language is that name (`Awareness`, `Megismerés`,
  `認知`…), else one made from the name. Tasks before the first section go to a stage
  titled "Journey".
- A task `name: score: actors` becomes a step: the name its action, score - 3 its emotion.
  The first actor of the first task with actors becomes the inline persona; a step whose
  actors are not just that persona records them in its notes (see `mermaid.py`).
- Entity codes (`#58;`, `#quot;`) are decoded as Mermaid does before it parses.
- `%% journeymap:` notes, as the export writes them, put back ids and every field the
  diagram cannot show (`mermaid_notes.py`); without them the map is what the diagram shows.
"""

from __future__ import annotations

import re

from journeymap.interchange.ids import shortest
from journeymap.interchange.mermaid import ENTITY, NEUTRAL, decode
from journeymap.interchange.mermaid_data import DEFAULT_STAGE, Diagram, Note, Section, Task, to_data
from journeymap.interchange.mermaid_notes import FORBIDDEN, NOTE_LINE, read_note
from journeymap.interchange.places import (
    MAX_STAGES,
    MAX_STEPS_PER_STAGE,
    Budget,
    Imported,
    Problems,
)

__all__ = ["parse_mermaid", "to_data"]

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_ACC_TITLE = re.compile(r"acctitle\s*:", re.I)
_ACC_DESCR = re.compile(r"accdescr\s*:", re.I)
_ACC_BLOCK = re.compile(r"accdescr\s*\{", re.I)
_TITLE = re.compile(r"title(?:\s|\Z)", re.I)
_SECTION = re.compile(r"section(?:\s|\Z)", re.I)
_FRONT_TITLE = re.compile(r"title:\s*(.*?)\s*\Z")
_SCORE = re.compile(r"[0-9]{1,9}\Z")
TASK_BYTES = len("      - id: \n        action: \n        emotion: 0\n")  # in every step


def parse_mermaid(text: str, display: str, *, map_id: str, title: str) -> Imported:
    """The map data of a Mermaid journey; raises ImportFailed with located problems."""
    return to_data(_Parser(text, display).parse(), map_id, title)


class _Parser:
    """Line by line, as Mermaid's lexer reads a journey; every bad line is reported."""

    def __init__(self, text: str, display: str) -> None:
        self.lines = _LINE_BREAK.split(text)
        self.problems = Problems(display)
        self.budget = Budget(self.problems, TASK_BYTES)
        self.diagram = Diagram()
        self.persona: str | None = None  # the first actor seen; `to_data` makes it the persona
        self.last: Diagram | Section | Task = self.diagram
        """What a note refines: the line above it (the map before any section)."""

    def parse(self) -> Diagram:
        index = self._header()
        header = index
        while index < len(self.lines):
            index = self._statement(index)
        if not self.diagram.sections and not self.problems.items:
            self._add(header, 1, "JM402", "the journey has no section and no task")
        self.problems.raise_any()
        return self.diagram

    def _header(self) -> int:
        """The line after `journey`, past blank lines, `%%` comments and front matter."""
        index = 0
        while index < len(self.lines):
            stripped = self.lines[index].strip()
            if stripped == "---" and index == 0:
                index = self._front_matter()
            elif not stripped or stripped.startswith("%%"):
                index += 1
            elif stripped.lower() == "journey":
                return index + 1
            else:
                self._not_a_journey(index + 1, f"it starts with {stripped[:40]!r}")
        self._not_a_journey(1, "there is no `journey` line")
        return index

    def _not_a_journey(self, line: int, why: str) -> None:
        hint = "a journey diagram starts with the line `journey`"
        self.problems.stop(line, 1, "JM401", f"not a Mermaid journey diagram: {why}", hint)

    def _front_matter(self) -> int:
        for index in range(1, len(self.lines)):
            if self.lines[index].strip() == "---":
                return index + 1
            found = _FRONT_TITLE.match(self.lines[index])
            if found and found.group(1):
                self.diagram.title = found.group(1).strip("\"'")
                self.diagram.title_at = (index + 1, found.start(1) + 1)
        self.problems.stop(1, 1, "JM401", "the front matter that starts here is never closed")
        return len(self.lines)

    def _statement(self, index: int) -> int:
        raw = self.lines[index]
        stripped = raw.strip()
        noted = NOTE_LINE.match(stripped)
        if noted:
            self._note(index + 1, raw, stripped, noted)
            return index + 1
        if not stripped or stripped.startswith("%%") or _masked(stripped).startswith("#"):
            return index + 1
        col = len(raw) - len(raw.lstrip()) + 1
        line = index + 1
        if _ACC_BLOCK.match(stripped):
            return self._description_block(index, raw.index("{") + 1)
        described = _ACC_DESCR.match(stripped)
        if described:
            self.diagram.description = decode(stripped[described.end() :].strip()) or None
            self.diagram.description_at = (line, col)
        elif _ACC_TITLE.match(stripped):
            pass
        elif stripped.lower() == "journey":
            self._add(line, col, "JM402", "a second `journey` line")
        else:
            self._keyword_or_task(line, raw)
        return index + 1

    def _note(self, line: int, raw: str, stripped: str, found: re.Match[str]) -> None:
        col = len(raw) - len(raw.lstrip()) + found.end() + 1
        data, why = read_note(stripped[found.end() :])
        if data is None:
            self._add(line, col, "JM415", why or "")
            return
        self.budget.spend(len(stripped), 0, line, col)
        note = Note(data, (line, col))
        kind = "step" if found.group("hidden") else _kind_of(self.last)
        wrong = [key for key in FORBIDDEN[kind] if key in data]
        if wrong:
            self._add(line, col, "JM415", f"a {kind} note cannot hold {wrong[0]!r}")
        elif found.group("hidden"):
            self._hidden_step(line, col, note)
        elif self.last.note is not None:
            self._add(line, col, "JM415", f"a second journeymap note for the {kind} above")
        else:
            self.last.note = note

    def _hidden_step(self, line: int, col: int, note: Note) -> None:
        if not self.diagram.sections:
            self.diagram.sections.append(Section(line, col, DEFAULT_STAGE))
        task = Task(line, col, "", NEUTRAL, col, [], col, note, hidden=True)
        self.diagram.sections[-1].tasks.append(task)

    def _description_block(self, index: int, start: int) -> int:
        parts = []
        for number in range(index, len(self.lines)):
            text = self.lines[number][start:] if number == index else self.lines[number]
            end = text.find("}")
            if end >= 0:
                parts.append(text[:end])
                self.diagram.description = decode("\n".join(parts).strip()) or None
                self.diagram.description_at = (index + 1, start + 1)
                return number + 1
            parts.append(text)
        self.problems.stop(index + 1, start, "JM413", "the `accDescr {` block is never closed")
        return len(self.lines)

    def _keyword_or_task(self, line: int, raw: str) -> None:
        """`title`, `section` or a task; `#` starts a comment unless it is an entity code."""
        masked = _masked(raw)
        cut = masked.find("#")
        if cut >= 0:
            raw, masked = raw[:cut], masked[:cut]
        semicolon = masked.find(";")
        if semicolon >= 0:
            hint = "write a semicolon in a name as #59;"
            self._add(line, semicolon + 1, "JM402", "`;` is not allowed in a journey", hint)
            return
        start = len(raw) - len(raw.lstrip())
        if _TITLE.match(raw, start):
            self._title(line, raw, start + 5)
        elif _SECTION.match(raw, start):
            self._section(line, raw, masked, start + 7)
        else:
            self._task(line, raw, masked, start)

    def _title(self, line: int, raw: str, start: int) -> None:
        title = decode(raw[start:].strip())
        if not title:
            self._add(line, start + 1, "JM402", "`title` needs a text")
            return
        self.diagram.title = title
        self.diagram.title_at = (line, start + 1 + len(raw[start:]) - len(raw[start:].lstrip()))

    def _section(self, line: int, raw: str, masked: str, start: int) -> None:
        colon = masked.find(":", start)
        if colon >= 0:
            hint = "write a colon in a name as #58;"
            self._add(line, colon + 1, "JM402", "a section name cannot hold `:`", hint)
            return
        name = decode(raw[start:].strip())
        if not name:
            self._add(line, start + 1, "JM402", "`section` needs a name")
            return
        if len(self.diagram.sections) >= MAX_STAGES:
            self.problems.stop(line, 1, "JM411", f"more than {MAX_STAGES} sections")
        col = start + 1 + len(raw[start:]) - len(raw[start:].lstrip())
        self.diagram.sections.append(Section(line, col, name))
        self.last = self.diagram.sections[-1]

    def _task(self, line: int, raw: str, masked: str, start: int) -> None:
        """`name: score[: actors]`; Mermaid would drop a fourth part silently, we refuse it."""
        colons = [i for i, char in enumerate(masked) if char == ":"][:3]
        hint = "a task is `name: score` or `name: score: actor, actor`; write `:` as #58;"
        if not colons or len(colons) > 2:
            why = "a task needs `: score` after its name" if not colons else "too many `:`"
            self._add(line, (colons[2] + 1) if colons else start + 1, "JM402", why, hint)
            return
        name = decode(raw[: colons[0]].strip())
        if not name:
            self._add(line, colons[0] + 1, "JM402", "a task needs a name before `:`", hint)
            return
        end = colons[1] if len(colons) > 1 else len(raw)
        score_text = raw[colons[0] + 1 : end]
        score_col = colons[0] + 2 + len(score_text) - len(score_text.lstrip())
        if not _SCORE.match(score_text.strip()) or not 1 <= int(score_text.strip()) <= 5:
            message = f"score {score_text.strip()[:20]!r} is not a whole number from 1 to 5"
            self._add(line, score_col, "JM403", message)
            return
        actors_text = raw[colons[1] + 1 :] if len(colons) > 1 else ""
        actors = [decode(a.strip()) for a in actors_text.split(",") if a.strip()]
        actors_col = (colons[1] + 2) if len(colons) > 1 else score_col
        self._add_task(Task(line, start + 1, name, int(score_text), score_col, actors, actors_col))

    def _add_task(self, task: Task) -> None:
        if not self.diagram.sections:
            self.diagram.sections.append(Section(task.line, task.col, DEFAULT_STAGE))
        section = self.diagram.sections[-1]
        if len(section.tasks) >= MAX_STEPS_PER_STAGE:
            message = f"a section has more than {MAX_STEPS_PER_STAGE:,} tasks"
            self.problems.stop(task.line, task.col, "JM411", message)
        if self.persona is None and task.actors:
            self.persona = task.actors[0]
        noted = sum(map(len, task.actors)) if task.actors != [self.persona] else 0
        exact = len(task.name) + shortest(task.name, "step") + noted
        self.budget.spend(0, exact, task.line, task.col)
        section.tasks.append(task)
        self.last = task

    def _add(self, line: int, col: int, code: str, message: str, hint: str | None = None) -> None:
        if not self.problems.full():
            self.problems.add(line, col, code, message, hint)


def _masked(text: str) -> str:
    """`text` with each entity code blanked out, so only real `#`, `:` and `;` remain."""
    return ENTITY.sub(lambda found: "_" * len(found.group()), text)


def _kind_of(element: Diagram | Section | Task) -> str:
    return (
        "map"
        if isinstance(element, Diagram)
        else "stage"
        if isinstance(element, Section)
        else "step"
    )
