"""Running Graphviz's `dot` for the flow view: bounded, quiet, and failing in one line.

dot's crossing minimisation and spline routing grow much faster than the graph: a valid map
of 100 steps with 500 long back-and-forth transitions kept dot busy for minutes, and 1,000
steps with 10,000 transitions took 2.3 GB before finishing nothing. So the graph is bounded
before dot sees it (a deterministic refusal, and memory stays in the low hundreds of MB), and
dot gets a wall-clock limit for the shapes the bound lets through. dot is run directly rather
than through the `graphviz` package, which has no timeout and copies dot's warnings to our
stderr, where they would break the one-line-per-problem contract.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from typing import Any

MAX_STEPS = 300
MAX_TRANSITIONS = 900
TIMEOUT_SECONDS = 10.0
INSTALL_HINT = (
    "the flow view needs Graphviz's `dot`: install Graphviz"
    " (apt install graphviz, brew install graphviz or choco install graphviz)"
)


class FlowUnavailable(Exception):
    """Graphviz is missing or failed; the message is one line for the user."""


def check_size(steps: int, transitions: int) -> None:
    """Refuse, before running dot, a flow too large to lay out in time (or to read)."""
    if steps > MAX_STEPS or transitions > MAX_TRANSITIONS:
        raise FlowUnavailable(
            f"the flow view is drawn for up to {MAX_STEPS} steps and {MAX_TRANSITIONS}"
            f" transitions; this map has {steps} steps and {transitions} transitions"
            " (the grid view is drawn as usual)"
        )


def run_dot(source: str) -> dict[str, Any]:
    """dot's `-Tjson0` layout of `source`, or FlowUnavailable with the reason."""
    executable = shutil.which("dot")
    if executable is None:
        raise FlowUnavailable(INSTALL_HINT)
    try:
        done = subprocess.run(
            [executable, "-Tjson0"],
            input=source.encode("utf-8"),
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise FlowUnavailable(
            f"Graphviz did not lay out the flow view within {TIMEOUT_SECONDS:.0f} s;"
            " too many transitions cross each other (the grid view is drawn as usual)"
        ) from None
    except OSError as exc:
        raise FlowUnavailable(f"Graphviz's dot could not be run: {exc.strerror}") from None
    if done.returncode != 0:
        detail = " ".join(done.stderr.decode("utf-8", "replace").split())[:200]
        detail = detail or f"dot exited with status {done.returncode}"
        raise FlowUnavailable(f"Graphviz failed to lay out the flow view: {detail}")
    result: dict[str, Any] = json.loads(done.stdout.decode("utf-8"))
    return result
