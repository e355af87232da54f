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
- On the embedded store, what kglite is known to compute wrongly and silently is refused
  (:func:`check_known_wrong`): ``duration.between`` (days only, no months), a ``MERGE``
  after a ``DELETE`` in one query (it matches the deleted), and temporal values finer
  than a microsecond (kept by the engine, cut when handed to Python); ``id(n)``, which
  kglite answers with the ``id`` property where Neo4j gives its internal integer.
"""

from __future__ import annotations

import re

from docgraph.errors import QueryError

__all__ = [
    "check_boolean_operands",
    "check_file_access",
    "check_known_wrong",
    "check_variable_kinds",
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


_DURATION_BETWEEN = re.compile(r"\bduration\s*\.\s*between\s*\(", re.IGNORECASE)
_DELETE_THEN_MERGE = re.compile(r"\bDELETE\b.*\bMERGE\b", re.IGNORECASE | re.DOTALL)
#: the id() function (not elementId(), not a property or a namespaced function's ``.id(``)
_ID_FUNCTION = re.compile(r"(?<![\w.$`])id\s*\(", re.IGNORECASE)
#: a temporal map key below the microsecond: ``{nanosecond: 1}``, ``{nanoseconds: 5}``
_NANOSECOND_KEY = re.compile(r"[{,]\s*nanoseconds?\s*:", re.IGNORECASE)
#: a string with more than six digits after a seconds' point, parsed as a temporal
_FINE_STRING = re.compile(r"'[^']*\d[.,]\d{7,}[^']*'|\"[^\"]*\d[.,]\d{7,}[^\"]*\"")
_FROM_EPOCH = re.compile(r"\bdatetime\s*\.\s*fromepoch\s*\(", re.IGNORECASE)
_TEMPORAL_CALL = re.compile(r"date|time|localtime|datetime|localdatetime|duration", re.IGNORECASE)
#: calls whose value cannot hold nanoseconds whatever their arguments hold
_COARSE_CALLS = re.compile(r"date(?:\.\w+)?|tostring|\w+\.truncate", re.IGNORECASE)
_CALLEE = re.compile(r"([A-Za-z_][\w]*(?:\s*\.\s*[A-Za-z_]\w*)*)\s*$")


def check_known_wrong(cypher: str) -> None:
    """Refuse what the embedded engine answers wrongly without an error.

    Each check stands for a class of wrong answers found by the openCypher TCK
    (``ENGINE_DIFFERENCES.md``): an error that names the cause and the way round it,
    where a silent wrong figure would end up in a user's analysis.
    """
    code = code_only(cypher)
    if _DURATION_BETWEEN.search(code):
        raise QueryError(
            "duration.between is computed in days only on the embedded store (P11213D "
            "where Neo4j gives P30Y8M13D): use duration.inMonths, duration.inDays or "
            "duration.inSeconds, or run the query on Neo4j"
        )
    if _DELETE_THEN_MERGE.search(code):
        raise QueryError(
            "on the embedded store a MERGE after a DELETE in the same query can match what "
            "was just deleted: run the DELETE and the MERGE as two queries"
        )
    if _ID_FUNCTION.search(_id_names_kept(cypher)):
        raise QueryError(
            "id(n) answers with the node's id property on the embedded store (docgraph's "
            "text ids), where Neo4j gives an internal integer: use n.id for docgraph's "
            "ids, or elementId(n) for the store's own"
        )
    text = _comments_blanked(cypher)
    sources = [m.start() for m in _NANOSECOND_KEY.finditer(code)]
    sources += [m.start() for m in _FROM_EPOCH.finditer(code)]
    sources += [m.start() for m in _FINE_STRING.finditer(text) if _is_temporal_argument(code, m)]
    calls = _calls(code)
    if any(not _coarsened(calls, code, at) for at in sources):
        raise QueryError(
            "the embedded store hands temporal values to Python at microsecond precision, "
            "so nanoseconds would be cut from the answer: give temporal values to the "
            "microsecond (or read them with toString(), .nanosecond or truncate()), or run "
            "the query on Neo4j"
        )


def _id_names_kept(cypher: str) -> str:
    """The query with strings and comments blanked whole and a backquoted `` `id` ``
    unquoted, so that ``id // …⏎(n)`` and `` `id`(n) `` read as the call they are."""

    def blank(match: re.Match[str]) -> str:
        text = match.group(0)
        return f" {text[1:-1]} " if text.lower() == "`id`" else " " * len(text)

    return _STRINGS_AND_COMMENTS.sub(blank, cypher)


def _calls(code: str) -> list[tuple[int, int, str]]:
    """Every parenthesised span as (open, close, callee name or '')."""
    spans: list[tuple[int, int, str]] = []
    stack: list[int] = []
    for at, char in enumerate(code):
        if char == "(":
            stack.append(at)
        elif char == ")" and stack:
            start = stack.pop()
            callee = _CALLEE.search(code[max(0, start - 60) : start])
            name = re.sub(r"\s+", "", callee.group(1)) if callee else ""
            spans.append((start, at, name))
    return spans


def _is_temporal_argument(code: str, string: re.Match[str]) -> bool:
    """Whether a string literal is the first argument of a temporal function."""
    before = code[: string.start()].rstrip()
    if not before.endswith("("):
        return False
    callee = _CALLEE.search(before[:-1])
    return bool(callee) and bool(
        _TEMPORAL_CALL.fullmatch(re.sub(r"\s+", "", callee.group(1)).split(".")[0])
    )


def _coarsened(calls: list[tuple[int, int, str]], code: str, at: int) -> bool:
    """Whether the value built at ``at`` is read at microsecond precision or coarser.

    Safe when an enclosing call makes a date, a string or a truncation (outside the
    truncation's map of overrides), or when the temporal built there is read through
    an accessor (``localtime({…}).nanosecond``).
    """
    enclosing = sorted((c for c in calls if c[0] < at < c[1]), key=lambda c: c[0], reverse=True)
    for depth, (start, end, name) in enumerate(enclosing):
        if depth == 0 and re.match(r"\s*\.\s*[A-Za-z_]", code[end + 1 :]):
            return True
        if _COARSE_CALLS.fullmatch(name):
            if name.lower().endswith(".truncate") and _argument_index(code, start, at) >= 2:
                continue
            return True
    return False


def _argument_index(code: str, start: int, at: int) -> int:
    """Which argument of the call opened at ``start`` the position ``at`` falls in."""
    depth, index = 0, 0
    for char in code[start + 1 : at]:
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif char == "," and depth == 0:
            index += 1
    return index


def _comments_blanked(cypher: str) -> str:
    """The query with comments blanked and string literals kept."""
    return _STRINGS_AND_COMMENTS.sub(
        lambda m: " " * len(m.group(0)) if m.group(0)[0] == "/" else m.group(0), cypher
    )


_BOOLEAN_OPERATOR = re.compile(r"\b(AND|OR|XOR|NOT)\b", re.IGNORECASE)
#: where an operand of a boolean operator starts or ends: a clause, another operator, a
#: bracket, a comma
_BOUNDARY = re.compile(
    r"(?:\b(?:RETURN|WITH|WHERE|AND|OR|XOR|NOT|WHEN|THEN|ELSE|END|CASE|AS|ORDER|SKIP|LIMIT"
    r"|UNWIND|SET|DISTINCT|YIELD|UNION)\b|[(,\[{]|^)\s*$",
    re.IGNORECASE,
)
_AFTER = re.compile(
    r"^\s*(?:\b(?:RETURN|WITH|WHERE|AND|OR|XOR|WHEN|THEN|ELSE|END|AS|ORDER|SKIP|LIMIT|UNION)\b"
    r"|[),\]}]|;|$)",
    re.IGNORECASE,
)
_STRING_OPERATOR = re.compile(r"\b(?:STARTS|ENDS)\s+WITH\s*$", re.IGNORECASE)
_NUMBER = re.compile(r"[-+]?(?:0x[0-9a-f]+|\d+\.?\d*(?:e[-+]?\d+)?|\.\d+(?:e[-+]?\d+)?)", re.I)


def check_boolean_operands(cypher: str) -> None:
    """Refuse ``AND``/``OR``/``XOR``/``NOT`` on a number, string, list or map literal.

    Neo4j rejects these when it compiles the query; kglite treats the literal as true or
    false and answers. Values that reach an operator at run time (``n.count AND …``)
    cannot be seen here and are still coerced (ENGINE_DIFFERENCES.md).
    """
    code = _tokens_only(cypher)
    for match in _BOOLEAN_OPERATOR.finditer(code):
        operator = match.group(1).upper()
        sides = [_literal_after(code, match.end())]
        if operator != "NOT":
            sides.append(_literal_before(code, match.start()))
        literal = next((side for side in sides if side), None)
        if literal:
            raise QueryError(
                f"{operator} needs booleans, and {literal.strip()} is not one (Neo4j "
                "rejects this query as InvalidArgumentType)"
            )


def _literal_after(code: str, at: int) -> str | None:
    """The literal that alone makes up the operand starting at ``at``, if it is one."""
    rest = code[at:]
    stripped = rest.lstrip()
    offset = at + len(rest) - len(stripped)
    end = _literal_end(code, offset)
    if end is None or not _AFTER.match(code[end:]):
        return None
    return "a string" if code[offset] == "'" else code[offset:end]


def _literal_before(code: str, at: int) -> str | None:
    """The literal that alone makes up the operand ending at ``at``, if it is one."""
    head = code[:at].rstrip()
    if not head:
        return None
    close = head[-1]
    if close in "]}":
        start = _matching(head, len(head) - 1, step=-1)
    elif close == "'":
        start = head.rfind("'", 0, len(head) - 1)
    else:
        number = re.search(r"(?<![\w.])" + _NUMBER.pattern + r"$", head, re.I)
        start = number.start() if number else None
    if start is None or start < 0 or not _BOUNDARY.search(head[:start]):
        return None
    if _STRING_OPERATOR.search(head[:start]):  # `STARTS WITH 'a' AND …`: not the clause
        return None
    return "a string" if head[start] == "'" else head[start:]


def _literal_end(code: str, start: int) -> int | None:
    """Where the literal starting at ``start`` ends, or None when none starts there."""
    if start >= len(code):
        return None
    char = code[start]
    if char == "'":
        close = code.find("'", start + 1)
        return close + 1 if close > 0 else None
    if char in "[{":
        close = _matching(code, start)
        return close + 1 if close is not None else None
    number = _NUMBER.match(code, start)
    if number and not re.match(r"[\w.]", code[number.end() : number.end() + 1]):
        return number.end()
    return None


def _matching(code: str, at: int, step: int = 1) -> int | None:
    """The bracket matching the one at ``at``: searching forwards (``step=1``) from an
    opening bracket or backwards (``step=-1``) from a closing one."""
    opening, closing = ("([{", ")]}") if step == 1 else (")]}", "([{")
    depth = 0
    for pos in range(at, len(code) if step == 1 else -1, step):
        if code[pos] in opening:
            depth += 1
        elif code[pos] in closing:
            depth -= 1
            if depth == 0:
                return pos
    return None


#: the clauses whose text is a pattern: node and relationship variables are declared there
_PATTERN_CLAUSE = re.compile(
    r"\b(?:OPTIONAL\s+MATCH|MATCH|MERGE|CREATE)\b(.*?)(?=\b(?:WHERE|RETURN|WITH|SET|DELETE"
    r"|DETACH|REMOVE|UNWIND|ON|FOREACH|CALL|UNION|ORDER|LIMIT|SKIP|OPTIONAL|MATCH|MERGE|CREATE)\b|$)",
    re.IGNORECASE | re.DOTALL,
)
_NODE_VARIABLE = re.compile(
    r"(?<![\w\s])\s*\(\s*([A-Za-z_]\w*)\s*[:{)]|^\s*\(\s*([A-Za-z_]\w*)\s*[:{)]"
)
_REL_VARIABLE = re.compile(r"-\s*\[\s*([A-Za-z_]\w*)\s*[:*{\]]")


def check_variable_kinds(cypher: str) -> None:
    """Refuse a variable used as a node and as a relationship, or one relationship twice
    in one pattern: Neo4j rejects both, kglite answers with rows that mean nothing."""
    nodes: set[str] = set()
    relationships: set[str] = set()
    for clause in _PATTERN_CLAUSE.finditer(code_only(cypher)):
        pattern = clause.group(1)
        for match in _NODE_VARIABLE.finditer(pattern):
            nodes.add(match.group(1) or match.group(2))
        seen: set[str] = set()
        for match in _REL_VARIABLE.finditer(pattern):
            name = match.group(1)
            if name in seen and re.match(r"\s*(?:OPTIONAL\s+)?MATCH", clause.group(0), re.I):
                raise QueryError(
                    f"the relationship variable {name} appears twice in one MATCH pattern; "
                    "Neo4j rejects this (a relationship is matched once per pattern)"
                )
            seen.add(name)
            relationships.add(name)
    both = sorted(nodes & relationships)
    if both:
        raise QueryError(
            f"{both[0]} is used both as a node and as a relationship; Neo4j rejects this "
            "query as VariableTypeConflict"
        )


def _tokens_only(cypher: str) -> str:
    """The query with each string literal as ``'xxx'``, each quoted name as ``_xxx_`` and
    comments blanked (same length): literals keep their extent, their words are gone."""

    def token(match: re.Match[str]) -> str:
        text = match.group(0)
        if text[0] in "'\"":
            return "'" + "x" * (len(text) - 2) + "'"
        if text[0] == "`":
            return "_" * len(text)
        return " " * len(text)

    return _STRINGS_AND_COMMENTS.sub(token, cypher)
