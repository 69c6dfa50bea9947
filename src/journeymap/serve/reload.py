"""What the server changes in a page it serves: one reload script, its CSP, the problems.

The built pages forbid every request and every script but their own, named by hash, and stay
that way on disk. Only the copy sent to the browser gets the reload script, and its
Content-Security-Policy is loosened by exactly that script's hash and `connect-src 'self'`
(for the event stream), nothing more. The problems banner sits in the page's flow, above
its navigation, so it never covers it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from journeymap.render.scripts import NAMES, digest, hash_source, policy

EVENTS_PATH = "/__journeymap/events"

# Reloads when the server's build generation differs from the one the page was served at.
# It is static, so its hash can go into the policy; the generation travels in an attribute.
SCRIPT = (
    "(function () {"
    ' "use strict";'
    ' var served = document.currentScript.getAttribute("data-generation");'
    f' var events = new EventSource("{EVENTS_PATH}");'
    " events.onmessage = function (event) {"
    " if (event.data !== served) { events.close(); location.reload(); }"
    " };"
    "})();"
)
SCRIPT_SOURCE = hash_source(SCRIPT)

# The policy of the built pages; served with every file as a header too.
BASE_POLICY = policy(images="'self' data:")
# The header sent with a page: the built pages' own scripts (each page's meta names its own).
PAGE_SCRIPTS = "script-src " + " ".join(digest(name) for name in NAMES)
_REPLACED = frozenset({"script-src", "script-src-elem", "connect-src"})
_HASH = re.compile(r"'sha(?:256|384|512)-[A-Za-z0-9+/=]+'")

_META = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
_CSP_EQUIV = re.compile(
    r"""\bhttp-equiv\s*=\s*(["']?)content-security-policy\1(?=[\s/>])""", re.IGNORECASE
)
_CONTENT = re.compile(r"""(\bcontent\s*=\s*)(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_BODY = re.compile(r"<body\b[^>]*>", re.IGNORECASE)

_BANNER_STYLE = (
    "position:relative;z-index:2147483647;max-height:45vh;overflow:auto;"
    "margin:0;padding:10px 16px;background:#7a1d1d;color:#fff;"
    "font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;"
    "box-shadow:0 2px 8px rgba(0,0,0,.35)"
)


def rewrite_policy(policy: str) -> str:
    """The policy with the reload script and the event stream allowed, everything else kept:
    the page's own scripts stay allowed by their hashes, and only by them."""
    directives = [part.strip() for part in policy.split(";") if part.strip()]
    kept = [d for d in directives if d.split()[0].lower() not in _REPLACED]
    hashes = [
        h
        for d in directives
        if d.split()[0].lower() == "script-src"
        for h in _HASH.findall(d)
        if h != SCRIPT_SOURCE
    ]
    scripts = " ".join([*dict.fromkeys(hashes), SCRIPT_SOURCE])
    return "; ".join([*kept, f"script-src {scripts}", "connect-src 'self'"])


def served_page(page: str, *, generation: str, problems: Sequence[str]) -> str:
    """The page as the browser gets it: policy rewritten, problems shown, script added."""
    page = _META.sub(_rewrite_meta, page)
    if problems:
        page = _after_body(page, banner(problems))
    return _before_body_end(page, script_tag(generation))


def banner(problems: Sequence[str]) -> str:
    """The problems of the last build over the page, each line escaped."""
    items = "".join(f"<li>{html.escape(problem)}</li>" for problem in problems)
    return (
        f'<div id="journeymap-problems" role="alert" tabindex="0" style="{_BANNER_STYLE}">'
        "<strong>journeymap: the last build has errors;"
        " maps with errors show their last good version.</strong>"
        f'<ul style="margin:6px 0 0;padding-left:20px">{items}</ul></div>'
    )


def script_tag(generation: str) -> str:
    return f'<script data-generation="{html.escape(generation)}">{SCRIPT}</script>'


def not_found_page(path: str) -> str:
    """A 404 that still reloads: a map with errors on its first build appears once fixed."""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{BASE_POLICY}">\n'
        "<title>Not found</title>\n</head>\n<body>\n"
        f"<h1>Not found</h1>\n<p>{html.escape(path)} is not in the site.</p>\n"
        '<p><a href="/index.html">All maps</a></p>\n</body>\n</html>\n'
    )


def _rewrite_meta(match: re.Match[str]) -> str:
    tag = match.group(0)
    if not _CSP_EQUIV.search(tag):
        return tag
    content = _CONTENT.search(tag)
    if content is None:
        return tag
    value = content.group(2) if content.group(2) is not None else content.group(3)
    policy = rewrite_policy(html.unescape(value))
    escaped = html.escape(policy, quote=False).replace('"', "&quot;")
    attribute = f'{content.group(1)}"{escaped}"'
    return tag[: content.start()] + attribute + tag[content.end() :]


def _after_body(page: str, fragment: str) -> str:
    body = _BODY.search(page)
    if body is None:
        return fragment + page
    return page[: body.end()] + fragment + page[body.end() :]


def _before_body_end(page: str, fragment: str) -> str:
    end = page.lower().rfind("</body>")
    if end < 0:
        return page + fragment
    return page[:end] + fragment + page[end:]
