"""A rule that crashes, to prove a faulty plugin cannot take journeymap down."""

from __future__ import annotations

from journeymap.lint.rule import Context, Finding
from journeymap.model import JourneyMap

CODE = "ACME103"
NAME = "always-crashes"
SEVERITY = "warning"


def check(journey: JourneyMap, context: Context) -> list[Finding]:
    raise RuntimeError("boom")
