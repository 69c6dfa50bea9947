"""The measures model: what `journeymap measure` found, as frozen dataclasses and a JSON file.

A measures file is an input like a persona file: render, lint, build and diff read it and
never know which engine wrote it. It holds aggregates only (no case id, no raw row, no
connection string), and `dumps` is deterministic: sorted keys, floats rounded to 6 places.
Counts are None where a group was smaller than `min_cases` (`suppressed` is then true).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

VERSION = 1
SCHEMA_FILE = "measures.schema.json"


class MeasuresError(Exception):
    """A measures file that cannot be used; the message is one line."""


@dataclass(frozen=True, slots=True)
class TimeToNext:
    """Seconds from a step to the case's next step: median and 90th percentile."""

    median: float | None = None
    p90: float | None = None


@dataclass(frozen=True, slots=True)
class StepMeasures:
    reach: int | None
    share: float | None
    occurrences: int | None
    starts: int | None
    ends: int | None
    drop_off: int | None
    time_to_next: TimeToNext = TimeToNext()
    suppressed: bool = False


@dataclass(frozen=True, slots=True)
class TransitionMeasures:
    """Consecutive kept events of one case whose steps differ (`from` -> `to` in JSON)."""

    source: str
    target: str
    cases: int | None
    occurrences: int | None
    share: float | None
    declared: bool
    declared_share: float | None = None
    suppressed: bool = False


@dataclass(frozen=True, slots=True)
class UnobservedEdge:
    """A `next` edge the map draws that no case took."""

    source: str
    target: str
    declared_share: float | None = None


@dataclass(frozen=True, slots=True)
class SelfLoop:
    step: str
    cases: int | None
    occurrences: int | None
    suppressed: bool = False


@dataclass(frozen=True, slots=True)
class FunnelStep:
    step: str
    cases: int | None
    conversion: float | None
    from_previous: float | None
    median_seconds: float | None
    suppressed: bool = False


@dataclass(frozen=True, slots=True)
class Funnel:
    path: tuple[str, ...]
    window_seconds: int
    steps: tuple[FunnelStep, ...] = ()


@dataclass(frozen=True, slots=True)
class Variant:
    path: tuple[str, ...]
    cases: int
    share: float
    conforms: bool


@dataclass(frozen=True, slots=True)
class Variants:
    distinct: int
    conformance: float | None
    top: tuple[Variant, ...] = ()
    suppressed_variants: int = 0


@dataclass(frozen=True, slots=True)
class UnclaimedName:
    name: str
    events: int


@dataclass(frozen=True, slots=True)
class Coverage:
    """`events` and `event_names` are the shares the map claims (1.0: no blind spot)."""

    events: float | None
    event_names: float | None
    unclaimed_events: int
    top_unclaimed: tuple[UnclaimedName, ...] = ()


@dataclass(frozen=True, slots=True)
class MapMeasures:
    path: str
    cases: int
    events: int
    steps: dict[str, StepMeasures] = field(default_factory=dict)
    transitions: tuple[TransitionMeasures, ...] = ()
    unobserved: tuple[UnobservedEdge, ...] = ()
    self_loops: tuple[SelfLoop, ...] = ()
    funnel: Funnel = Funnel((), 0)
    variants: Variants = Variants(0, None)
    coverage: Coverage = Coverage(None, None, 0)


@dataclass(frozen=True, slots=True)
class SourceInfo:
    kind: str
    name: str


@dataclass(frozen=True, slots=True)
class Settings:
    case: str
    event: str
    time: str
    order: str | None
    timezone: str
    window_seconds: int
    min_cases: int


@dataclass(frozen=True, slots=True)
class Period:
    first: str | None
    last: str | None


@dataclass(frozen=True, slots=True)
class Measures:
    generator: str
    source: SourceInfo
    settings: Settings
    period: Period
    events: int
    maps: dict[str, MapMeasures] = field(default_factory=dict)


def dumps(measures: Measures) -> str:
    """The measures file's text: byte-identical for equal measures."""
    from journeymap.analytics.measures_json import to_data

    return json.dumps(to_data(measures), sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def loads(text: str, name: str = "measures") -> Measures:
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as error:
        raise MeasuresError(f"{name}: not JSON ({error})") from None
    problem = _schema_problem(data)
    if problem:
        raise MeasuresError(f"{name}: {problem}")
    from journeymap.analytics.measures_json import from_data

    return from_data(data)


def load_measures(path: Path) -> Measures:
    """Reads and checks a measures file; any problem is one `MeasuresError` line."""
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise MeasuresError(f"{path}: cannot read the measures file ({reason})") from None
    return loads(text, str(path))


def measures_schema() -> dict[str, Any]:
    from importlib import resources

    text = resources.files("journeymap").joinpath("schemas", SCHEMA_FILE).read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def _schema_problem(data: Any) -> str | None:
    """The first schema problem, located by its JSON path, or None."""
    if isinstance(data, dict) and data.get("journeymap_measures") not in (None, VERSION):
        version = data.get("journeymap_measures")
        return f"measures version {version!r} is not supported (this journeymap reads {VERSION})"
    import jsonschema

    validator = jsonschema.Draft202012Validator(measures_schema())
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is None:
        return None
    where = "".join(f"[{p!r}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)
    return f"not a measures file: {where.lstrip('.') or 'top level'}: {error.message}"[:300]
