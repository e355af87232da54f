"""docgraph's exceptions: the library raises them, the CLI reports them.

    DocgraphError                 exit 1
    ├── InputError                a document could not be read (carries the path)
    ├── SchemaError               a label, type or property name that is not allowed
    ├── ExtractionError           the extraction pipeline could not run
    ├── AnalysisError             a graph question without an answer
    │   ├── EntityNotFound        no entity has this name (carries suggestions)
    │   ├── AmbiguousEntity       several entities have this name (carries their ids)
    │   └── NoPath                two entities are not connected
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
    "AmbiguousEntity",
    "AnalysisError",
    "AuthenticationError",
    "DocgraphError",
    "EntityNotFound",
    "ExtractionError",
    "InputError",
    "NoPath",
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

    def __reduce__(self) -> tuple:
        # rebuilt from (path, reason), not from the message: extraction errors travel
        # back from worker processes (``-j N``) by pickle
        return (type(self), (self.path, self.reason))


class SchemaError(DocgraphError):
    """A label, relationship type or property name that cannot safely reach Cypher."""


class ExtractionError(DocgraphError):
    """The extraction pipeline cannot run (a missing model, a bad patterns file)."""


class AnalysisError(DocgraphError):
    """A question about the graph that it cannot answer as asked."""


class EntityNotFound(AnalysisError):
    """No entity has this id, name or alias; ``suggestions`` holds close names."""

    def __init__(self, name: str, suggestions: list[str] | None = None) -> None:
        self.name = name
        self.suggestions = list(suggestions or [])
        message = f"no entity named {name!r}"
        if self.suggestions:
            message += "; did you mean " + ", ".join(repr(s) for s in self.suggestions) + "?"
        super().__init__(message)


class AmbiguousEntity(AnalysisError):
    """Several entities answer to this name; ``candidates`` holds their ids."""

    def __init__(self, name: str, candidates: list[str]) -> None:
        self.name = name
        self.candidates = list(candidates)
        super().__init__(
            f"{name!r} names {len(candidates)} entities: {', '.join(candidates)}; "
            "pass one of these ids instead"
        )


class NoPath(AnalysisError):
    """The two entities are not connected."""

    def __init__(self, source: str, target: str) -> None:
        self.source = source
        self.target = target
        super().__init__(f"no path between {source!r} and {target!r}")


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
