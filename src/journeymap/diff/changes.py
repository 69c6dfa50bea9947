"""What a diff produces: changes between two versions of a map, and per-map results.

A `Change` is plain data (its values are JSON-ready) so every report format, and tools
reading the JSON, see exactly the same facts. Elements are matched by id, never by
position, so reordering a file does not look like rewriting it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from journeymap.config import Project
    from journeymap.model import JourneyMap

KINDS = ("added", "removed", "changed", "renamed", "moved", "reordered")
"""`moved`: into another container (a step to another stage); `reordered`: a new position in
the same container (a stage in the map, a step in its stage)."""

ELEMENTS = (
    "map",
    "stage",
    "step",
    "touchpoint",
    "pain_point",
    "opportunity",
    "metric",
    "edge",
    "blueprint_item",
    "link",
)

Value = Any
"""JSON-ready: None, bool, int, float, str, lists/tuples and dicts of these."""


@dataclass(frozen=True, slots=True)
class Change:
    """One difference. `id` names the element in the new map (the old one when removed);
    `step` is the step the change belongs to, so views can highlight its column."""

    kind: str
    element: str
    id: str
    path: str
    field: str | None = None
    before: Value = None
    after: Value = None
    step: str | None = None
    direction: str | None = None
    """`better` or `worse` for emotion and severity changes."""

    def as_data(self) -> dict[str, Value]:
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}


STATUSES = ("modified", "unchanged", "added", "deleted")


@dataclass
class MapDiff:
    """One map compared: both displays (None for the side that does not exist) and changes.

    `journey` (the new version, else the old one) and `project` are kept for the HTML view.
    """

    old: str | None
    new: str | None
    status: str
    map_id: str
    title: str
    changes: list[Change] = field(default_factory=list)
    journey: JourneyMap | None = None
    project: Project | None = None
    steps: int = 0

    @property
    def label(self) -> str:
        """The file as users name it: the new path, or the old one for deleted maps."""
        return self.new or self.old or self.map_id


def counts(changes: list[Change]) -> Mapping[str, int]:
    """How many changes of each kind, in the fixed order of KINDS (zeros left out)."""
    found = dict.fromkeys(KINDS, 0)
    for change in changes:
        found[change.kind] += 1
    return {kind: n for kind, n in found.items() if n}


def direction(before: object, after: object, *, higher_is_better: bool) -> str | None:
    """`better` or `worse` for a score that went up or down (None when one side is unset)."""
    if not isinstance(before, int) or not isinstance(after, int) or before == after:
        return None
    return "better" if (after > before) == higher_is_better else "worse"


def plain(value: Any) -> Value:
    """A model value as JSON-ready data: dataclasses as dicts without their source `at`."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: plain(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.name != "at"
        }
    if isinstance(value, tuple | list):
        return [plain(item) for item in value]
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    return value


def frozen(value: Any) -> Any:
    """A hashable fingerprint of a model value without positions, for content matching."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return tuple(
            (f.name, frozen(getattr(value, f.name)))
            for f in dataclasses.fields(value)
            if f.name != "at"
        )
    if isinstance(value, tuple | list):
        return tuple(frozen(item) for item in value)
    if isinstance(value, Mapping):
        return tuple(sorted((str(k), frozen(v)) for k, v in value.items()))
    return value
