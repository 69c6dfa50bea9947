"""The analytics section of the HTML page: the measured journey beside the believed one.

What was measured (period, cases, coverage of the log), the funnel as a chart and a table,
the most frequent paths with their conformance to the map, and the biggest gaps between
belief and data, largest first. Every string is chosen and translated here.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from journeymap.i18n import Labels
from journeymap.layout.context import Context, clean, format_number
from journeymap.layout.funnel_chart import funnel_chart, step_names
from journeymap.layout.measured import (
    Measured,
    count,
    duration,
    percent,
    period,
    share,
    suppressed_text,
)
from journeymap.layout.scene import Scene
from journeymap.model import JourneyMap, transitions

GAPS_SHOWN = 10
UNDRAWN_FROM = 0.05
"""An undrawn transition counts as a gap from this share of its source step's cases."""


@dataclass(frozen=True, slots=True)
class Gap:
    what: str
    belief: str
    data: str
    size: float
    """How far belief and data are apart (0..1), to sort by."""


@dataclass(frozen=True, slots=True)
class Analytics:
    facts: tuple[tuple[str, str], ...]
    chart: Scene | None
    funnel: tuple[tuple[str, str, str, str, str], ...]
    conformance: str
    variants: tuple[tuple[str, str, str, str, bool], ...]
    """(steps by number, "⇢" where the map draws no such transition; the last step's name;
    cases; share; whether the path follows the map)."""
    hidden: str
    gaps: tuple[Gap, ...]
    unclaimed: tuple[tuple[str, str], ...]
    text: dict[str, str]


def lay_out_analytics(journey: JourneyMap, ctx: Context, measured: Measured) -> Analytics:
    names = step_names(journey)
    variants = measured.map.variants
    hidden = ""
    if variants.suppressed_variants:
        hidden = ctx.labels.count(
            "analytics.hidden_variants",
            variants.suppressed_variants,
            min=format_number(measured.min_cases, ctx.labels),
        )
    return Analytics(
        facts=_facts(ctx, measured),
        chart=funnel_chart(journey, ctx, measured),
        funnel=_funnel_rows(measured, names, ctx.labels),
        conformance=_conformance(ctx, measured),
        variants=tuple(
            (
                path_numbers(journey, v.path),
                _short(names.get(v.path[-1], v.path[-1]), 60) if v.path else "",
                count(v.cases, measured, ctx.labels),
                percent(v.share, ctx.labels),
                v.conforms,
            )
            for v in variants.top
        ),
        hidden=hidden,
        gaps=gaps(journey, ctx, measured)[:GAPS_SHOWN],
        unclaimed=tuple(
            (clean(u.name), format_number(u.events, ctx.labels))
            for u in measured.map.coverage.top_unclaimed
        ),
        text=_texts(ctx),
    )


def path_numbers(journey: JourneyMap, path: tuple[str, ...]) -> str:
    """ "1 → 2 → 3 ⇢ 6": steps by their number in the map, a dashed arrow for each
    transition the map does not draw (as on the flow view)."""
    numbers = {step.id: str(n) for n, (_, step) in enumerate(journey.steps(), start=1)}
    drawn = {(a, e.to) for a, edges in transitions(journey).items() for e in edges}
    out = [numbers.get(path[0], path[0])] if path else []
    for before, after in pairwise(path):
        arrow = "\u2192" if (before, after) in drawn else "\u21e2"
        out.append(f"{arrow} {numbers.get(after, after)}")
    return " ".join(out)


def _short(name: str, limit: int = 34) -> str:
    """A step's name cut to fit a path of several steps on one or two lines."""
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "\u2026"


def _texts(ctx: Context) -> dict[str, str]:
    keys = (
        "analytics.section",
        "analytics.funnel",
        "analytics.variants",
        "analytics.gaps",
        "analytics.unclaimed",
        "analytics.path",
        "analytics.ends_at",
        "analytics.path_note",
        "analytics.cases",
        "analytics.share",
        "analytics.conforms",
        "analytics.deviates",
        "analytics.conversion",
        "analytics.from_previous_col",
        "analytics.median",
        "analytics.what",
        "analytics.belief",
        "analytics.data",
        "analytics.no_gaps",
        "analytics.event",
        "analytics.events",
        "label.step",
    )
    return {key: ctx.labels[key] for key in keys}


def _facts(ctx: Context, measured: Measured) -> tuple[tuple[str, str], ...]:
    labels, coverage = ctx.labels, measured.map.coverage
    facts = [
        (labels["analytics.period"], period(ctx, measured) or "\u2013"),
        (labels["analytics.cases"], count(measured.map.cases, measured, ctx.labels)),
        (labels["analytics.source"], clean(measured.source)),
    ]
    if coverage.events is not None and coverage.event_names is not None:
        text = labels.format(
            "analytics.coverage_text",
            events=percent(coverage.events, ctx.labels),
            names=percent(coverage.event_names, ctx.labels),
        )
        facts.append((labels["analytics.coverage"], text))
    if measured.min_cases:
        text = labels.count("analytics.suppressed_text", measured.min_cases)
        facts.append((labels["analytics.suppression"], text))
    return tuple(facts)


def _funnel_rows(
    measured: Measured, names: dict[str, str], labels: Labels
) -> tuple[tuple[str, str, str, str, str], ...]:
    return tuple(
        (
            names.get(row.step, row.step),
            count(row.cases, measured, labels),
            share(row.conversion, measured, labels),
            share(row.from_previous, measured, labels) if index else "",
            duration(row.median_seconds) if index else "",
        )
        for index, row in enumerate(measured.map.funnel.steps)
    )


def _conformance(ctx: Context, measured: Measured) -> str:
    variants = measured.map.variants
    if variants.conformance is None:
        return ""
    return ctx.labels.format(
        "analytics.conformance_text",
        share=percent(variants.conformance, ctx.labels),
        paths=ctx.labels.count("count.paths", variants.distinct),
    )


def gaps(journey: JourneyMap, ctx: Context, measured: Measured) -> tuple[Gap, ...]:
    """Where the map and the log disagree most: declared against measured shares, declared
    edges nobody took, bound steps nobody reached, heavy transitions the map does not draw."""
    labels, names = ctx.labels, step_names(journey)
    found: list[Gap] = []
    declared = {
        (source, edge.to): edge.share
        for source, edges in transitions(journey).items()
        for edge in edges
    }
    for seen in measured.map.transitions:
        what = f"{names.get(seen.source, seen.source)} \u2192 {names.get(seen.target, seen.target)}"
        belief = declared.get((seen.source, seen.target))
        if seen.declared and belief is not None and seen.share is not None:
            data = labels.format("analytics.measured_share", share=percent(seen.share, ctx.labels))
            points = round((seen.share - belief) * 100)
            data += f" ({points:+d} pts)".replace("-", "\u2212")
            found.append(Gap(what, _declared(ctx, belief), data, abs(seen.share - belief)))
        elif not seen.declared and seen.share is not None and seen.share >= UNDRAWN_FROM:
            data = labels.format(
                "analytics.undrawn_data",
                share=percent(seen.share, ctx.labels),
                n=count(seen.cases, measured, ctx.labels),
            )
            found.append(Gap(what, labels["analytics.not_on_map"], data, seen.share))
    for edge in measured.map.unobserved:
        what = f"{names.get(edge.source, edge.source)} \u2192 {names.get(edge.target, edge.target)}"
        belief = declared.get((edge.source, edge.target))
        size = belief if belief is not None else 0.5
        found.append(Gap(what, _declared(ctx, belief), labels["flow.never"], size))
    for step_id, figures in measured.map.steps.items():
        if figures.reach == 0:
            what = names.get(step_id, step_id)
            found.append(Gap(what, labels["analytics.on_map"], labels["funnel.unreached"], 1.0))
    found.sort(key=lambda gap: (-gap.size, gap.what))
    return tuple(found)


def _declared(ctx: Context, belief: float | None) -> str:
    if belief is None:
        return ctx.labels["analytics.on_map"]
    return ctx.labels.format("analytics.declared_share", share=percent(belief, ctx.labels))


__all__ = ["Analytics", "Gap", "gaps", "lay_out_analytics", "suppressed_text"]
