"""`journeymap dump`: the resolved, normalised model as JSON, for tooling and tests."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

from journeymap.config import load_project
from journeymap.diagnostics import Diagnostic, Severity
from journeymap.model import JourneyMap
from journeymap.pipeline import check_file, open_session
from journeymap.text.clean import plain_data


def dump_map(path: Path) -> tuple[str | None, list[Diagnostic]]:
    project, problems = load_project(path)
    checked = check_file(path, open_session(project))
    diagnostics = problems + checked.diagnostics
    if checked.journey is None or any(d.severity is Severity.ERROR for d in diagnostics):
        return None, diagnostics
    return json.dumps(as_data(checked.journey), indent=2, ensure_ascii=False) + "\n", diagnostics


def as_data(journey: JourneyMap) -> dict[str, Any]:
    """Plain data with a stable shape: every field, `based_on` reduced to what it names."""
    data = dataclasses.asdict(dataclasses.replace(journey, based_on=None))
    base = journey.based_on
    data["based_on"] = (
        None if base is None else {"id": base.id, "kind": base.kind, "path": base.path}
    )
    plain: dict[str, Any] = plain_data(data)  # every text as exported: U+200B removed too
    return plain
