"""The measures as text, Markdown or CSV for people and spreadsheets (JSON is `dumps`).

Every format shows the same figures; suppressed ones read `<min` in text and Markdown and
are empty in CSV. CSV is one tidy table: map, section, step, to, metric, value.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence

from journeymap.analytics.measures import MapMeasures, Measures, dumps
from journeymap.diagnostics import printable
from journeymap.i18n.english import counted

Row = Sequence[str]


def render_measures(measures: Measures, output_format: str) -> str:
    if output_format == "json":
        return dumps(measures)
    if output_format == "csv":
        return _csv(measures)
    return "\n".join(_document(measures, markdown=output_format == "md")) + "\n"


def _count(value: int | None) -> str:
    return "<min" if value is None else f"{value:,}"


def _share(value: float | None) -> str:
    return "-" if value is None else f"{value * 100:.1f}%"


def _seconds(value: float | None) -> str:
    if value is None:
        return "-"
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if value >= size:
            return f"{value / size:.1f}".removesuffix(".0") + unit
    return f"{value:.0f}s"


def _document(measures: Measures, *, markdown: bool) -> Iterator[str]:
    s = measures.settings
    yield f"{'# ' if markdown else ''}Measures of {printable(measures.source.name)}"
    yield ""
    yield (
        f"{counted(measures.events, 'event', 'events')}, {measures.period.first} to"
        f" {measures.period.last}; "
        f"case {s.case}, event {s.event}, time {s.time}; window {_seconds(s.window_seconds)}, "
        f"groups under {counted(s.min_cases, 'case', 'cases')} suppressed"
    )
    for map_id, journey in measures.maps.items():
        yield ""
        yield from _map(map_id, journey, markdown)


def _map(map_id: str, m: MapMeasures, markdown: bool) -> Iterator[str]:
    yield f"{'## ' if markdown else ''}{map_id} ({m.path})"
    yield ""
    yield (
        f"{counted(m.cases, 'case', 'cases')}, {counted(m.events, 'event', 'events')} claimed;"
        f" coverage {_share(m.coverage.events)}"
        f" of events, {_share(m.coverage.event_names)} of event names"
    )
    steps = [
        (step, _count(x.reach), _share(x.share), _count(x.starts), _count(x.drop_off),
         _seconds(x.time_to_next.median), _seconds(x.time_to_next.p90))
        for step, x in m.steps.items()
    ]  # fmt: skip
    header = ("step", "reach", "share", "starts", "drop-off", "median to next", "p90")
    yield from _table("Steps", header, steps, markdown)
    moves = [
        (t.source, t.target, _count(t.cases), _share(t.share), _share(t.declared_share),
         "yes" if t.declared else "NOT DRAWN")
        for t in m.transitions
    ]  # fmt: skip
    yield from _table(
        "Transitions", ("from", "to", "cases", "share", "declared", "on the map"), moves, markdown
    )
    funnel = [
        (f.step, _count(f.cases), _share(f.conversion), _share(f.from_previous),
         _seconds(f.median_seconds))
        for f in m.funnel.steps
    ]  # fmt: skip
    yield from _table(
        "Funnel", ("step", "cases", "conversion", "from previous", "median time"), funnel, markdown
    )
    variants = [
        (" > ".join(v.path), _count(v.cases), _share(v.share), "yes" if v.conforms else "no")
        for v in m.variants.top
    ]
    title = (
        f"Variants ({m.variants.distinct:,} distinct, conformance {_share(m.variants.conformance)})"
    )
    yield from _table(title, ("path", "cases", "share", "conforms"), variants, markdown)
    unclaimed = [(printable(u.name), _count(u.events)) for u in m.coverage.top_unclaimed]
    yield from _table("Unclaimed events", ("event", "events"), unclaimed, markdown)


def _table(title: str, header: Row, rows: Sequence[Row], markdown: bool) -> Iterator[str]:
    yield ""
    yield f"{'### ' if markdown else ''}{title}"
    if not rows:
        yield "(none)"
        return
    if markdown:
        yield "| " + " | ".join(header) + " |"
        yield "|" + "---|" * len(header)
        for row in rows:
            yield "| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |"
        return
    widths = [max(len(str(r[i])) for r in (header, *rows)) for i in range(len(header))]
    for row in (header, *rows):
        yield (
            "  "
            + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        )


def _csv(measures: Measures) -> str:
    from journeymap.interchange.csv_format import guard  # only CSV needs it (keeps start quick)

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(("map", "section", "step", "to", "metric", "value"))
    for map_id, m in measures.maps.items():
        for row in _csv_rows(m):
            writer.writerow([guard(c) if isinstance(c, str) else c for c in (map_id, *row)])
    return buffer.getvalue()


def _csv_rows(m: MapMeasures) -> Iterator[tuple[str, str, str, str, object]]:
    yield ("map", "", "", "cases", m.cases)
    yield ("map", "", "", "events", m.events)
    for step, x in m.steps.items():
        for metric in ("reach", "share", "occurrences", "starts", "ends", "drop_off"):
            yield ("step", step, "", metric, _cell(getattr(x, metric)))
        yield ("step", step, "", "median_to_next", _cell(x.time_to_next.median))
        yield ("step", step, "", "p90_to_next", _cell(x.time_to_next.p90))
    for t in m.transitions:
        for metric in ("cases", "occurrences", "share", "declared", "declared_share"):
            yield ("transition", t.source, t.target, metric, _cell(getattr(t, metric)))
    for loop in m.self_loops:
        yield ("self_loop", loop.step, "", "cases", _cell(loop.cases))
    for f in m.funnel.steps:
        for metric in ("cases", "conversion", "from_previous", "median_seconds"):
            yield ("funnel", f.step, "", metric, _cell(getattr(f, metric)))
    for v in m.variants.top:
        yield ("variant", " > ".join(v.path), "", "cases", v.cases)
    yield ("coverage", "", "", "events", _cell(m.coverage.events))
    yield ("coverage", "", "", "event_names", _cell(m.coverage.event_names))
    for u in m.coverage.top_unclaimed:
        yield ("unclaimed", u.name, "", "events", u.events)


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.6f}".rstrip("0").rstrip(".")
    return value
