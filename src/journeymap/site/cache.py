"""The build cache: what each map was built from, so an unchanged map is not built again.

A map's digest covers the tool, the project file, the map and every file it references
(persona files, `based_on` maps and theirs). The cache lives inside the site directory, so
deleting the site deletes the cache with it and the two can never disagree.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import journeymap

CACHE_FILE = ".journeymap/cache.json"
_FORMAT = 1


@dataclass
class Entry:
    """One map's last build: its digest, the files it read and wrote, what the pages need."""

    digest: str
    deps: list[str]
    outputs: list[str]
    summary: dict[str, Any] | None
    diagnostics: list[dict[str, Any]] = field(default_factory=list)
    kind: str | None = None
    map_id: str | None = None
    id_position: list[int] | None = None


@dataclass
class Cache:
    key: str
    entries: dict[str, Entry] = field(default_factory=dict)


def tool_fingerprint() -> str:
    """The version, plus size and mtime of every package file, so an edited checkout counts."""
    package = Path(journeymap.__file__).parent
    digest = hashlib.sha256(journeymap.__version__.encode())
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".json", ".j2") and "__pycache__" not in path.parts:
            stat = path.stat()
            digest.update(
                f"{path.relative_to(package)}:{stat.st_size}:{stat.st_mtime_ns};".encode()
            )
    return digest.hexdigest()


def load(site: Path, key: str) -> Cache:
    """The cache of the last build, or an empty one when the key or the format changed."""
    try:
        data = json.loads((site / CACHE_FILE).read_text(encoding="utf-8"))
        if data.get("format") != _FORMAT or data.get("key") != key:
            return Cache(key)
        return Cache(key, {path: Entry(**entry) for path, entry in data["maps"].items()})
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return Cache(key)


def dumps(cache: Cache) -> bytes:
    """The cache file's bytes: the same cache gives the same bytes, so it is rewritten only
    when something changed."""
    maps = {path: vars(entry) for path, entry in sorted(cache.entries.items())}
    payload = {"format": _FORMAT, "key": cache.key, "maps": maps}
    return json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")


class Digests:
    """Content digests of input files, each file read once per build."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.known: dict[str, str] = {}

    def of(self, relative: str) -> str:
        if relative not in self.known:
            self.known[relative] = hashlib.sha256(_content(self.root / relative)).hexdigest()
        return self.known[relative]

    def of_map(self, relative: str, deps: list[str]) -> str:
        digest = hashlib.sha256()
        for name in (relative, *sorted(deps)):
            digest.update(f"{name}\0{self.of(name)}\0".encode())
        return digest.hexdigest()


def _content(path: Path) -> bytes:
    """A regular file's bytes; a FIFO or device is never opened (reading one would hang)."""
    try:
        if stat.S_ISREG(path.stat().st_mode):
            return path.read_bytes()
        return b"\0not a regular file"
    except OSError:
        return b"\0missing"


def config_key(config: Path | None, measures: Path | None = None) -> str:
    """The cache key of everything all maps share: the tool, the project file and the
    measures file drawn over the maps (new measures redraw every map they may measure)."""
    text = b""
    if config is not None:
        with contextlib.suppress(OSError):
            text = config.read_bytes()
    drawn = _content(measures) if measures is not None else b""
    return hashlib.sha256(tool_fingerprint().encode() + b"\0" + text + b"\0" + drawn).hexdigest()
