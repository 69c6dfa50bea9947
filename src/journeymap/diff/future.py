"""Current vs future: what a future-state map does to the pain points of its `based_on` map.

The future map states its intent (`status`, `resolves`); this report checks it against the
map it improves: which pain points are resolved and by which step, which stay open, and
where the stated status disagrees with the content (a step marked unchanged that differs,
a changed step with no counterpart).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from journeymap.diff.changes import frozen
from journeymap.model import STATUSES, JourneyMap, Step

if TYPE_CHECKING:
    from journeymap.config import Project

UNMARKED = "unmarked"
COMPARED_FIELDS = (
    "title",
    "action",
    "touchpoints",
    "thoughts",
    "questions",
    "motivations",
    "emotion",
    "feeling",
    "pain_points",
    "opportunities",
    "metrics",
    "moment_of_truth",
    "next",
    "notes",
)
"""Step content compared with the counterpart; `status` and `resolves` exist only in
future maps, so they are left out."""


@dataclass(frozen=True, slots=True)
class PainStatus:
    id: str
    text: str
    severity: int | None
    owner: str | None
    step: str
    """The step of the based_on map where the pain point is."""
    resolved_by: tuple[str, ...] = ()
    step_note: str | None = None
    """For open pain points: `removed` when the future map marks their step removed,
    `no counterpart` when it has no step with that id; the point may be gone unsaid."""


@dataclass(frozen=True, slots=True)
class FutureStep:
    id: str
    stage: str
    label: str
    status: str
    counterpart: bool
    """Whether the based_on map has a step with this id."""
    differs: tuple[str, ...] = ()
    """Fields that differ from the counterpart."""
    resolves: tuple[str, ...] = ()

    @property
    def mismatch(self) -> str | None:
        """Why the stated status disagrees with the maps, if it does."""
        if self.status == "new" and self.counterpart:
            return "marked new, the based_on map has a step with this id"
        if self.status in ("changed", "unchanged", "removed") and not self.counterpart:
            return f"marked {self.status}, the based_on map has no step with this id"
        if self.status == "unchanged" and self.differs:
            return "marked unchanged, it differs in " + ", ".join(self.differs)
        return None


@dataclass
class FutureReport:
    future: str
    based_on: str
    map_id: str
    title: str
    based_on_id: str
    based_on_title: str
    resolved: list[PainStatus] = field(default_factory=list)
    open: list[PainStatus] = field(default_factory=list)
    steps: list[FutureStep] = field(default_factory=list)
    unmatched: list[tuple[str, str, str]] = field(default_factory=list)
    """Steps of the based_on map with no step of the same id here: (id, stage, label)."""
    journey: JourneyMap | None = None
    project: Project | None = None

    @property
    def changed(self) -> bool:
        return bool(self.resolved or self.unmatched) or any(
            s.status != "unchanged" for s in self.steps
        )

    def by_status(self) -> dict[str, list[FutureStep]]:
        """Future steps grouped by status, in the order of STATUSES, then unmarked ones."""
        groups: dict[str, list[FutureStep]] = {status: [] for status in (*STATUSES, UNMARKED)}
        for step in self.steps:
            groups[step.status].append(step)
        return {status: steps for status, steps in groups.items() if steps}


def future_report(journey: JourneyMap, project: Project | None = None) -> FutureReport:
    """Compare a future-state map with its `based_on` map (which must be resolved)."""
    base = journey.based_on
    if base is None:
        raise ValueError("future_report needs a future-state map with a resolved based_on map")
    report = FutureReport(
        future=journey.path,
        based_on=base.path,
        map_id=journey.id,
        title=journey.title,
        based_on_id=base.id,
        based_on_title=base.title,
        journey=journey,
        project=project,
    )
    resolvers: dict[str, list[str]] = {}
    for _, step in journey.steps():
        for pain_id in step.resolves:
            resolvers.setdefault(pain_id, []).append(step.id)
    fates = {step.id: step.status for _, step in journey.steps()}
    for step, pain in base.pain_points():
        by = tuple(resolvers.get(pain.id, ()))
        note = None if by else _fate(fates, step.id)
        status = PainStatus(pain.id, pain.text, pain.severity, pain.owner, step.id, by, note)
        (report.resolved if by else report.open).append(status)
    report.open.sort(key=lambda p: -(p.severity or 0))
    report.steps = _steps(journey, base)
    ids = set(journey.step_ids())
    report.unmatched = [(s.id, g.id, s.label) for g, s in base.steps() if s.id not in ids]
    return report


def _fate(statuses: dict[str, str | None], step_id: str) -> str | None:
    if step_id not in statuses:
        return "no counterpart"
    return "removed" if statuses[step_id] == "removed" else None


def _steps(journey: JourneyMap, base: JourneyMap) -> list[FutureStep]:
    before = {step.id: step for _, step in base.steps()}
    out = []
    for stage, step in journey.steps():
        counterpart = before.get(step.id)
        differs = _differs(counterpart, step) if counterpart else ()
        out.append(
            FutureStep(
                step.id,
                stage.id,
                step.label,
                step.status or UNMARKED,
                counterpart is not None,
                differs,
                step.resolves,
            )
        )
    return out


def _differs(old: Step, new: Step) -> tuple[str, ...]:
    return tuple(
        name for name in COMPARED_FIELDS if frozen(getattr(old, name)) != frozen(getattr(new, name))
    )
