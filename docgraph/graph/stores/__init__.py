"""Stores: where a graph lives. Only this package imports kglite or neo4j."""

from __future__ import annotations

import os
from pathlib import Path

from docgraph.graph.stores.base import GraphStore, WriteSummary

__all__ = ["DEFAULT_STORE", "GraphStore", "WriteSummary", "open_store"]

#: The embedded store's default folder, relative to the working directory.
DEFAULT_STORE = "docgraph-store"


def open_store(
    location: str | Path | None = None,
    *,
    create: bool = True,
    database: str | None = None,
    username: str | None = None,
    password: str | None = None,
    allow_file_access: bool = False,
) -> GraphStore:
    """Open the store at ``location``: a ``bolt://``/``neo4j://`` URI or a folder.

    With no location, ``DOCGRAPH_STORE`` or ``./docgraph-store`` is used.
    ``allow_file_access`` lets read-only queries use ``LOAD CSV`` (refused by default:
    it reads files on the machine running the query).
    """
    location = str(location or os.environ.get("DOCGRAPH_STORE") or DEFAULT_STORE)
    if "://" in location:
        from docgraph.graph.stores.neo4j_store import Neo4jStore

        return Neo4jStore(
            location,
            database=database,
            username=username,
            password=password,
            allow_file_access=allow_file_access,
        )
    from docgraph.graph.stores.kglite_store import KgliteStore

    return KgliteStore(Path(location), create=create, allow_file_access=allow_file_access)
