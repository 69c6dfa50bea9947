"""Result rows of the query -> the measures of one map.

Counts, percentiles and the period come from the engine. What happens here is the same for
every engine: step positions become step ids, shares are ratios of those counts (divided
once, in Python, so every engine rounds alike), and groups of fewer than `min_cases`
distinct cases are suppressed.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from journeymap.analytics.binding import BoundMap
from journeymap.analytics.measures import (
    Coverage,
    Funnel,
    FunnelStep,
    MapMeasures,
    SelfLoop,
    StepMeasures,
    TimeToNext,
    TransitionMeasures,
    UnclaimedName,
    UnobservedEdge,
    Variant,
    Variants,
)

Rows = list[tuple[Any, ...]]


def ratio(part: int | None, whole: int | None) -> float | None:
    return None if part is None or not whole else part / whole


def hidden(cases: int | None, min_cases: int) -> bool:
    """Fewer than `min_cases` people (but not none: zero exposes nobody)."""
    return bool(cases) and cases < min_cases  # type: ignore[operator]


def iso_time(microseconds: int | None) -> str | None:
    if microseconds is None:
        return None
    moment = datetime.fromtimestamp(microseconds / 1_000_000, tz=UTC)
    spec = "seconds" if microseconds % 1_000_000 == 0 else "microseconds"
    return moment.isoformat(timespec=spec).replace("+00:00", "Z")


def map_measures(
    bound: BoundMap, rows: dict[str, Rows], *, window_seconds: int, min_cases: int
) -> MapMeasures:
    kept, cases = int(rows["totals"][0][0] or 0), int(rows["totals"][0][1] or 0)
    reach = {int(r[0]): int(r[1]) for r in rows["steps"]}
    pairs = {(int(r[0]), int(r[1])): (int(r[2]), int(r[3])) for r in rows["pairs"]}
    return MapMeasures(
        path=bound.path,
        cases=cases,
        events=kept,
        steps=_steps(bound, rows, cases, min_cases),
        transitions=_transitions(bound, pairs, reach, min_cases),
        unobserved=tuple(
            UnobservedEdge(bound.step_id(e.source), bound.step_id(e.target), e.share)
            for e in bound.edges
            if (e.source, e.target) not in pairs
        ),
        self_loops=tuple(
            _loop(bound.step_id(a), n, occ, min_cases)
            for (a, b), (n, occ) in sorted(pairs.items())
            if a == b
        ),
        funnel=_funnel(bound, rows["funnel"], window_seconds, min_cases),
        variants=_variants(bound, rows, cases),
        coverage=_coverage(rows),
    )


def _steps(bound: BoundMap, rows: dict[str, Rows], cases: int, m: int) -> dict[str, StepMeasures]:
    counts = {int(r[0]): [int(x) for x in r[1:5]] for r in rows["steps"]}
    gaps = {int(r[0]): TimeToNext(_float(r[1]), _float(r[2])) for r in rows["gaps"]}
    out = {}
    for step in bound.steps:
        reach, occurrences, starts, ends = counts.get(step.index, [0, 0, 0, 0])
        drop_off = 0 if step.index in bound.ends else ends
        if hidden(reach, m):
            out[step.id] = StepMeasures(None, None, None, None, None, None, TimeToNext(), True)
            continue
        out[step.id] = StepMeasures(
            reach, ratio(reach, cases), occurrences, starts, ends, drop_off,
            gaps.get(step.index, TimeToNext()),
        )  # fmt: skip
    return out


def _transitions(
    bound: BoundMap,
    pairs: dict[tuple[int, int], tuple[int, int]],
    reach: dict[int, int],
    m: int,
) -> tuple[TransitionMeasures, ...]:
    declared = {(e.source, e.target): e for e in bound.edges}
    moves = [(pair, n) for pair, n in pairs.items() if pair[0] != pair[1]]
    moves.sort(key=lambda m: (-m[1][0], bound.step_id(m[0][0]), bound.step_id(m[0][1])))
    out = []
    for (a, b), (cases, occurrences) in moves:
        edge = declared.get((a, b))
        share = edge.share if edge else None
        names = (bound.step_id(a), bound.step_id(b))
        if hidden(cases, m):
            out.append(TransitionMeasures(*names, None, None, None, edge is not None, share, True))
        else:
            out.append(
                TransitionMeasures(
                    *names, cases, occurrences, ratio(cases, reach.get(a)), edge is not None, share
                )
            )
    return tuple(out)


def _loop(step: str, cases: int, occurrences: int, m: int) -> SelfLoop:
    if hidden(cases, m):
        return SelfLoop(step, None, None, True)
    return SelfLoop(step, cases, occurrences)


def _funnel(bound: BoundMap, rows: Rows, window: int, m: int) -> Funnel:
    counts = {int(r[0]): (int(r[1]), _float(r[2])) for r in rows}
    first = counts.get(0, (0, None))[0]
    steps, previous = [], first
    for i, index in enumerate(bound.funnel):
        cases, median = counts.get(i, (0, None))
        step_id = bound.step_id(index)
        if hidden(cases, m):
            steps.append(FunnelStep(step_id, None, None, None, None, True))
        else:
            median = None if i == 0 else median
            steps.append(
                FunnelStep(step_id, cases, ratio(cases, first), ratio(cases, previous), median)
            )
        previous = cases
    return Funnel(tuple(bound.step_id(i) for i in bound.funnel), window, tuple(steps))


def _variants(bound: BoundMap, rows: dict[str, Rows], cases: int) -> Variants:
    distinct, total, conforming, suppressed = rows["variant_totals"][0]
    top = tuple(
        Variant(
            tuple(bound.step_id(int(i)) for i in str(path).split(".") if i != ""),
            int(n),
            ratio(int(n), cases) or 0.0,
            int(off) == 0,
        )
        for path, n, off in rows["variants"]
    )
    return Variants(int(distinct or 0), ratio(_int(conforming), _int(total)), top, _int(suppressed))


def _coverage(rows: dict[str, Rows]) -> Coverage:
    events, claimed, names, claimed_names = (_int(x) for x in rows["coverage"][0])
    top = tuple(UnclaimedName(str(name), int(n)) for name, n in rows["unclaimed"])
    return Coverage(ratio(claimed, events), ratio(claimed_names, names), events - claimed, top)


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def _int(value: Any) -> int:
    return 0 if value is None else int(value)
