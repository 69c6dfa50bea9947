"""Which tokens name the same thing: the scope rules behind definition, references and rename.

Ids of steps, stages, pain points, opportunities and blueprint items are unique within
their kind and map (JM319); a pain point's id is also named by the `resolves` of maps
`based_on` its map; a persona id is project-wide.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from journeymap.config import real_path
from journeymap.lsp.symbols import Token
from journeymap.lsp.workspace import Document, Store

Located = tuple[Document, Token]
_PERSONA_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def based_on(document: Document, store: Store) -> Path | None:
    token = next((t for t in document.index.tokens if t.kind == "file"), None)
    return _inside(store, document, document.path.parent / token.name) if token else None


def _inside(store: Store, document: Document, path: Path) -> Path | None:
    """A referenced file, only when it lies inside the project root: the server reads no
    file that `validate` would refuse to read (JM202)."""
    target = real_path(path)
    root = store.project(document.path)[0].root
    return target if target.is_relative_to(real_path(root)) else None


def persona_file(store: Store, document: Document, token: Token) -> Path | None:
    """The persona file a persona token names, found as the resolver finds it: an id is a
    file name in the project's personas directory, anything else a path from this file."""
    if token.defines:
        return real_path(document.path)
    if _PERSONA_ID.match(token.name):
        project, _ = store.project(document.path)
        folder = project.root / project.personas_dir
        found = [folder / f"{token.name}{ext}" for ext in (".yaml", ".yml")]
        return next((_inside(store, document, c) for c in found if c.exists()), None)
    return _inside(store, document, document.path.parent / token.name)


def definitions(store: Store, document: Document, token: Token) -> list[Located]:
    if token.kind == "persona":
        path = persona_file(store, document, token)
        persona = store.document(path) if path else None
        return [(persona, t) for t in persona.index.definitions("persona")] if persona else []
    if token.kind == "file":
        path = based_on(document, store)
        target = store.document(path) if path else None
        return [(target, t) for t in target.index.definitions("map")] if target else []
    home = _home(store, document, token)
    if home is None:
        return []
    return [(home, t) for t in home.index.tokens if t.defines and _same(token, t)]


def references(store: Store, document: Document, token: Token) -> list[Located]:
    """Every token, definitions included, that names what `token` names."""
    if token.kind == "persona":
        target = persona_file(store, document, token)
        return [
            (d, t)
            for d, t in project_tokens(store, document, "persona")
            if target is not None and persona_file(store, d, t) == target
        ]
    home = _home(store, document, token)
    if home is None or token.kind == "file":
        return []
    found = [(home, t) for t in home.index.tokens if _same(token, t) and not t.foreign]
    if token.kind == "pain":
        found += [(d, t) for d, t in _foreign_pains(store, home) if t.name == token.name]
    return found


def project_tokens(store: Store, document: Document, kind: str) -> Iterator[Located]:
    project, _ = store.project(document.path)
    for other in store.project_documents(project):
        yield from ((other, t) for t in other.index.tokens if t.kind == kind)


def _home(store: Store, document: Document, token: Token) -> Document | None:
    """The map that defines what `token` names (the based_on map for a `resolves` id)."""
    if not token.foreign:
        return document
    target = based_on(document, store)
    return store.document(target) if target else None


def _same(token: Token, other: Token) -> bool:
    return other.name == token.name and other.kind == token.kind


def _foreign_pains(store: Store, home: Document) -> Iterator[Located]:
    """The `resolves` ids of the project's maps based_on `home`."""
    target = real_path(home.path)
    for document, token in project_tokens(store, home, "pain"):
        if token.foreign and based_on(document, store) == target:
            yield document, token
