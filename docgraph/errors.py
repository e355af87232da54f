"""docgraph's exceptions: the library raises them, the CLI reports them.

    DocgraphError                 exit 1
    ├── InputError                a document could not be read (carries the path)
    ├── SchemaError               a label, type or property name that is not allowed
    ├── ExtractionError           the extraction pipeline could not run
    └── StoreError                the store refused or failed
        ├── StoreUnavailable      exit 3: the store cannot be reached
        ├── AuthenticationError   exit 3: the credentials were refused
        └── QueryError            a Cypher query is wrong, timed out or misses parameters

Each class sets ``exit_code`` like click's exceptions, so the CLI handles them all in one
place.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "AuthenticationError",
    "DocgraphError",
    "ExtractionError",
    "InputError",
    "QueryError",
    "SchemaError",
    "StoreError",
    "StoreUnavailable",
]


class DocgraphError(Exception):
    """Base of every error docgraph raises on purpose."""

    exit_code = 1


class InputError(DocgraphError):
    """A document that cannot be read: missing, binary, not UTF-8, empty, too large."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class SchemaError(DocgraphError):
    """A label, relationship type or property name that cannot safely reach Cypher."""


class ExtractionError(DocgraphError):
    """The extraction pipeline cannot run (a missing model, a bad patterns file)."""


class StoreError(DocgraphError):
    """The store refused an operation."""


class StoreUnavailable(StoreError):
    """The store cannot be reached: a server down, a wrong host, a locked folder."""

    exit_code = 3


class AuthenticationError(StoreError):
    """The store refused the credentials."""

    exit_code = 3


class QueryError(StoreError):
    """A Cypher query that is malformed, refused, too slow or short of parameters."""
