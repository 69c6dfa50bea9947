"""The machine format: a stable JSON document, described by `SCHEMA_NOTE` below.

Every key is always present (null when it does not apply), keys come in a fixed order and
lists keep report order, so the output of one input never changes between runs.
"""

from __future__ import annotations

import json
from typing import Any

from journeymap.diff.api import DiffResult
from journeymap.diff.changes import MapDiff, counts
from journeymap.diff.future import FutureReport, PainStatus
from journeymap.text.clean import plain_data

FORMAT = "journeymap-diff"
VERSION = 1

SCHEMA_NOTE = """\
{"format": "journeymap-diff", "version": 1, "mode": "maps" | "git" | "future",
 "revision": str | null,                     # --git REV
 "changed": bool,                            # what --exit-code tests
 "maps": [                                   # modes maps and git
   {"old": str | null, "new": str | null,    # null: the side where the map does not exist
    "status": "modified" | "unchanged" | "added" | "deleted",
    "id": str, "title": str, "counts": {kind: n},
    "changes": [
      {"kind": "added" | "removed" | "changed" | "renamed" | "moved" | "reordered",
       "element": "map" | "stage" | "step" | "touchpoint" | "pain_point" | "opportunity"
                  | "metric" | "edge" | "blueprint_item" | "link",
       "id": str,            # in the new map (the old one when removed); "" for the map;
                             # touchpoints "channel:name", edges and links "from->to",
                             # blueprint items without an id "row:text"
       "path": str,          # by ids: /stages/<stage>/steps/<step>/pain_points/<id>
       "field": str | null,  # the attribute that changed ("emotion", "persona.role", ...);
                             # "resolved_by" for a removed pain point that steps of the
                             # new map resolve (their ids in "after")
       "before": any, "after": any,   # null on the side that does not exist; whole
                                      # elements (as dicts) for added and removed ones
       "step": str | null,   # the step the change belongs to (new id when it still exists)
       "direction": "better" | "worse" | null}]}],   # emotion and severity
 "future": null | {...}}                     # mode future, see future_data
"""


def render_json(result: DiffResult) -> str:
    data: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "mode": result.mode,
        "revision": result.revision,
        "changed": result.changed,
        "maps": [_map(diff) for diff in result.maps],
        "future": future_data(result.future) if result.future else None,
    }
    return json.dumps(plain_data(data), indent=2, ensure_ascii=False) + "\n"


def _map(diff: MapDiff) -> dict[str, Any]:
    return {
        "old": diff.old,
        "new": diff.new,
        "status": diff.status,
        "id": diff.map_id,
        "title": diff.title,
        "counts": dict(counts(diff.changes)),
        "changes": [change.as_data() for change in diff.changes],
    }


def future_data(report: FutureReport) -> dict[str, Any]:
    """The future-vs-current report: pain points resolved and open, steps by status."""
    return {
        "future": {"path": report.future, "id": report.map_id, "title": report.title},
        "based_on": {
            "path": report.based_on,
            "id": report.based_on_id,
            "title": report.based_on_title,
        },
        "resolved": [_pain(p) for p in report.resolved],
        "open": [_pain(p) for p in report.open],
        "steps": [
            {
                "id": step.id,
                "stage": step.stage,
                "label": step.label,
                "status": step.status,
                "counterpart": step.counterpart,
                "differs": list(step.differs),
                "resolves": list(step.resolves),
                "mismatch": step.mismatch,
            }
            for step in report.steps
        ],
        "unmatched": [
            {"id": key, "stage": stage, "label": label} for key, stage, label in report.unmatched
        ],
    }


def _pain(pain: PainStatus) -> dict[str, Any]:
    return {
        "id": pain.id,
        "text": pain.text,
        "severity": pain.severity,
        "owner": pain.owner,
        "step": pain.step,
        "resolved_by": list(pain.resolved_by),
        "step_note": pain.step_note,
    }
