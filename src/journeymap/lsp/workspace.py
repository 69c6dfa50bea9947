"""The document store: open documents (the editor's text), the project's other files (from
disk, cached by modification time), and each project's journeymap.toml.

Every file is parsed by the pipeline's own loader, so a position here is a position there.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pygls.uris import from_fs_path, to_fs_path

from journeymap.config import CONFIG_NAME, Project, find_root, load_project, real_path
from journeymap.diagnostics import Diagnostic
from journeymap.lsp.positions import LineIndex
from journeymap.lsp.symbols import Index, index_of
from journeymap.scan import scan
from journeymap.source import MAX_FILE_BYTES, Source, load_source, parse_text

MAX_PROJECT_FILES = 2000
"""A workspace scan stops here, so a map opened in a huge folder cannot stall the server."""


@dataclass
class Document:
    uri: str
    path: Path
    text: str
    version: int | None = None
    source: Source | None = None
    """The parsed text; None while it does not parse (half-typed YAML) or is too large."""
    index: Index = field(default_factory=Index)
    """Ids of the last text that parsed, so completion works while the YAML is broken."""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    """The pipeline's diagnostics of the last check (code actions are built from them)."""
    checked: bool = False
    """Whether `diagnostics` are those of this text (a check runs after a debounce)."""
    depends_on: frozenset[Path] = frozenset()

    encoding: str = "utf-16"

    def __post_init__(self) -> None:
        self.lines = LineIndex(self.text, self.encoding)

    @property
    def is_map(self) -> bool:
        """A journey map or persona file: a mapping with `journeymap` or `kind` (other YAML
        files in the folder, a CI workflow say, are left alone)."""
        data = self.source.data if self.source else None
        return isinstance(data, dict) and ("journeymap" in data or "kind" in data)


def parsed(path: Path, text: str, display: str) -> Source | None:
    if len(text) > MAX_FILE_BYTES or len(text.encode("utf-8", "surrogatepass")) > MAX_FILE_BYTES:
        return None
    source = parse_text(text, display)
    if isinstance(source, Diagnostic):
        return None
    source.path = path
    return source


class Store:
    def __init__(self) -> None:
        self.open: dict[str, Document] = {}
        self._disk: dict[Path, tuple[tuple[int, int], Document]] = {}
        self._projects: dict[Path, tuple[tuple[int, int] | None, Project, list[Diagnostic]]] = {}
        self.encoding = "utf-16"
        """The position encoding agreed with the client."""

    @staticmethod
    def path_of(uri: str) -> Path:
        return Path(to_fs_path(uri) or uri)

    def update(self, uri: str, text: str, version: int | None) -> Document:
        path = self.path_of(uri)
        previous = self.open.get(uri)
        document = Document(uri, path, text, version, encoding=self.encoding)
        self._parse(document)
        if document.source is None and previous is not None:
            document.index = previous.index
        self.open[uri] = document
        return document

    def close(self, uri: str) -> None:
        self.open.pop(uri, None)

    def get(self, uri: str) -> Document | None:
        return self.open.get(uri)

    def _parse(self, document: Document) -> None:
        display = self.project(document.path)[0].display(document.path)
        document.source = parsed(document.path, document.text, display)
        if document.source is not None:
            document.index = index_of(document.source.root)

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
        project = self.project(path)[0]
        source = load_source(path, project.display(path))
        text = source.text if isinstance(source, Source) else ""
        document = Document(
            uri,
            path,
            text,
            source=source if isinstance(source, Source) else None,
            encoding=self.encoding,
        )
        if document.source is not None:
            document.index = index_of(document.source.root)
        self._disk[path] = (stamp, document)
        return document

    def project_documents(self, project: Project) -> Iterator[Document]:
        """Every map and persona file of the project (open documents as the editor has them)."""
        seen: set[Path] = set()
        for path in project_files(project)[:MAX_PROJECT_FILES]:
            seen.add(real_path(path))
            document = self.document(path)
            if document is not None and document.is_map:
                yield document
        for document in list(self.open.values()):
            inside = real_path(document.path).is_relative_to(project.root)
            if inside and real_path(document.path) not in seen and document.is_map:
                yield document


def project_files(project: Project) -> list[Path]:
    return scan(project.root, project.root).paths()


def _stamp(path: Path | None) -> tuple[int, int] | None:
    if path is None:
        return None
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size
