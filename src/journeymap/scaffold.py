"""`journeymap init`: a valid, commented map of each kind to start from."""

from __future__ import annotations

import json
import os
import re
import unicodedata
from importlib import resources
from pathlib import Path

import jinja2

from journeymap.config import find_root
from journeymap.output import write_atomic
from journeymap.schema import SCHEMA_FILE, schema_text


class ScaffoldError(Exception):
    pass


def slug(text: str) -> str:
    """An ASCII kebab-case id from any label; scripts without a Latin form fall back to `map`."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80].strip("-") or "map"


def scaffold(name: str, *, kind: str, locale: str, force: bool) -> list[Path]:
    target = Path(name if name.endswith((".yaml", ".yml")) else f"{name}.yaml")
    if not re.fullmatch(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*", locale):
        raise ScaffoldError(f"{locale!r} is not a language tag such as en, hu or zh-TW")
    if target.exists() and not force:
        raise ScaffoldError(f"{target} already exists (use --force to overwrite)")
    if not target.parent.is_dir():
        raise ScaffoldError(f"directory {target.parent} does not exist")
    root = find_root(target.parent) or target.parent.resolve()
    schema_path = root / "schemas" / SCHEMA_FILE
    written = []
    if not schema_path.exists():
        write_atomic(schema_path, schema_text())
        written.append(schema_path)
    stem = target.stem
    text = _template(kind).render(
        id=slug(stem),
        title=json.dumps(_title(stem), ensure_ascii=False),
        locale=locale,
        file=target.name,
        schema=Path(os.path.relpath(schema_path, target.parent.resolve())).as_posix(),
    )
    write_atomic(target, text)
    return [*written, target]


def _title(stem: str) -> str:
    words = " ".join(stem.replace("-", " ").replace("_", " ").split())
    return (words[:1].upper() + words[1:])[:200] or "Journey"


def _template(kind: str) -> jinja2.Template:
    source = resources.files("journeymap").joinpath("templates", "init", f"{kind}.yaml")
    environment = jinja2.Environment(autoescape=False, keep_trailing_newline=True)
    return environment.from_string(source.read_text("utf-8"))
