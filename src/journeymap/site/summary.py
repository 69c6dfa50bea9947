"""What the site's shared pages need to know of one map, small and JSON-safe for the cache.

The index, persona pages, channel matrix and backlog are made from these summaries only, so
an unchanged map is never parsed again just to list it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from journeymap.interchange.ids import slug
from journeymap.layout.context import Context
from journeymap.layout.header import initials
from journeymap.layout.measured import Measured, terminal_steps
from journeymap.layout.steps import stage_title
from journeymap.model import JourneyMap, Persona

OTHER_PHASE = "other"


@dataclass
class Summary:
    page: str
    path: str
    id: str
    kind: str
    title: str
    steps: int
    stages: list[dict[str, Any]] = field(default_factory=list)
    persona: dict[str, Any] | None = None
    pains: list[dict[str, Any]] = field(default_factory=list)
    touchpoints: list[list[str]] = field(default_factory=list)
    resolves: list[dict[str, Any]] = field(default_factory=list)
    based_on: str | None = None
    measured: dict[str, Any] | None = None
    """Period, cases, coverage and cases lost per step, when the map was drawn with measures."""

    def to_json(self) -> dict[str, Any]:
        """Shallow: every field already holds plain JSON data (asdict's deep copy is slow)."""
        return dict(vars(self))

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Summary:
        return cls(**data)


def summarize(
    journey: JourneyMap,
    ctx: Context,
    *,
    page: str,
    path: str,
    based_on: str | None,
    measured: Measured | None = None,
) -> Summary:
    """`path` and `based_on` are relative to the project root, so no page depends on the cwd."""
    where = {
        step.id: {
            "stage": stage_title(ctx, stage),
            "channels": list(dict.fromkeys(t.channel for t in step.touchpoints)),
        }
        for stage, step in journey.steps()
    }
    return Summary(
        page=page,
        path=path,
        id=journey.id,
        kind=journey.kind,
        title=journey.title,
        steps=sum(1 for _ in journey.steps()),
        stages=[{"title": stage_title(ctx, s), "phase": s.lifecycle_phase} for s in journey.stages],
        persona=_persona(journey.persona, path) if journey.persona else None,
        pains=[
            {
                "id": p.id,
                "text": p.text,
                "severity": p.severity,
                "owner": p.owner,
                "step": step.label,
                "step_id": step.id,
                **where[step.id],
            }
            for step, p in journey.pain_points()
        ],
        touchpoints=[
            [t.channel, stage.lifecycle_phase or OTHER_PHASE]
            for stage, step in journey.steps()
            for t in step.touchpoints
        ],
        resolves=[
            {"step": step.label, "pains": list(step.resolves)}
            for _, step in journey.steps()
            if step.resolves
        ],
        based_on=based_on,
        measured=_measured(journey, measured) if measured else None,
    )


def _measured(journey: JourneyMap, measured: Measured) -> dict[str, Any]:
    """What the index and the backlog show of a map's measures. A step's `lost` cases are
    those whose journey ended there, where the map leads on (at a last step they finished);
    None where suppressed; unbound steps are absent."""
    ends = terminal_steps(journey, measured)
    coverage = measured.map.coverage
    return {
        "first": measured.first,
        "last": measured.last,
        "cases": measured.map.cases,
        "events": coverage.events,
        "names": coverage.event_names,
        "min_cases": measured.min_cases,
        "lost": {
            step_id: 0 if step_id in ends else figures.drop_off
            for step_id, figures in sorted(measured.map.steps.items())
        },
    }


def _persona(persona: Persona, map_path: str) -> dict[str, Any]:
    return {
        "key": persona_key(persona, map_path),
        "name": persona.name,
        "initials": initials(persona.name),
        "photo": persona.photo,
        "role": persona.role,
        "quote": persona.quote,
        "goals": list(persona.goals),
        "needs": list(persona.needs),
        "frustrations": list(persona.frustrations),
        "bio": persona.bio,
        "traits": [list(pair) for pair in persona.traits],
    }


def persona_key(persona: Persona, map_path: str) -> str:
    """The persona page's file name, one per persona: the same for every map that uses a
    persona file, its own for each map's inline persona (same name or not).

    A file persona is its id (unique in a project), else its name and its file; an inline
    persona is its name and the map that holds it (`map_path`, relative to the root). The
    hash keeps the name readable and the key unique and the same from build to build.
    """
    if persona.source is None:
        return _readable(persona.name, f"inline:{map_path}")
    return slug(persona.id or "") or _readable(persona.name, f"file:{persona.source}")


def _readable(name: str, identity: str) -> str:
    digest = hashlib.sha256(identity.encode("utf-8")).hexdigest()[:8]
    return f"{slug(name)[:40].rstrip('-') or 'persona'}-{digest}"
