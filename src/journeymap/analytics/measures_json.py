"""The measures model to and from plain JSON data (the file's shape, version 1).

Python names differ from the file's where the file's are keywords: `source`/`target` are
`from`/`to`. Floats are rounded to 6 places so equal measures give equal bytes.
"""

from __future__ import annotations

from typing import Any

from journeymap.analytics.measures import (
    VERSION,
    Coverage,
    Funnel,
    FunnelStep,
    MapMeasures,
    Measures,
    Period,
    SelfLoop,
    Settings,
    SourceInfo,
    StepMeasures,
    TimeToNext,
    TransitionMeasures,
    UnclaimedName,
    UnobservedEdge,
    Variant,
    Variants,
)


def rounded(value: float | None) -> float | None:
    return None if value is None else round(float(value), 6) + 0.0


def to_data(measures: Measures) -> dict[str, Any]:
    s = measures.settings
    return {
        "journeymap_measures": VERSION,
        "generator": measures.generator,
        "source": {"kind": measures.source.kind, "name": measures.source.name},
        "settings": {
            "case": s.case,
            "event": s.event,
            "time": s.time,
            "order": s.order,
            "timezone": s.timezone,
            "window_seconds": s.window_seconds,
            "min_cases": s.min_cases,
        },
        "period": {"first": measures.period.first, "last": measures.period.last},
        "events": measures.events,
        "maps": {key: _map_data(m) for key, m in measures.maps.items()},
    }


def _map_data(m: MapMeasures) -> dict[str, Any]:
    return {
        "path": m.path,
        "cases": m.cases,
        "events": m.events,
        "steps": {key: _step_data(s) for key, s in m.steps.items()},
        "transitions": [_transition_data(t) for t in m.transitions],
        "unobserved": [
            {"from": u.source, "to": u.target, "declared_share": rounded(u.declared_share)}
            for u in m.unobserved
        ],
        "self_loops": [
            {
                "step": x.step,
                "cases": x.cases,
                "occurrences": x.occurrences,
                "suppressed": x.suppressed,
            }
            for x in m.self_loops
        ],
        "funnel": _funnel_data(m.funnel),
        "variants": _variants_data(m.variants),
        "coverage": {
            "events": rounded(m.coverage.events),
            "event_names": rounded(m.coverage.event_names),
            "unclaimed_events": m.coverage.unclaimed_events,
            "top_unclaimed": [
                {"name": u.name, "events": u.events} for u in m.coverage.top_unclaimed
            ],
        },
    }


def _step_data(s: StepMeasures) -> dict[str, Any]:
    return {
        "reach": s.reach,
        "share": rounded(s.share),
        "occurrences": s.occurrences,
        "starts": s.starts,
        "ends": s.ends,
        "drop_off": s.drop_off,
        "time_to_next": {
            "median": rounded(s.time_to_next.median),
            "p90": rounded(s.time_to_next.p90),
        },
        "suppressed": s.suppressed,
    }


def _transition_data(t: TransitionMeasures) -> dict[str, Any]:
    return {
        "from": t.source,
        "to": t.target,
        "cases": t.cases,
        "occurrences": t.occurrences,
        "share": rounded(t.share),
        "declared": t.declared,
        "declared_share": rounded(t.declared_share),
        "suppressed": t.suppressed,
    }


def _funnel_data(f: Funnel) -> dict[str, Any]:
    steps = [
        {
            "step": s.step,
            "cases": s.cases,
            "conversion": rounded(s.conversion),
            "from_previous": rounded(s.from_previous),
            "median_seconds": rounded(s.median_seconds),
            "suppressed": s.suppressed,
        }
        for s in f.steps
    ]
    return {"path": list(f.path), "window_seconds": f.window_seconds, "steps": steps}


def _variants_data(v: Variants) -> dict[str, Any]:
    top = [
        {"path": list(x.path), "cases": x.cases, "share": rounded(x.share), "conforms": x.conforms}
        for x in v.top
    ]
    return {
        "distinct": v.distinct,
        "conformance": rounded(v.conformance),
        "top": top,
        "suppressed_variants": v.suppressed_variants,
    }


def from_data(data: dict[str, Any]) -> Measures:
    """Schema-valid data (checked by the caller) to the model."""
    s = data["settings"]
    return Measures(
        generator=data["generator"],
        source=SourceInfo(data["source"]["kind"], data["source"]["name"]),
        settings=Settings(
            s["case"],
            s["event"],
            s["time"],
            s.get("order"),
            s["timezone"],
            s["window_seconds"],
            s["min_cases"],
        ),
        period=Period(data["period"]["first"], data["period"]["last"]),
        events=data["events"],
        maps={key: _map_from(m) for key, m in data["maps"].items()},
    )


def _map_from(m: dict[str, Any]) -> MapMeasures:
    f, v, c = m["funnel"], m["variants"], m["coverage"]
    return MapMeasures(
        path=m["path"],
        cases=m["cases"],
        events=m["events"],
        steps={key: _step_from(s) for key, s in m["steps"].items()},
        transitions=tuple(_transition_from(t) for t in m["transitions"]),
        unobserved=tuple(
            UnobservedEdge(u["from"], u["to"], u.get("declared_share")) for u in m["unobserved"]
        ),
        self_loops=tuple(
            SelfLoop(x["step"], x["cases"], x["occurrences"], x["suppressed"])
            for x in m["self_loops"]
        ),
        funnel=Funnel(
            tuple(f["path"]), f["window_seconds"], tuple(FunnelStep(**s) for s in f["steps"])
        ),
        variants=Variants(
            v["distinct"],
            v["conformance"],
            tuple(
                Variant(tuple(x["path"]), x["cases"], x["share"], x["conforms"]) for x in v["top"]
            ),
            v.get("suppressed_variants", 0),
        ),
        coverage=Coverage(
            c["events"],
            c["event_names"],
            c["unclaimed_events"],
            tuple(UnclaimedName(u["name"], u["events"]) for u in c["top_unclaimed"]),
        ),
    )


def _step_from(s: dict[str, Any]) -> StepMeasures:
    ttn = s.get("time_to_next") or {}
    return StepMeasures(
        s["reach"],
        s["share"],
        s["occurrences"],
        s["starts"],
        s["ends"],
        s["drop_off"],
        TimeToNext(ttn.get("median"), ttn.get("p90")),
        s["suppressed"],
    )


def _transition_from(t: dict[str, Any]) -> TransitionMeasures:
    return TransitionMeasures(
        t["from"],
        t["to"],
        t["cases"],
        t["occurrences"],
        t["share"],
        t["declared"],
        t.get("declared_share"),
        t["suppressed"],
    )
