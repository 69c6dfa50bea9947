"""Synthetic event logs from a map, so that `measure` and the overlay work with no data.

A case starts at the map's first step and walks `next` with the declared shares; after each
step it may leave (the hazard of journeymap.analytics.simulate_plan). Each step is logged
under its binding's event names (or its own id when it has none), with gaps that are
log-normal (short inside a stage, long between stages) or the day-in-the-life `time`. Real
logs are messy, so the walk also adds noise events no step claims, repeats, ties (an equal
timestamp, told apart by `seq`) and rows that arrive late (out of time order in the file).
One seeded `random.Random` drives everything: the same seed gives the same file.
"""

from __future__ import annotations

import math
import random
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

from journeymap.analytics.simulate_plan import Plan, StepPlan

DAY = 86_400
CHUNK = 50_000
STEP_GAP = (math.log(90.0), 1.1)
"""Median 90 s between steps of one stage (log-normal mu, sigma)."""
STAGE_GAP = (math.log(5 * 3600.0), 1.2)
"""Median 5 hours between stages."""
SHORT_GAP = (math.log(20.0), 0.8)
"""Median 20 s before a repeat or a noise event."""
LATE_GAP = (math.log(600.0), 1.0)
"""Median 10 minutes by which a late row arrives after it happened."""
WAKING = (6 * 3600.0, 23 * 3600.0, 13 * 3600.0)
"""Journeys start in waking hours (low, high, mode; seconds after midnight UTC)."""
SCRAMBLE = 0x9E3779B97F4A7C15
"""An odd multiplier: case numbers become unique, unordered-looking ids (a bijection)."""


@dataclass(frozen=True)
class Options:
    cases: int
    seed: int = 0
    start: datetime = datetime(2026, 1, 5, tzinfo=UTC)
    days: int = 28
    noise: float = 0.15
    repeats: float = 0.05
    ties: float = 0.03
    late: float = 0.01
    drop_scale: float = 1.0


@dataclass
class Log:
    """The log column by column, as integers: names and values index the plan's tables.
    Where-column values are sparse (few events carry them): (row, {column: value index})."""

    case: list[int] = field(default_factory=list)
    event: list[int] = field(default_factory=list)
    time: list[int] = field(default_factory=list)
    seq: list[int] = field(default_factory=list)
    arrival: list[int] = field(default_factory=list)
    where: list[tuple[int, dict[int, int]]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.event)


def simulate(plan: Plan, options: Options) -> Iterator[Log]:
    """The log in chunks of CHUNK cases, so memory stays flat however many cases are asked
    for; the chunk size is fixed because the random draws depend on it."""
    rng = random.Random(options.seed)
    for first in range(0, options.cases, CHUNK):
        log = Log()
        walker = _Walker(plan, options, rng, log)
        for number in range(first, min(first + CHUNK, options.cases)):
            walker.walk(_case_id(number, options.seed))
        log.arrival = _arrivals(log.time, options.late, rng)
        yield log


def _arrivals(times: list[int], late: float, rng: random.Random) -> list[int]:
    """When each row reached the log: on time, except a `late` share that arrives minutes
    to hours later and so lands out of time order in the file."""
    arrival = list(times)
    for row in sorted(rng.sample(range(len(times)), round(len(times) * late))):
        arrival[row] += _gap(rng, LATE_GAP)
    return arrival


def _gap(rng: random.Random, shape: tuple[float, float]) -> int:
    """Whole seconds, at least 1, log-normal (`gauss` is the fastest normal draw)."""
    return 1 + int(math.exp(shape[0] + shape[1] * rng.gauss()))


def _case_id(number: int, seed: int) -> int:
    return ((number + 1 + seed * 1_000_003) * SCRAMBLE) % (1 << 48)


class _Walker:
    """One case at a time: the current time, the case's day and its event counter."""

    def __init__(self, plan: Plan, options: Options, rng: random.Random, log: Log) -> None:
        self.plan, self.options, self.rng, self.log = plan, options, rng, log
        self.origin = int(options.start.timestamp())
        self.limit = 4 * len(plan.steps) + 10
        self.case = self.now = self.day = self.seq = 0

    def walk(self, case: int) -> None:
        rng, steps = self.rng, self.plan.steps
        self.case, self.seq = case, 0
        self.day = self.origin + rng.randrange(self.options.days) * DAY
        first = steps[0].clock
        start = int(rng.triangular(*WAKING)) if first is None else first + rng.randrange(600)
        self.now = self.day + start
        current, stage = 0, steps[0].stage
        for count in range(self.limit):
            step = steps[current]
            if count:
                self._advance(step, changed=step.stage != stage)
            stage = step.stage
            self._log_step(step)
            if not step.targets or rng.random() < step.hazard:
                return
            current = step.targets[self._choose(step)]

    def _choose(self, step: StepPlan) -> int:
        drawn = self.rng.random() * step.cumulative[-1]
        return min(bisect_right(step.cumulative, drawn), len(step.targets) - 1)

    def _advance(self, step: StepPlan, *, changed: bool) -> None:
        rng = self.rng
        if rng.random() < self.options.ties:
            return
        if step.clock is not None:
            self.now = max(self.now + 1, self.day + step.clock + rng.randrange(600))
            return
        self.now += _gap(rng, STAGE_GAP if changed else STEP_GAP)

    def _log_step(self, step: StepPlan) -> None:
        rng, options = self.rng, self.options
        emissions = step.emissions
        emission = emissions[rng.randrange(len(emissions))] if len(emissions) > 1 else emissions[0]
        chosen = {c: vs[rng.randrange(len(vs))] for c, vs in emission.where}
        self._emit(emission.event, chosen)
        if rng.random() < options.repeats:
            self.now += _gap(rng, SHORT_GAP)
            self._emit(emission.event, chosen)
        if self.plan.noise and rng.random() < options.noise:
            self.now += _gap(rng, SHORT_GAP)
            self._emit(self.plan.noise[rng.randrange(len(self.plan.noise))], {})

    def _emit(self, event: int, where: dict[int, int]) -> None:
        log = self.log
        self.seq += 1
        if where:
            log.where.append((len(log.event), where))
        log.case.append(self.case)
        log.event.append(event)
        log.time.append(self.now)
        log.seq.append(self.seq)
