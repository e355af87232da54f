"""docgraph: documents in, a knowledge graph out: queried with Cypher, analysed with NetworkX,
looked at with Pyvis, stored embedded or in Neo4j.

    >>> import docgraph
    >>> sorted(docgraph.__all__)[:3]
    ['AuthenticationError', 'BuildReport', 'DocgraphError']
"""

import importlib
from typing import Any

from docgraph.api import BuildReport, Graph, build, open
from docgraph.errors import (
    AuthenticationError,
    DocgraphError,
    ExtractionError,
    InputError,
    QueryError,
    SchemaError,
    StoreError,
    StoreUnavailable,
)

__version__ = "0.1.0"

__all__ = [
    "AuthenticationError",
    "BuildReport",
    "DocgraphError",
    "ExtractionError",
    "Graph",
    "InputError",
    "QueryError",
    "SchemaError",
    "StoreError",
    "StoreUnavailable",
    "build",
    "open",
]

#: submodules reachable as attributes (``docgraph.analysis.centrality(…)``), imported on
#: first use so that ``import docgraph`` stays fast (spaCy and Pyvis load only when needed)
_SUBMODULES = frozenset({"analysis", "export", "graph", "loaders", "queries", "views"})


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:
        return importlib.import_module(f"docgraph.{name}")
    raise AttributeError(f"module 'docgraph' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_SUBMODULES})
