"""The flow view with measures: measured shares on the arrows, declared beside measured,
arrows as wide as the cases they carried, transitions the map does not draw dashed, and
declared edges nobody took marked "never observed".

Each edge sent to dot gets an id; `EdgeLook` keeps, by that id, how it is drawn, so dot
places labels that already hold the measured text and we only add the volume band.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from journeymap.i18n import Labels
from journeymap.layout.context import Context, baseline
from journeymap.layout.measured import Measured, count, percent, suppressed_text
from journeymap.layout.scene import Element, Rect, Text, r1
from journeymap.model import Edge, Step

if TYPE_CHECKING:
    from journeymap.analytics.measures import TransitionMeasures

EdgeKind = Literal["map", "undrawn", "unobserved", "drop"]
UNDRAWN_SHOWN = 8
"""The heaviest transitions the map does not draw, shown dashed (the rest are in the HTML)."""
BAND_MIN, BAND_MAX = 3.0, 16.0
FIGURES_HEIGHT = 34.0


@dataclass(frozen=True, slots=True)
class EdgeLook:
    kind: EdgeKind
    band: float = 0.0
    """Width of the translucent band under the arrow, by the cases it carried (0: none)."""


class EdgeFigures:
    """What the measures say about each edge of one map."""

    def __init__(self, measured: Measured) -> None:
        self.measured = measured
        self.observed = {(t.source, t.target): t for t in measured.map.transitions}
        self.never = {(u.source, u.target) for u in measured.map.unobserved}
        volumes = [t.cases for t in measured.map.transitions if t.cases is not None]
        self.peak = max(volumes, default=0)

    def band(self, cases: int | None) -> float:
        if not cases or not self.peak:
            return 0.0
        return r1(BAND_MIN + (BAND_MAX - BAND_MIN) * cases / self.peak)

    def declared(self, ctx: Context, source: str, edge: Edge) -> tuple[str, EdgeLook]:
        """ "decl 50% · meas 38%" (and the edge's own label) for an edge the map draws."""
        labels = ctx.labels
        parts = []
        if edge.share is not None:
            parts.append(labels.format("flow.declared", share=percent(edge.share, labels)))
        bound = self.measured.map.steps
        if source not in bound or edge.to not in bound:  # not measured: belief only
            return " \u00b7 ".join([*parts, *([edge.label] if edge.label else [])]), EdgeLook("map")
        seen = self.observed.get((source, edge.to))
        if (source, edge.to) in self.never or seen is None:
            parts.append(labels["flow.never"])
            look = EdgeLook("unobserved")
        else:
            parts.append(labels.format("flow.measured", share=self._share(seen, labels)))
            look = EdgeLook("map", self.band(seen.cases))
        if edge.label:
            parts.append(edge.label)
        return " \u00b7 ".join(parts), look

    def undrawn(self, drawn: set[tuple[str, str]], known: set[str]) -> list[TransitionMeasures]:
        """Observed transitions the map does not draw, heaviest first."""
        found = [
            t
            for t in self.measured.map.transitions
            if (t.source, t.target) not in drawn
            and not t.declared
            and t.cases is not None
            and {t.source, t.target} <= known
        ]
        return found[:UNDRAWN_SHOWN]

    def undrawn_label(self, ctx: Context, seen: TransitionMeasures) -> tuple[str, EdgeLook]:
        text = ctx.labels.format("flow.undrawn", share=self._share(seen, ctx.labels))
        return text, EdgeLook("undrawn", self.band(seen.cases))

    def drop(self, ctx: Context, step: Step, declared: float | None) -> tuple[str, EdgeLook] | None:
        """The cases whose journey ended at a step that leads on, against a declared drop-off."""
        figures = self.measured.step(step.id)
        measured = figures.drop_off if figures is not None else None
        if figures is None or not figures.reach or not measured:
            return None
        parts = []
        if declared is not None:
            parts.append(ctx.labels.format("flow.declared", share=percent(declared, ctx.labels)))
        parts.append(
            ctx.labels.format("flow.measured", share=percent(measured / figures.reach, ctx.labels))
        )
        return " \u00b7 ".join(parts), EdgeLook("drop", self.band(measured))

    def _share(self, seen: TransitionMeasures, labels: Labels) -> str:
        if seen.share is None:
            return suppressed_text(self.measured, labels)
        return percent(seen.share, labels)


def node_figures(
    ctx: Context,
    measured: Measured,
    step_id: str,
    width: float,
    top: float,
    ends: frozenset[str] = frozenset(),
) -> list[Element]:
    """Inside a node, under its label: cases reached and their share with a thin bar, then
    the cases whose journey ended here (in red where the map leads on)."""
    colors, labels = ctx.theme.colors, ctx.labels
    state = measured.state(step_id)
    figures = measured.step(step_id)
    size = ctx.small
    lh = ctx.line_height(size)
    y = r1(baseline(top, 0, size, lh))
    if state == "unbound" or figures is None:
        return [Text(10, y, (labels["funnel.unbound"],), size, colors.muted, r1(lh), italic=True)]
    if state == "suppressed":
        text = f"{suppressed_text(measured, ctx.labels)} \u00b7 {labels['funnel.suppressed']}"
        return [Text(10, y, (text,), size, colors.muted, r1(lh), italic=True)]
    if state == "unreached":
        return [
            Text(10, y, (labels["funnel.unreached"],), size, colors.negative, r1(lh), bold=True)
        ]
    share = figures.share or 0.0
    text = labels.format(
        "flow.reach", n=count(figures.reach, measured, ctx.labels), share=percent(share, ctx.labels)
    )
    track = width - 20
    out: list[Element] = [
        Text(10, y, (text,), size, colors.text, r1(lh), css="node-reach"),
        Rect(10, r1(top + lh + 1), r1(track), 4, colors.grid, "none", 2),
        Rect(
            10, r1(top + lh + 1), r1(max(2.0, track * min(1.0, share))), 4, colors.accent, "none", 2
        ),
    ]
    if figures.drop_off and figures.reach:
        key = "funnel.ended" if step_id in ends else "funnel.left"
        left = labels.format(
            key,
            n=count(figures.drop_off, measured, ctx.labels),
            share=percent(figures.drop_off / figures.reach, ctx.labels),
        )
        color = colors.muted if step_id in ends else colors.pain_text
        out.append(
            Text(
                10,
                r1(y + lh + 7),
                (left,),
                size,
                color,
                r1(lh),
                bold=step_id not in ends,
                css="node-left",
            )
        )
    return out
