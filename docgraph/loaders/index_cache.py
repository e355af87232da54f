"""The stored entities' names and the cross-document name index, kept beside an embedded
store between builds.

An incremental build needs every stored entity's id (to tell a new entity from a stored
one) and the :class:`~docgraph.loaders.merge.NameIndex` over their names. Reading the names back
and building the index cost 1.3 s of adding ten documents to a 10,000-document store, and
grows with the store. The build that wrote the store knows both at its end, so it writes
them beside the store's files (JSON: no code runs when it is read back) with the store's
state token; the next build uses them when the token still matches, that is when nothing
wrote to the store since, and reads the store as before otherwise. Only stores that give
a token (the embedded store) keep one; with Neo4j the names are read each build.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from docgraph.graph.stores.base import GraphStore
from docgraph.loaders.gazetteer import Gazetteer
from docgraph.loaders.merge import NameIndex

__all__ = ["KeptNames", "load_kept_names", "keep_names"]

FILE = "resolution-index.json"
FORMAT = 1


@dataclass(slots=True)
class KeptNames:
    """Every stored entity's id, and the name index over them."""

    ids: list[str]
    index: NameIndex


def fingerprint(gazetteer: Gazetteer) -> str:
    """Which entity ids are gazetteer entities (the index leaves those out)."""
    return hashlib.sha256("\n".join(sorted(gazetteer.entries)).encode("utf-8")).hexdigest()


def _path(store: GraphStore) -> str | None:
    folder = getattr(store, "folder", None)
    return None if folder is None or store.state_token() is None else os.path.join(folder, FILE)


def load_kept_names(store: GraphStore, gazetteer: Gazetteer) -> KeptNames | None:
    """What the last build kept, if the store has not changed since and the gazetteer
    has the same entries; else None."""
    path = _path(store)
    if path is None:
        return None
    try:
        with open(path, "rb") as file:
            kept: dict[str, Any] = json.loads(file.read())
    except (OSError, ValueError):
        return None
    if (
        not isinstance(kept, dict)
        or kept.get("format") != FORMAT
        or kept.get("token") != store.state_token()
        or kept.get("gazetteer") != fingerprint(gazetteer)
    ):
        return None
    return KeptNames(kept["ids"], NameIndex.from_rows(kept["rows"]))


def keep_names(
    store: GraphStore, gazetteer: Gazetteer, ids: Iterable[str], index: NameIndex
) -> None:
    """Write the ids and the index beside the store, for the next build. Written to a
    new file and renamed over the old one, so a reader never sees half of it."""
    path = _path(store)
    if path is None:
        return
    kept = {
        "format": FORMAT,
        "token": store.state_token(),
        "gazetteer": fingerprint(gazetteer),
        "ids": list(ids),
        "rows": index.to_rows(),
    }
    try:
        data = json.dumps(kept, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        with open(path + ".tmp", "wb") as file:
            file.write(data)
        os.replace(path + ".tmp", path)
    except OSError:
        pass  # a store folder we cannot write beside: the next build reads the names
