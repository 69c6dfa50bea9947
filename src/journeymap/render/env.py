"""The jinja2 environment for every template, autoescaping on, created once per process.

Every `{{ value }}` is cleaned by the character policy before it is escaped (`finalize`), so
no template can emit a bidi override or an invisible character, whatever it is given; user
text in HTML goes through the `user` filter, which also isolates it (`<bdi>`) and turns
U+200B into `<wbr>`.

Compiled templates are kept between runs in the user's cache directory: compiling them is
a tenth of a whole `journeymap render`. A cache that cannot be written is simply not used.
"""

from __future__ import annotations

import contextlib
import os
from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from journeymap.text.clean import ZWSP, clean_text, plain_text

_SETTINGS_SALT = "\n{# finalize=plain_text #}"


class _QuietBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Keyed on the environment's settings too: `finalize` is compiled into the bytecode, so
    code cached before it existed must never be loaded."""

    def get_source_checksum(self, source: str) -> str:
        return super().get_source_checksum(source + _SETTINGS_SALT)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    directory = Path(base) / "journeymap" / "templates"
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _QuietBytecodeCache(str(directory))


def user_html(value: object) -> Markup:
    """User text for HTML: clean, escaped, isolated from its neighbours; a line break (U+2028
    and U+2029 are ones) as `<br>`, as in the pictures; U+200B as `<wbr>`."""
    text = str(escape(clean_text(str(value))))
    if "\n" in text:
        text = text.strip("\n").replace("\n", "<br>")
    if ZWSP in text:
        text = text.replace(ZWSP, "<wbr>")
    return Markup(f"<bdi>{text}</bdi>")


def _finalize(value: object) -> object:
    """Plain text from any `{{ }}`: Markup was made safe by whoever made it."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return plain_text(value)
    return value


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("journeymap.render", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        bytecode_cache=_bytecode_cache(),
        finalize=_finalize,
    )
    env.filters["user"] = user_html
    return env
