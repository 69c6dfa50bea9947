"""`diff` of two measures files: what moved between two runs of `journeymap measure`.

Maps are matched by id, steps by id and transitions by (from, to). A rate (share, drop-off
rate, conformance, coverage) has moved when it differs by a percentage point or more; a
count when it differs by 5% or more. A step's reach and a transition's cases are reported
only when their share did not move (otherwise they say the same thing twice). Steps,
transitions and top unclaimed event names that appear or disappear are always reported.
Suppressed figures (null) are compared as unknown. Per map, the report lists the map's own
figures, then what appeared or disappeared, then rates by how far they moved, then counts.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from journeymap.analytics.measures import (
    MapMeasures,
    Measures,
    StepMeasures,
    TransitionMeasures,
    load_measures,
)

KEY = "journeymap_measures"
RATE_STEP = 0.01
COUNT_STEP = 0.05
_PEEK = 1 << 16
_KEY = re.compile(rb'"journeymap_measures"\s*:')


@dataclass(frozen=True, slots=True)
class Move:
    """One figure that moved. `kind` is `changed`, `appeared` or `disappeared`; `unit` says
    how to show the values: `count`, `rate` (0..1) or `events` (an unclaimed name)."""

    kind: str
    subject: str
    figure: str
    old: float | None
    new: float | None
    unit: str = "count"

    @property
    def marker(self) -> str:
        return {"appeared": "+", "disappeared": "-"}.get(self.kind, "~")


@dataclass
class MapMoves:
    map_id: str
    status: str
    """`compared`, `added` (only in the new file) or `removed` (only in the old one)."""
    moves: list[Move] = field(default_factory=list)


@dataclass
class MeasuresDiff:
    old: str
    new: str
    old_measures: Measures
    new_measures: Measures
    maps: list[MapMoves] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(m.status != "compared" or m.moves for m in self.maps)

    @property
    def count(self) -> int:
        return sum(len(m.moves) + (m.status != "compared") for m in self.maps)


def is_measures_file(path: Path) -> bool:
    """A JSON object with a `"journeymap_measures":` key near its start (where `measure`
    writes it), or anywhere in a file that parses as JSON. A broken measures file still
    counts, so its error says what is wrong with it. Unreadable files are not measures:
    the map loader reports them."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_PEEK)
    except OSError:
        return False
    if not head.lstrip().startswith(b"{"):
        return False
    if _KEY.search(head):
        return True
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError):
        return False
    return isinstance(data, dict) and KEY in data


def diff_measures(old_path: Path, new_path: Path) -> MeasuresDiff:
    """Both files loaded and compared; a bad file raises MeasuresError (one line)."""
    old, new = load_measures(old_path), load_measures(new_path)
    result = MeasuresDiff(str(old_path), str(new_path), old, new)
    for map_id in sorted(set(old.maps) | set(new.maps)):
        if map_id not in new.maps:
            result.maps.append(MapMoves(map_id, "removed"))
        elif map_id not in old.maps:
            result.maps.append(MapMoves(map_id, "added"))
        else:
            moves = list(map_moves(old.maps[map_id], new.maps[map_id]))
            result.maps.append(MapMoves(map_id, "compared", moves))
    return result


def map_moves(old: MapMeasures, new: MapMeasures) -> list[Move]:
    own = [
        *_figure("map", "cases", old.cases, new.cases),
        *_figure("map", "events", old.events, new.events),
        *_figure("map", "conformance", old.variants.conformance, new.variants.conformance),
        *_figure("map", "coverage", old.coverage.events, new.coverage.events),
    ]
    rest = [*_steps(old, new), *_transitions(old, new), *_unclaimed(old, new)]
    return own + sorted(rest, key=_weight)


def _weight(move: Move) -> tuple[int, float, str, str]:
    """Appearing and disappearing first, then rates, then counts, each by how far it moved."""
    if move.kind != "changed":
        return (0, 0.0, move.subject, move.figure)
    if move.old is None or move.new is None:
        return (1, 0.0, move.subject, move.figure)
    if move.unit == "rate":
        return (1, -abs(move.new - move.old), move.subject, move.figure)
    return (2, -abs(move.new - move.old) / max(abs(move.old), 1), move.subject, move.figure)


def _steps(old: MapMeasures, new: MapMeasures) -> Iterator[Move]:
    for step_id in sorted(set(old.steps) | set(new.steps)):
        subject = f"step {step_id}"
        before, after = old.steps.get(step_id), new.steps.get(step_id)
        yield from _matched(subject, before, after, "reach")
        if before is not None and after is not None:
            yield from _figure(subject, "drop-off", _drop_rate(before), _drop_rate(after))


def _matched(
    subject: str,
    before: StepMeasures | TransitionMeasures | None,
    after: StepMeasures | TransitionMeasures | None,
    count: str,
) -> Iterator[Move]:
    """One step or transition in both files: appeared, disappeared, or its share moved
    (its count, `reach` or `cases`, only when the share did not)."""
    if before is None and after is not None:
        yield Move("appeared", subject, count, None, getattr(after, count))
    elif after is None and before is not None:
        yield Move("disappeared", subject, count, getattr(before, count), None)
    elif before is not None and after is not None:
        share = list(_figure(subject, "share", before.share, after.share))
        yield from share or _figure(subject, count, getattr(before, count), getattr(after, count))


def _drop_rate(step: StepMeasures) -> float | None:
    if step.drop_off is None or not step.reach:
        return None
    return step.drop_off / step.reach


def _transitions(old: MapMeasures, new: MapMeasures) -> Iterator[Move]:
    before = {(t.source, t.target): t for t in old.transitions}
    after = {(t.source, t.target): t for t in new.transitions}
    for pair in sorted(set(before) | set(after)):
        subject = f"transition {pair[0]} -> {pair[1]}"
        yield from _matched(subject, before.get(pair), after.get(pair), "cases")


def _unclaimed(old: MapMeasures, new: MapMeasures) -> Iterator[Move]:
    before = {u.name: u.events for u in old.coverage.top_unclaimed}
    after = {u.name: u.events for u in new.coverage.top_unclaimed}
    for name in sorted(set(after) - set(before)):
        yield Move("appeared", f"unclaimed event {name}", "events", None, after[name], "events")
    for name in sorted(set(before) - set(after)):
        yield Move("disappeared", f"unclaimed event {name}", "events", before[name], None, "events")


def _figure(subject: str, figure: str, old: float | None, new: float | None) -> Iterator[Move]:
    """A figure that moved enough to report; rates are the figures named below."""
    rate = figure in ("share", "drop-off", "conformance", "coverage")
    if old is None and new is None:
        return
    if old is None or new is None:
        yield Move("changed", subject, figure, old, new, "rate" if rate else "count")
        return
    if rate and abs(new - old) >= RATE_STEP - 1e-12:
        yield Move("changed", subject, figure, old, new, "rate")
    elif not rate and abs(new - old) >= COUNT_STEP * max(abs(old), 1) - 1e-12:
        yield Move("changed", subject, figure, old, new, "count")
