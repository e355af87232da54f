"""A Neo4j server as a docgraph store, through the official driver.

One driver per store, a short session per operation, managed transactions
(``execute_read``/``execute_write``) so transient errors are retried, every value a
parameter. The driver's exceptions are translated here, at the boundary, into docgraph's
(:class:`StoreUnavailable`, :class:`AuthenticationError`, :class:`QueryError`); messages
never contain the password.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from typing import Any

from docgraph.errors import AuthenticationError, QueryError, StoreError, StoreUnavailable
from docgraph.graph.results import NodeValue, QueryResult, RelationshipValue
from docgraph.graph.stores.base import WRITE_COUNTERS, GraphStore, ProgressCallback, Statement
from docgraph.graph.stores.guard import check_file_access, check_read_only_admin

__all__ = ["CONSTRAINTS", "Neo4jStore"]

CONSTRAINTS = (
    "CREATE CONSTRAINT docgraph_entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT docgraph_document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE",
)


def _convert(value: Any) -> Any:
    """Driver values → the store-neutral result values (the same shapes kglite gives)."""
    from neo4j.graph import Node, Path, Relationship

    if isinstance(value, Node):
        return NodeValue(
            element_id=value.element_id, labels=sorted(value.labels), properties=dict(value)
        )
    if isinstance(value, Relationship):
        return RelationshipValue(
            element_id=value.element_id,
            type=value.type,
            # a Node is a mapping of its properties: one without any is falsy
            start=value.start_node.element_id if value.start_node is not None else "",
            end=value.end_node.element_id if value.end_node is not None else "",
            properties=dict(value),
        )
    if isinstance(value, Path):
        return {
            "nodes": [_convert(n) for n in value.nodes],
            "relationships": [_convert(r) for r in value.relationships],
        }
    if isinstance(value, list):
        return [_convert(v) for v in value]
    if isinstance(value, dict):
        return {k: _convert(v) for k, v in value.items()}
    if hasattr(value, "to_native"):
        return _temporal(value)
    return value


def _temporal(value: Any) -> Any:
    """A ``neo4j.time`` value as Python's own type when that loses nothing.

    Python's datetime and time stop at microseconds; a value with nanoseconds stays a
    ``neo4j.time`` value (it prints and compares the same way) instead of being rounded.
    """
    if getattr(value, "nanosecond", 0) % 1000:
        return value
    return value.to_native()


def _first_line(message: str | None) -> str:
    text = (message or "").strip()
    return re.sub(r"\s+", " ", text.splitlines()[0]) if text else "Neo4j refused the request"


class Neo4jStore(GraphStore):
    """docgraph's graph in a Neo4j 5 database; no plugin (APOC or other) needed."""

    name = "neo4j"
    batch_size = 2_000

    def __init__(
        self,
        uri: str | None = None,
        *,
        database: str | None = None,
        username: str | None = None,
        password: str | None = None,
        connection_timeout: float = 10.0,
        allow_file_access: bool = False,
    ) -> None:
        try:
            import neo4j
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise StoreUnavailable(
                "the Neo4j driver is not installed: pip install 'docgraph[neo4j]'"
            ) from exc
        self.uri = uri or os.environ.get("NEO4J_URI") or "bolt://localhost:7687"
        self.database = database or os.environ.get("NEO4J_DATABASE") or None
        user = username or os.environ.get("NEO4J_USERNAME") or "neo4j"
        secret = password if password is not None else os.environ.get("NEO4J_PASSWORD")
        self.user = user
        self.allow_file_access = allow_file_access
        try:
            self._driver = neo4j.GraphDatabase.driver(
                self.uri,
                auth=(user, secret or ""),
                connection_timeout=connection_timeout,
                max_transaction_retry_time=15.0,
                connection_acquisition_timeout=connection_timeout * 2,
                # "label does not exist yet" notices on a fresh database are noise here
                notifications_min_severity="OFF",
            )
            self._driver.verify_connectivity()
        except Exception as exc:
            self._driver = None
            raise self._translate(exc) from exc
        self._constraints_done = False

    def describe(self) -> str:
        db = f" (database {self.database})" if self.database else ""
        return f"Neo4j {self.uri}{db}"

    # --- errors -------------------------------------------------------------------------

    def _translate(self, exc: Exception) -> Exception:
        from neo4j import exceptions as ne

        where = f"Neo4j at {self.uri}"
        if isinstance(exc, ne.AuthError):
            return AuthenticationError(
                f"{where} refused the credentials of user {self.user!r}; "
                "check NEO4J_USERNAME and NEO4J_PASSWORD"
            )
        if isinstance(exc, (ne.ServiceUnavailable, ne.SessionExpired)):
            return StoreUnavailable(
                f"cannot reach {where} ({_first_line(str(exc))}); is the server running? "
                "Rerun the same command once it is: loading is idempotent"
            )
        if isinstance(exc, ne.ConfigurationError):
            return StoreUnavailable(f"cannot use {self.uri!r}: {_first_line(str(exc))}")
        if isinstance(exc, ne.Neo4jError):
            code = exc.code or ""
            message = _first_line(exc.message)
            if "DatabaseNotFound" in code:
                return StoreError(
                    f"{where} has no database named {self.database!r} (use --database NAME)"
                )
            if "AccessMode" in code or "ForbiddenOnReadOnlyDatabase" in code:
                return QueryError(
                    "this query writes to the store; queries are read-only unless you pass --write"
                )
            if "TransactionTimedOut" in code or "TransactionTimedOutClientConfiguration" in code:
                return QueryError("the query ran past its timeout")
            if "Unauthorized" in code or code.startswith("Neo.ClientError.Security."):
                # a wrong password, too many failed logins in a row (AuthenticationRateLimit),
                # a role that may not do this (Forbidden): all credentials problems, exit 3
                return AuthenticationError(
                    f"{where} refused the credentials of user {self.user!r} "
                    f"({code.rsplit('.', 1)[-1]}: {message})"
                )
            if code.startswith("Neo.ClientError"):
                return QueryError(message)
            return StoreError(f"{where}: {message}")
        if isinstance(exc, ne.DriverError):
            return StoreUnavailable(f"{where}: {_first_line(str(exc))}")
        return exc

    # --- reading and writing ------------------------------------------------------------

    def query(
        self,
        cypher: str,
        params: dict[str, Any] | None = None,
        *,
        write: bool = False,
        timeout: float | None = None,
        echo_warnings: bool = True,
    ) -> QueryResult:
        from neo4j import READ_ACCESS, WRITE_ACCESS, unit_of_work

        check_file_access(cypher, write=write, allow_file_access=self.allow_file_access)
        if not write:
            # a READ session refuses graph writes but not server commands or procedures
            check_read_only_admin(cypher)

        @unit_of_work(timeout=timeout)
        def work(tx: Any) -> QueryResult:
            result = tx.run(cypher, params or {})
            keys = list(result.keys())
            records = [{k: _convert(record[k]) for k in keys} for record in result]
            counters = result.consume().counters
            stats = {k: getattr(counters, k, 0) for k in WRITE_COUNTERS} if write else {}
            return QueryResult(keys, records, stats)

        try:
            mode = WRITE_ACCESS if write else READ_ACCESS
            with self._driver.session(database=self.database, default_access_mode=mode) as session:
                return (session.execute_write if write else session.execute_read)(work)
        except Exception as exc:
            raise self._translate(exc) from exc

    def _ensure_constraints(self) -> None:
        if self._constraints_done:
            return
        for statement in CONSTRAINTS:
            self.query(statement, write=True)
        self._constraints_done = True

    def _write_batches(
        self, batches: Iterable[Statement], progress: ProgressCallback | None
    ) -> dict[str, int]:
        self._ensure_constraints()
        totals = dict.fromkeys(WRITE_COUNTERS, 0)

        def work(tx: Any, cypher: str, rows: list[dict[str, Any]]) -> Any:
            return tx.run(cypher, rows=rows).consume().counters

        try:
            with self._driver.session(database=self.database) as session:
                for batch in batches:
                    counters = session.execute_write(work, batch.cypher, batch.rows)
                    for key in WRITE_COUNTERS:
                        totals[key] += getattr(counters, key, 0)
                    if progress:
                        progress(len(batch.rows))
        except Exception as exc:
            raise self._translate(exc) from exc
        return totals

    def close(self) -> None:
        if getattr(self, "_driver", None) is not None:
            self._driver.close()
            self._driver = None
