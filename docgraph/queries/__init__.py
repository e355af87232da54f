"""Named, parameterised Cypher queries, and the one runner for named and ad-hoc Cypher.

Each ``*.cypher`` file here starts with a header of ``//`` comments::

    // name: members-of
    // description: Members of an organisation, current and former
    // param: org = "G5 Sahel"  the organisation's name or one of its aliases

A parameter without ``= default`` is required.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from docgraph.errors import QueryError
from docgraph.graph.results import QueryResult
from docgraph.graph.stores.base import GraphStore

__all__ = ["NamedQuery", "named_queries", "run_query"]

HERE = Path(__file__).parent
_PARAM = re.compile(
    r'^(?P<name>[a-z_][a-z0-9_]*)\s*(?:=\s*(?P<default>"(?:[^"\\]|\\.)*"|\S+))?\s*(?P<doc>.*)$'
)
_NAME = re.compile(r"^[a-z][a-z0-9-]*$")
#: the engine's note that a label or relationship type is not in the store
_UNKNOWN_NAME = re.compile(r"references unknown (?:relationship type|node label)", re.I)


@dataclass(slots=True)
class NamedQuery:
    name: str
    description: str
    cypher: str
    params: dict[str, Any] = field(default_factory=dict)  # name → default (or REQUIRED)
    param_docs: dict[str, str] = field(default_factory=dict)
    path: Path | None = None

    def bind(self, given: dict[str, Any]) -> dict[str, Any]:
        unknown = sorted(set(given) - set(self.params))
        if unknown:
            raise QueryError(
                f"query {self.name!r} has no parameter {', '.join(unknown)}; "
                f"expected: {self.signature()}"
            )
        bound = {}
        for name, default in self.params.items():
            if name in given:
                bound[name] = given[name]
            elif default is REQUIRED:
                raise QueryError(
                    f"query {self.name!r} needs the parameter {name!r}; expected: {self.signature()}"
                )
            else:
                bound[name] = default
        return bound

    def signature(self) -> str:
        parts = [
            name if default is REQUIRED else f"{name}={json.dumps(default)}"
            for name, default in self.params.items()
        ]
        return ", ".join(parts) or "(none)"


REQUIRED: Any = object()


def _parse(path: Path) -> NamedQuery:
    header: dict[str, str] = {}
    params: dict[str, Any] = {}
    docs: dict[str, str] = {}
    body = []
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^//\s*(name|description|param):\s*(.*)$", line)
        if m and not body:
            key, value = m.groups()
            if key == "param":
                p = _PARAM.match(value.strip())
                if not p:
                    raise QueryError(f"{path}: bad param line {value!r}")
                default = p.group("default")
                params[p.group("name")] = REQUIRED if default is None else json.loads(default)
                docs[p.group("name")] = p.group("doc").strip()
            else:
                header[key] = value.strip()
        elif line.strip() or body:
            body.append(line)
    name = header.get("name", path.stem)
    if not _NAME.match(name):
        raise QueryError(f"{path}: query names are lowercase-with-dashes, got {name!r}")
    return NamedQuery(
        name, header.get("description", ""), "\n".join(body).strip(), params, docs, path
    )


@lru_cache(maxsize=1)
def named_queries() -> dict[str, NamedQuery]:
    """Every named query shipped with docgraph, by name."""
    queries = {}
    for path in sorted(HERE.glob("*.cypher")):
        query = _parse(path)
        queries[query.name] = query
    return queries


def run_query(
    store: GraphStore,
    name_or_cypher: str,
    params: dict[str, Any] | None = None,
    *,
    write: bool = False,
    timeout: float | None = None,
) -> QueryResult:
    """Run a named query (by name) or ad-hoc Cypher on ``store``."""
    params = dict(params or {})
    query = named_queries().get(name_or_cypher.strip())
    if query is not None:
        result = store.query(
            query.cypher, query.bind(params), write=write, timeout=timeout, echo_warnings=False
        )
        # a named query lists every type of the schema; that a store lacks some is expected
        for warning in result.warnings:
            if not _UNKNOWN_NAME.search(warning):
                print(f"warning: {' '.join(warning.split())}", file=sys.stderr)
        return result
    if _NAME.match(name_or_cypher.strip()) and " " not in name_or_cypher.strip():
        raise QueryError(
            f"no named query {name_or_cypher!r}; available: {', '.join(sorted(named_queries()))}"
        )
    return store.query(name_or_cypher, params, write=write, timeout=timeout)
