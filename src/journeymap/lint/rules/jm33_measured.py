"""Shared by the rules on measures (JM330-JM334): where an edge or a step is in the map."""

from __future__ import annotations

from journeymap.model import JourneyMap, Path_, Step


def steps_by_id(journey: JourneyMap) -> dict[str, Step]:
    return {step.id: step for _, step in journey.steps()}


def edge_at(step: Step, target: str) -> Path_:
    """The `next` entry of `step` that leads to `target`; else its `next`, else its id."""
    for index, edge in enumerate(step.next or ()):
        if edge.to == target:
            return (*step.at, "next", index)
    return (*step.at, "next") if step.next is not None else (*step.at, "id")


def percent(value: float) -> str:
    return f"{value * 100:.0f}%"
