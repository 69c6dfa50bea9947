"""The semantic differ: two versions of a map in, an ordered list of changes out.

Reading order: map header fields, stages (renames, titles, order), steps (added, removed,
moved, reordered, fields and step-local parts), then elements whose ids are unique in the
whole map (pain points, opportunities, blueprint items with ids), then blueprint links.
Changes come out grouped: the map, the stages, then each step in the new map's order
(removed steps last, in their old order), then links.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable

from journeymap.diff.changes import Change, direction, frozen, plain
from journeymap.diff.elements import (
    Located,
    compare_fields,
    edges,
    identified,
    links,
    metrics,
    step_items,
    touchpoints,
)
from journeymap.diff.order import out_of_order, renames
from journeymap.i18n import labels
from journeymap.model import PHASES, JourneyMap, Persona, Stage, Step

MAP_FIELDS = (
    "id",
    "title",
    "kind",
    "locale",
    "scenario",
    "goals",
    "description",
    "owner",
    "tags",
    "updated",
    "lanes",
)
PERSONA_FIELDS = ("name", "id", "role", "quote", "bio", "goals", "needs", "frustrations", "traits")
STAGE_FIELDS = ("title", "phase", "description")
STEP_FIELDS = (
    "title",
    "action",
    "emotion",
    "feeling",
    "thoughts",
    "questions",
    "motivations",
    "moment_of_truth",
    "notes",
    "time",
    "place",
    "status",
    "resolves",
)
RENAMING_FIELDS = frozenset({"title"})


def diff_maps(old: JourneyMap, new: JourneyMap) -> list[Change]:
    """Every change from `old` to `new`, matched by id, in report order."""
    return _Differ(old, new).run()


def step_path(stage: str, step: str) -> str:
    """Where a step is, by ids: stable when lines and list positions move."""
    return f"/stages/{stage}/steps/{step}"


class _Differ:
    """Holds the id correspondences (renames included) while the comparisons run."""

    def __init__(self, old: JourneyMap, new: JourneyMap) -> None:
        self.old, self.new = old, new
        self.head: list[Change] = []
        self.by_step: dict[str, list[Change]] = defaultdict(list)
        self.tail: list[Change] = []
        self.old_steps = {step.id: Located(stage.id, step) for stage, step in old.steps()}
        self.new_steps = {step.id: Located(stage.id, step) for stage, step in new.steps()}
        self.stage_map: dict[str, str] = {}
        self.step_map: dict[str, str] = {}

    def run(self) -> list[Change]:
        self._header()
        self._stages()
        self._steps()
        resolvers = _resolvers(self.new)
        for change in identified(self.old, self.new, self.step_map):
            self.by_step[change.step or ""].append(_with_resolvers(change, resolvers))
        self.tail.extend(links(self.old.links, self.new.links))
        order = [*self.new_steps, *(k for k in self.old_steps if k not in self.step_map)]
        grouped = [change for key in order for change in self.by_step.get(key, ())]
        return [*self.head, *grouped, *self.tail]

    def _header(self) -> None:
        old, new = self.old, self.new
        self.head.extend(compare_fields(old, new, MAP_FIELDS, _map_change))
        old_base = old.based_on.id if old.based_on else None
        new_base = new.based_on.id if new.based_on else None
        if old_base != new_base:
            self.head.append(_map_change("changed", "based_on", old_base, new_base))
        self._persona(old.persona, new.persona)
        if frozen(old.research) != frozen(new.research):
            self.head.append(
                _map_change("changed", "research", plain(old.research), plain(new.research))
            )

    def _persona(self, old: Persona | None, new: Persona | None) -> None:
        if old is None or new is None:
            if old != new:
                before, after = (p.name if p else None for p in (old, new))
                self.head.append(_map_change("changed", "persona", before, after))
            return
        for name in PERSONA_FIELDS:
            before, after = getattr(old, name), getattr(new, name)
            if before != after:
                self.head.append(
                    _map_change("changed", f"persona.{name}", plain(before), plain(after))
                )

    def _stages(self) -> None:
        old = {stage.id: stage for stage in self.old.stages}
        new = {stage.id: stage for stage in self.new.stages}
        gone = {k: _stage_key(s) for k, s in old.items() if k not in new and s.steps}
        came = {k: _stage_key(s) for k, s in new.items() if k not in old and s.steps}
        self.stage_map = {k: k for k in old if k in new} | renames(gone, came)
        moved = out_of_order(
            [self.stage_map[s.id] for s in self.old.stages if s.id in self.stage_map],
            [s.id for s in self.new.stages],
        )
        inverse = {v: k for k, v in self.stage_map.items()}
        for index, stage in enumerate(self.new.stages):
            before = old.get(inverse.get(stage.id, ""))
            if before is None:
                self.head.append(_stage_change("added", stage.id, None, _stage_data(stage)))
                continue
            if before.id != stage.id:
                self.head.append(_stage_change("renamed", stage.id, before.id, stage.id, "id"))
            self._stage_fields(before, stage)
            if stage.id in moved:
                old_index = self.old.stages.index(before) + 1
                self.head.append(
                    _stage_change("reordered", stage.id, old_index, index + 1, "position")
                )
        for key, stage in old.items():
            if key not in self.stage_map:
                self.head.append(_stage_change("removed", key, _stage_data(stage), None))

    def _stage_fields(self, before: Stage, stage: Stage) -> None:
        """A title is compared as readers see it: a built-in title (none written) is shown,
        and writing out the built-in title, or removing it, changes nothing."""
        for field in compare_fields(before, stage, STAGE_FIELDS, _field_change):
            old, new = field.before, field.after
            if field.field == "title":
                old, new = shown_title(self.old, before), shown_title(self.new, stage)
                if old == new:
                    continue
            kind = "renamed" if field.field in RENAMING_FIELDS else "changed"
            self.head.append(_stage_change(kind, stage.id, old, new, field.field))

    def _steps(self) -> None:
        gone = {k: _step_key(v.step) for k, v in self.old_steps.items() if k not in self.new_steps}
        came = {k: _step_key(v.step) for k, v in self.new_steps.items() if k not in self.old_steps}
        common = {k: k for k in self.old_steps if k in self.new_steps}
        self.step_map = common | renames(gone, came)
        inverse = {v: k for k, v in self.step_map.items()}
        reordered = self._reordered(inverse)
        for key, here in self.new_steps.items():
            old_key = inverse.get(key)
            if old_key is None:
                data = {"stage": here.stage, **plain(here.step)}
                self._add(key, "added", "step", key, here, None, data)
                continue
            self._matched(self.old_steps[old_key], here, reordered.get(key))
        for key, there in self.old_steps.items():
            if key not in self.step_map:
                data = {"stage": there.stage, **plain(there.step)}
                self._add(key, "removed", "step", key, there, data, None)

    def _reordered(self, inverse: dict[str, str]) -> dict[str, tuple[int, int]]:
        """Steps that stayed in their (possibly renamed) stage but changed order in it:
        step id -> (old position, new position), 1-based among all the stage's steps."""
        old_stages = {stage.id: stage for stage in self.old.stages}
        stage_inverse = {v: k for k, v in self.stage_map.items()}
        out: dict[str, tuple[int, int]] = {}
        for stage in self.new.stages:
            before = old_stages.get(stage_inverse.get(stage.id, ""))
            if before is None:
                continue
            were_here = {step.id for step in before.steps}
            new_order = [s.id for s in stage.steps if inverse.get(s.id) in were_here]
            stayed = set(new_order)
            old_order = [self.step_map.get(s.id, "") for s in before.steps]
            old_order = [key for key in old_order if key in stayed]
            old_at = {self.step_map.get(s.id): i + 1 for i, s in enumerate(before.steps)}
            new_at = {s.id: i + 1 for i, s in enumerate(stage.steps)}
            for key in out_of_order(old_order, new_order):
                out[key] = (old_at[key], new_at[key])
        return out

    def _matched(self, old: Located, new: Located, reordered: tuple[int, int] | None) -> None:
        key = new.step.id
        if old.step.id != key:
            self._add(key, "renamed", "step", key, new, old.step.id, key, "id")
        if self.stage_map.get(old.stage) != new.stage:
            self._add(key, "moved", "step", key, new, old.stage, new.stage, "stage")
        elif reordered:
            self._add(key, "reordered", "step", key, new, *reordered, "position")
        for field in compare_fields(old.step, new.step, STEP_FIELDS, _field_change):
            kind = "renamed" if field.field in RENAMING_FIELDS else "changed"
            self._add(key, kind, "step", key, new, field.before, field.after, field.field)
        path = step_path(new.stage, key)
        local: list[Callable[[Step, Step, str], list[Change]]] = [touchpoints, metrics, step_items]
        for compare in local:
            self.by_step[key].extend(compare(old.step, new.step, path))
        self.by_step[key].extend(edges(old.step, new.step, path, self.step_map))

    def _add(
        self,
        bucket: str,
        kind: str,
        element: str,
        key: str,
        where: Located,
        before: object,
        after: object,
        field: str | None = None,
    ) -> None:
        path = step_path(where.stage, where.step.id)
        change = Change(kind, element, key, path, field, before, after, bucket)
        if field == "emotion":
            change = dataclasses.replace(
                change, direction=direction(before, after, higher_is_better=True)
            )
        self.by_step[bucket].append(change)


def _resolvers(journey: JourneyMap) -> dict[str, list[str]]:
    """Pain point id -> the steps whose `resolves` names it (future-state maps only)."""
    found: dict[str, list[str]] = {}
    for _, step in journey.steps():
        for pain_id in step.resolves:
            found.setdefault(pain_id, []).append(step.id)
    return found


def _with_resolvers(change: Change, resolvers: dict[str, list[str]]) -> Change:
    """A pain point is resolved only when a step of the new map says so (`resolves`);
    otherwise it was just removed. The resolving steps go in `after`, field `resolved_by`."""
    if change.kind != "removed" or change.element != "pain_point" or change.id not in resolvers:
        return change
    return dataclasses.replace(change, field="resolved_by", after=resolvers[change.id])


def shown_title(journey: JourneyMap, stage: Stage) -> str | None:
    """The stage's title, else its lifecycle phase's built-in title in the map's language."""
    if stage.title or stage.id not in PHASES:
        return stage.title
    return labels(journey.locale)[f"phase.{stage.id}"]


def _stage_key(stage: Stage) -> tuple[str, ...]:
    """A stage whose id changed is recognised by holding exactly the same steps."""
    return tuple(step.id for step in stage.steps)


def _step_key(step: Step) -> object:
    """A step whose id changed is recognised by identical content; `next` is left out
    because it names other steps, which may be renamed too."""
    return frozen(dataclasses.replace(step, id="", next=None))


def _stage_data(stage: Stage) -> dict[str, object]:
    return {
        "title": stage.title,
        "phase": stage.phase,
        "description": stage.description,
        "steps": [step.id for step in stage.steps],
    }


def _map_change(kind: str, field: str, before: object, after: object) -> Change:
    return Change(kind, "map", "", "/", field, before, after)


def _field_change(kind: str, field: str, before: object, after: object) -> Change:
    return Change(kind, "", "", "", field, before, after)


def _stage_change(
    kind: str, key: str, before: object, after: object, field: str | None = None
) -> Change:
    return Change(kind, "stage", key, f"/stages/{key}", field, before, after)
