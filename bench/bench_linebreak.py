"""Line breaking: our breaker against UAX #14 libraries, on the texts a render wraps.

    python bench/bench_linebreak.py [--runs 15]

Renders the 40-step benchmark map once while recording every `wrap` call of the layout,
then times those calls: ours with warm caches (as in a render) and cold; uniseg and PyICU
when installed (`pip install uniseg pyicu`; neither is a dependency), their break units
alone and with a simple greedy fill. Prints the best of `--runs` runs. docs/architecture.md
records the figures and the decision.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import journeymap.layout.context as context
from corpus import map_yaml
from journeymap.config import load_project
from journeymap.pipeline import check_file, open_session
from journeymap.rendering import Request, render_journey
from journeymap.text import breaking, measure, text_width
from journeymap.text import fill as filling
from journeymap.text import wrap as ours

Call = tuple[str, float, float, dict[str, Any]]


def recorded_calls() -> list[Call]:
    calls: list[Call] = []
    real = context.wrap

    def spy(text: str, width: float, size: float, **options: Any) -> list[str]:
        calls.append((text, width, size, options))
        return real(text, width, size, **options)

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "map.yaml"
        path.write_text(map_yaml(0, 40), encoding="utf-8")
        project, _ = load_project(path)
        journey = check_file(path, open_session(project)).journey
        assert journey is not None
        context.wrap = spy  # type: ignore[assignment]
        try:
            render_journey(journey, project, Request("grid", ("svg", "html")))
        finally:
            context.wrap = real
    return calls


def clear_caches() -> None:
    breaking.break_hints.cache_clear()
    filling._limit.cache_clear()
    for bold in (False, True):
        face = measure.face_for(bold)
        face.spaced.cache_clear()  # type: ignore[attr-defined]
        face.prefix.cache_clear()  # type: ignore[attr-defined]


def best(calls: list[Call], breaker: Callable[..., Any], runs: int, *, cold: bool = False) -> float:
    times = []
    for _ in range(runs):
        if cold:
            clear_caches()
        start = time.perf_counter()
        for text, width, size, options in calls:
            breaker(text, width, size, **options)
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def greedy(units: Callable[[str], list[str]]) -> Callable[..., list[str]]:
    """A plain greedy fill over a library's break units (no forced breaks, no ellipsis)."""

    def wrap(text: str, width: float, size: float, **options: Any) -> list[str]:
        bold, lines, line = bool(options.get("bold")), [], ""
        for paragraph in text.split("\n"):
            for unit in units(paragraph):
                if line and text_width((line + unit).rstrip(), size, bold=bold) > width:
                    lines.append(line.rstrip())
                    line = ""
                line += unit
            lines.append(line.rstrip())
            line = ""
        return lines

    return wrap


def library_breakers() -> dict[str, Callable[[str], list[str]]]:
    found: dict[str, Callable[[str], list[str]]] = {}
    try:
        from uniseg.linebreak import line_break_units

        found["uniseg"] = lambda text: list(line_break_units(text))
    except ImportError:
        pass
    try:
        import icu

        breaker = icu.BreakIterator.createLineInstance(icu.Locale.getRoot())

        def icu_units(text: str) -> list[str]:
            breaker.setText(text)
            start, out = breaker.first(), []
            for end in breaker:  # UTF-16 offsets: exact for BMP text, enough for timing
                out.append(text[start:end])
                start = end
            return out

        found["PyICU"] = icu_units
    except ImportError:
        pass
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    calls = recorded_calls()
    print(f"{len(calls)} texts, {sum(len(c[0]) for c in calls)} characters; best of {runs}:")
    print(f"  {'ours, warm caches:':<26}{best(calls, ours, runs):8.2f} ms")
    print(f"  {'ours, cold caches:':<26}{best(calls, ours, runs, cold=True):8.2f} ms")
    for name, units in library_breakers().items():
        only = best(calls, lambda text, *_, **__: units(text), runs)  # noqa: B023
        filled = best(calls, greedy(units), runs)
        print(f"  {name + ', units only:':<26}{only:8.2f} ms")
        print(f"  {name + ', greedy fill:':<26}{filled:8.2f} ms")


if __name__ == "__main__":
    main()
