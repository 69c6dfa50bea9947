"""The journey model: frozen, normalised, independent of YAML, rendering and the CLI.

Every element keeps `at`, the path of its mapping in the source document, so later stages
(lint, build) can place a diagnostic without knowing anything about YAML.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

Path_ = tuple[str | int, ...]

KINDS = ("current-state", "day-in-the-life", "future-state", "service-blueprint")
PHASES = ("awareness", "consideration", "conversion", "retention", "advocacy")
BLUEPRINT_ROWS = ("evidence", "frontstage", "backstage", "support")
STATUSES = ("new", "changed", "unchanged", "removed")


@dataclass(frozen=True, slots=True)
class Touchpoint:
    channel: str
    name: str | None = None
    id: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class PainPoint:
    id: str
    text: str
    severity: int | None = None
    owner: str | None = None
    at: Path_ = ()


@dataclass(frozen=True, slots=True)
class Opportunity:
    id: str
    text: str
    owner: str | None = None
    impact: int | None = None
    addresses: tuple[str, ...] = ()
    at: Path_ = ()


@dataclass(frozen=True, slots=True)
class Edge:
    """A transition to another step; `explicit` is false for the implied "next step"."""

    to: str
    label: str | None = None
    share: float | None = None
    explicit: bool = True


EventValue = str | int | float | bool


@dataclass(frozen=True, slots=True)
class EventSelector:
    """An event of the log that shows a step happened; `where` filters on its columns
    (column -> any of these values), sorted by column so equal selectors compare equal."""

    event: str
    where: tuple[tuple[str, tuple[EventValue, ...]], ...] = ()
    at: Path_ = ()


@dataclass(frozen=True, slots=True)
class BlueprintItem:
    text: str
    id: str | None = None
    owner: str | None = None
    system: str | None = None
    fail_point: bool = False
    fail_note: str | None = None
    wait: str | None = None
    at: Path_ = ()


@dataclass(frozen=True, slots=True)
class Step:
    id: str
    action: str
    title: str | None = None
    touchpoints: tuple[Touchpoint, ...] = ()
    thoughts: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    motivations: tuple[str, ...] = ()
    emotion: int | None = None
    feeling: str | None = None
    pain_points: tuple[PainPoint, ...] = ()
    opportunities: tuple[Opportunity, ...] = ()
    metrics: Mapping[str, float | str] = field(default_factory=dict)
    moment_of_truth: bool = False
    next: tuple[Edge, ...] | None = None
    notes: str | None = None
    time: str | None = None
    place: str | None = None
    status: str | None = None
    resolves: tuple[str, ...] = ()
    evidence: tuple[BlueprintItem, ...] = ()
    frontstage: tuple[BlueprintItem, ...] = ()
    backstage: tuple[BlueprintItem, ...] = ()
    support: tuple[BlueprintItem, ...] = ()
    events: tuple[EventSelector, ...] = ()
    at: Path_ = ()

    @property
    def label(self) -> str:
        return self.title or self.action

    def blueprint_row(self, row: str) -> tuple[BlueprintItem, ...]:
        items: tuple[BlueprintItem, ...] = getattr(self, row)
        return items


@dataclass(frozen=True, slots=True)
class Stage:
    id: str
    steps: tuple[Step, ...]
    title: str | None = None
    phase: str | None = None
    description: str | None = None
    at: Path_ = ()

    @property
    def lifecycle_phase(self) -> str | None:
        """The lifecycle phase this stage belongs to, from `phase` or a built-in stage id."""
        if self.phase:
            return self.phase
        return self.id if self.id in PHASES else None


@dataclass(frozen=True, slots=True)
class Persona:
    name: str
    id: str | None = None
    role: str | None = None
    quote: str | None = None
    bio: str | None = None
    goals: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    frustrations: tuple[str, ...] = ()
    traits: tuple[tuple[str, str], ...] = ()
    source: str | None = None
    """The persona file, as shown to users; None for an inline persona."""
    photo: str | None = None
    """The persona's photo as a `data:` URI, read and checked by the resolve stage."""


@dataclass(frozen=True, slots=True)
class Link:
    source: str
    target: str
    label: str | None = None
    two_way: bool = False
    at: Path_ = ()


@dataclass(frozen=True, slots=True)
class Research:
    title: str
    url: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class JourneyMap:
    kind: str
    id: str
    title: str
    stages: tuple[Stage, ...]
    path: str = ""
    locale: str = "en"
    persona: Persona | None = None
    scenario: str | None = None
    goals: tuple[str, ...] = ()
    description: str | None = None
    owner: str | None = None
    tags: tuple[str, ...] = ()
    updated: str | None = None
    lanes: tuple[str, ...] | None = None
    based_on: JourneyMap | None = None
    links: tuple[Link, ...] = ()
    research: tuple[Research, ...] = ()

    def steps(self) -> Iterator[tuple[Stage, Step]]:
        for stage in self.stages:
            for step in stage.steps:
                yield stage, step

    def step_ids(self) -> list[str]:
        return [step.id for _, step in self.steps()]

    def pain_points(self) -> Iterator[tuple[Step, PainPoint]]:
        for _, step in self.steps():
            for pain in step.pain_points:
                yield step, pain

    def branches(self) -> bool:
        """True when some step says explicitly where the journey goes next."""
        return any(step.next is not None for _, step in self.steps())


def transitions(journey: JourneyMap) -> dict[str, tuple[Edge, ...]]:
    """Where each step leads: its `next`, or else the following step in document order."""
    ordered = [step for _, step in journey.steps()]
    out: dict[str, tuple[Edge, ...]] = {}
    for index, step in enumerate(ordered):
        if step.next is not None:
            out[step.id] = step.next
        elif index + 1 < len(ordered):
            out[step.id] = (Edge(ordered[index + 1].id, explicit=False),)
        else:
            out[step.id] = ()
    return out
