"""docgraph: documents in, a knowledge graph out: queried with Cypher, analysed with NetworkX,
looked at with Pyvis, stored embedded or in Neo4j.

    >>> import docgraph
    >>> sorted(docgraph.__all__)[:3]
    ['AuthenticationError', 'BuildReport', 'DocgraphError']
"""

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
