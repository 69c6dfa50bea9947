"""The document store: open documents (the editor's text), the project's other files (from
disk, cached by modification time), and each project's journeymap.toml.

Every file is parsed by the pipeline's own loader, so a position here is a position there.
"""

from __future__ import annotations

import functools
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pygls.uris import from_fs_path, to_fs_path

from journeymap.config import (
    CONFIG_NAME,
    Project,
    find_root,
    inside,
    load_project,
    real_path,
)
from journeymap.diagnostics import Diagnostic
from journeymap.lsp.positions import LineIndex
from journeymap.lsp.symbols import Index, index_of
from journeymap.scan import MAP_SUFFIXES, scan
from journeymap.source import MAX_FILE_BYTES, Source, load_source, parse_text

SCAN_SECONDS = 2.0
MAX_PROJECT_FILES = 2000
"""A workspace scan stops here, so a map opened in a huge folder cannot stall the server."""


@dataclass(eq=False)
class Document:
    """One file's text. It is parsed on first use, not on every keystroke: the debounced
    check and the requests that need ids parse it, once per version."""

    uri: str
    path: Path
    text: str
    version: int | None = None
    display: str = ""
    encoding: str = "utf-16"
    fallback: Document | None = None
    """The last version that parsed: its ids serve completion while the YAML is broken."""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    """The pipeline's diagnostics of the last check (code actions are built from them)."""
    checked: bool = False
    """Whether `diagnostics` are those of this text (a check runs after a debounce)."""
    depends_on: frozenset[Path] = frozenset()
    _parsed: Source | Diagnostic | None = field(default=None, repr=False)

    @functools.cached_property
    def lines(self) -> LineIndex:
        return LineIndex(self.text, self.encoding)

    def parsed(self) -> Source | Diagnostic | None:
        """The loader's result: a Source, its one diagnostic, or None when too large."""
        if self._parsed is None and not _too_large(self.text):
            self._parsed = parse_text(self.text, self.display or str(self.path))
            if isinstance(self._parsed, Source):
                self._parsed.path = self.path
        return self._parsed

    @property
    def source(self) -> Source | None:
        """The parsed text; None while it does not parse (half-typed YAML) or is too large."""
        result = self.parsed()
        return result if isinstance(result, Source) else None

    @functools.cached_property
    def index(self) -> Index:
        source = self.source
        if source is not None:
            return index_of(source.root)
        return self.fallback.index if self.fallback is not None else Index()

    @property
    def is_map(self) -> bool:
        """A journey map or persona file: a mapping with `journeymap` or `kind` (other YAML
        files in the folder, a CI workflow say, are left alone)."""
        data = self.source.data if self.source else None
        return isinstance(data, dict) and ("journeymap" in data or "kind" in data)


def _too_large(text: str) -> bool:
    if len(text) * 4 <= MAX_FILE_BYTES:
        return False
    return len(text) > MAX_FILE_BYTES or len(text.encode("utf-8", "surrogatepass")) > MAX_FILE_BYTES


class Store:
    def __init__(self) -> None:
        self.open: dict[str, Document] = {}
        self._disk: dict[Path, tuple[tuple[int, int], Document]] = {}
        self._projects: dict[Path, tuple[tuple[int, int] | None, Project, list[Diagnostic]]] = {}
        self.encoding = "utf-16"
        """The position encoding agreed with the client."""
        self._files: dict[Path, tuple[float, list[Path]]] = {}
        self.last_uri: str | None = None
        """The document opened or changed last (the preview's default)."""

    @staticmethod
    def path_of(uri: str) -> Path:
        return Path(to_fs_path(uri) or uri)

    def update(self, uri: str, text: str, version: int | None) -> Document:
        path = self.path_of(uri)
        previous = self.open.get(uri)
        fallback = None
        if previous is not None:  # never parse an older version just for this
            parsed = isinstance(previous._parsed, Source)
            fallback = previous if parsed else previous.fallback
            previous.fallback = None  # keep one older version alive, not a chain
        display = self.project(path)[0].display(path)
        document = Document(uri, path, text, version, display, self.encoding, fallback)
        self.open[uri] = document
        self.last_uri = uri
        return document

    def close(self, uri: str) -> None:
        self.open.pop(uri, None)

    def get(self, uri: str) -> Document | None:
        return self.open.get(uri)

    def project(self, path: Path) -> tuple[Project, list[Diagnostic]]:
        """The project of a file, read again when its journeymap.toml changes."""
        directory = real_path(path).parent
        root = find_root(directory) or directory
        cached = self._projects.get(root)
        if cached is None or cached[0] != _stamp(root / CONFIG_NAME):
            project, problems = load_project(directory)
            cached = (_stamp(root / CONFIG_NAME), project, problems)
            self._projects[root] = cached
        return cached[1], cached[2]

    def document(self, path: Path) -> Document | None:
        """A file of the project as the editor has it: the open text, else the saved file."""
        uri = from_fs_path(str(path)) or str(path)
        if uri in self.open:
            return self.open[uri]
        stamp = _stamp(path)
        if stamp is None:
            return None
        cached = self._disk.get(path)
        if cached and cached[0] == stamp:
            return cached[1]
        display = self.project(path)[0].display(path)
        source = load_source(path, display)
        text = source.text if isinstance(source, Source) else ""
        document = Document(uri, path, text, display=display, encoding=self.encoding)
        document._parsed = source
        self._disk[path] = (stamp, document)
        return document

    def project_files(self, project: Project) -> list[Path]:
        """The project's YAML files, scanned again after `SCAN_SECONDS` (a check runs on
        every pause in typing; a new file appears within seconds)."""
        now = time.monotonic()
        cached = self._files.get(project.root)
        if cached is None or now - cached[0] > SCAN_SECONDS:
            cached = self._files[project.root] = (now, _files_of(project))
        return cached[1]

    def project_documents(self, project: Project) -> Iterator[Document]:
        """Every map and persona file of the project (open documents as the editor has them)."""
        seen: set[Path] = set()
        for path in self.project_files(project)[:MAX_PROJECT_FILES]:
            seen.add(real_path(path))
            document = self.document(path)
            if document is not None and document.is_map:
                yield document
        for document in list(self.open.values()):
            inside = real_path(document.path).is_relative_to(project.root)
            if inside and real_path(document.path) not in seen and document.is_map:
                yield document


def _files_of(project: Project) -> list[Path]:
    """A project's files; without a journeymap.toml the "project" is the map's own folder,
    not everything below it (a map opened in a home folder must not walk the disk)."""
    if project.config_path is not None:
        return scan(project.root, project.root).paths()
    try:
        names = sorted(project.root.iterdir())
    except OSError:
        return []
    found = (p for p in names if p.suffix in MAP_SUFFIXES)
    return [p for p in found if p.is_file() and inside(p, project.root)][:MAX_PROJECT_FILES]


def _stamp(path: Path | None) -> tuple[int, int] | None:
    if path is None:
        return None
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size
