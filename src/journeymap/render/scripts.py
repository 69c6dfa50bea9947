"""The pages' few scripts: static files, inlined whole and allowed by their hash alone.

A page's Content-Security-Policy names exactly the hashes of the scripts it carries, so no
other script (injected markup, a map's text) can ever run. The scripts read geometry from
the page (sizes, scroll offsets, data attributes holding numbers or codes), never map text.
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache
from importlib import resources

from markupsafe import Markup

NAMES = ("mapview", "backlog")


@cache
def source(name: str) -> str:
    if name not in NAMES:
        raise KeyError(name)
    return (
        resources.files("journeymap.render")
        .joinpath("templates", f"{name}.js")
        .read_text(encoding="utf-8")
    )


def digest(name: str) -> str:
    """The CSP source for the script, `'sha256-…'`."""
    return hash_source(source(name))


def hash_source(script: str) -> str:
    """The CSP source that allows exactly this inline script: `'sha256-…'`."""
    hashed = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(hashed).decode("ascii") + "'"


def script_tag(name: str) -> Markup:
    return Markup(f"<script>{source(name)}</script>")


def policy(*names: str, images: str = "data:") -> str:
    """The strict policy of a built page, its scripts allowed by hash."""
    scripts = f" script-src {' '.join(digest(n) for n in names)};" if names else ""
    return (
        f"default-src 'none'; style-src 'unsafe-inline'; img-src {images};{scripts}"
        " base-uri 'none'; form-action 'none'"
    )
