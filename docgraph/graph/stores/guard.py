"""What a store refuses before the engine sees a query, and why.

The checks run on the query text with string literals and comments blanked, so a name
like ``'LOAD CSV'`` or ``'[*]'`` inside a string never trips them.

- ``LOAD CSV FROM 'file:///…'`` reads any file the process can read; a read-only query
  must not, so it needs ``write`` or an explicit ``allow_file_access``.
- On Neo4j, admin commands and procedures that change server state
  (``TERMINATE TRANSACTIONS``, ``CALL db.clearQueryCaches()``, ``db.stats.stop`` …) are
  refused in read-only queries: a READ session does not stop them all.
- On the embedded store, an unbounded variable-length pattern (``[*]``, ``[:T*2..]``)
  silently stops at 10 hops, so it is refused with a request for an upper bound.
"""

from __future__ import annotations

import re

from docgraph.errors import QueryError

__all__ = [
    "check_file_access",
    "check_read_only_admin",
    "check_unbounded_paths",
    "code_only",
]

_STRINGS_AND_COMMENTS = re.compile(
    r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`|//[^\n]*|/\*.*?\*/", re.DOTALL
)


def code_only(cypher: str) -> str:
    """The query with string literals, quoted names and comments blanked (same length)."""
    return _STRINGS_AND_COMMENTS.sub(lambda m: m.group(0)[0] + " " * (len(m.group(0)) - 1), cypher)


_LOAD_CSV = re.compile(r"\bLOAD\s+CSV\b", re.IGNORECASE)


def check_file_access(cypher: str, *, write: bool, allow_file_access: bool) -> None:
    """Refuse ``LOAD CSV`` in a read-only query unless file access was allowed."""
    if write or allow_file_access:
        return
    if _LOAD_CSV.search(code_only(cypher)):
        raise QueryError(
            "LOAD CSV reads files on this machine; read-only queries may not: "
            "pass --write or --allow-file-access"
        )


#: Commands that act on the server, not the graph; a read-only query may list, not act.
_ADMIN = re.compile(
    r"\b(?:TERMINATE\s+TRANSACTIONS?|(?:CREATE|DROP|ALTER|START|STOP|RENAME)\s+"
    r"(?:DATABASE|COMPOSITE|ALIAS|USER|ROLE|SERVER)|GRANT|DENY|REVOKE|ENABLE\s+SERVER"
    r"|DEALLOCATE|REALLOCATE)\b",
    re.IGNORECASE,
)
_CALL = re.compile(r"\bCALL\s+([A-Za-z_][\w.]*)\s*(?=\(|\bYIELD\b|$|\s)", re.IGNORECASE)
#: Procedures a read-only query may call: they only read (Neo4j 5 names).
READ_ONLY_PROCEDURES = frozenset(
    name.lower()
    for name in (
        "db.labels",
        "db.relationshipTypes",
        "db.propertyKeys",
        "db.schema.visualization",
        "db.schema.nodeTypeProperties",
        "db.schema.relTypeProperties",
        "db.indexes",
        "db.constraints",
        "db.info",
        "db.ping",
        "db.awaitIndex",
        "db.awaitIndexes",
        "db.index.fulltext.queryNodes",
        "db.index.fulltext.queryRelationships",
        "db.index.fulltext.listAvailableAnalyzers",
        "db.index.vector.queryNodes",
        "db.index.vector.queryRelationships",
        "dbms.components",
        "dbms.procedures",
        "dbms.functions",
        "dbms.info",
        "dbms.queryJmx",
        "dbms.listConfig",
        "dbms.showCurrentUser",
        "dbms.routing.getRoutingTable",
        "dbms.cluster.routing.getRoutingTable",
        "db.stats.retrieve",
        "db.stats.status",
        "db.stats.retrieveAllAnonymized",
        "tx.getMetaData",
    )
)


def check_read_only_admin(cypher: str) -> None:
    """Refuse server-changing commands and procedures outside the read-only list."""
    code = code_only(cypher)
    admin = _ADMIN.search(code)
    if admin:
        raise QueryError(
            f"{' '.join(admin.group(0).split()).upper()} changes the server; "
            "read-only queries may not (pass --write)"
        )
    for match in _CALL.finditer(code):
        name = match.group(1)
        if name.lower() not in READ_ONLY_PROCEDURES:
            raise QueryError(
                f"the procedure {name} is not known to be read-only; "
                "read-only queries may call only read-only procedures (pass --write)"
            )


#: a relationship pattern's brackets: ``-[ … ]-`` (the dash before ``[`` sets it apart
#: from a list literal or a subscript)
_REL_BRACKETS = re.compile(r"-\s*\[([^\[\]]*)\]")
_VAR_LENGTH = re.compile(r"\*\s*(\d+)?\s*(\.\.)?\s*(\d+)?")


def check_unbounded_paths(cypher: str) -> None:
    """Refuse ``[*]``, ``[*N..]``, ``[*..]``: the embedded engine stops them at 10 hops."""
    for match in _REL_BRACKETS.finditer(code_only(cypher)):
        star = _VAR_LENGTH.search(match.group(1))
        if star is None:
            continue
        low, dots, high = star.groups()
        if (low is None and dots is None) or (dots and high is None):
            raise QueryError(
                f"the variable-length pattern [{match.group(1).strip()}] has no upper bound; "
                "the embedded store stops such patterns at 10 hops and would miss longer "
                "paths: give a maximum, e.g. [*1..20]"
            )
