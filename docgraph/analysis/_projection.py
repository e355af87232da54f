"""Private helpers shared by the analysis modules: projections and small lookups.

The graph from :func:`docgraph.graph.nx.to_networkx` is a ``MultiDiGraph`` with one edge
per relationship type. Most measures want a simple graph; these helpers build it once, the
same way everywhere: parallel relationships merge into one edge whose ``weight`` is the sum
of theirs, and the symmetric types (whose stored direction is only id order) count both ways.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import networkx as nx

from docgraph.graph.model import SYMMETRIC_TYPES

RELATED = "RELATED_TO"

#: Properties that date a relationship, in the order a reader looks for them.
DATE_KEYS = ("since", "date", "year", "until")

_YEAR = re.compile(r"^\s*(\d{3,4})(?!\d)")


def edge_type(key: Any, data: dict[str, Any]) -> str:
    """The relationship type of an edge: its ``type`` attribute, else its key."""
    return str(data.get("type") or key)


def iter_edges(
    G: nx.MultiDiGraph, *, include_related: bool = True
) -> Iterator[tuple[Any, Any, str, dict[str, Any]]]:
    """``(source, target, type, attrs)`` for every relationship, in a stable order."""
    if G.is_multigraph():
        edges = G.edges(keys=True, data=True)
    else:
        edges = ((u, v, None, d) for u, v, d in G.edges(data=True))
    for u, v, k, d in edges:
        t = edge_type(k, d)
        if include_related or t != RELATED:
            yield u, v, t, d


def _strength(data: dict[str, Any], weight: str | None) -> float:
    if weight is None:
        return 1.0
    value = data.get(weight, 1)
    try:
        return float(value)
    except (TypeError, ValueError):
        return 1.0


def simple_graph(
    G: nx.MultiDiGraph, *, weight: str | None = None, include_related: bool = True
) -> nx.Graph:
    """Undirected simple projection; each edge's ``weight`` sums the merged relationships.

    With ``weight=None`` every relationship counts 1, so ``weight`` is the number of
    relationships between the two entities. Self-loops are dropped.
    """
    out = nx.Graph()
    out.add_nodes_from(G.nodes(data=True))
    for u, v, _, d in iter_edges(G, include_related=include_related):
        if u == v:
            continue
        w = _strength(d, weight)
        if out.has_edge(u, v):
            out[u][v]["weight"] += w
        else:
            out.add_edge(u, v, weight=w)
    return out


def simple_digraph(
    G: nx.MultiDiGraph, *, weight: str | None = None, include_related: bool = True
) -> nx.DiGraph:
    """Directed simple projection; symmetric types (e.g. DIPLOMATIC_RELATIONS) point both ways."""
    out = nx.DiGraph()
    out.add_nodes_from(G.nodes(data=True))
    for u, v, t, d in iter_edges(G, include_related=include_related):
        if u == v:
            continue
        w = _strength(d, weight)
        pairs = [(u, v), (v, u)] if (t in SYMMETRIC_TYPES or not G.is_directed()) else [(u, v)]
        for a, b in pairs:
            if out.has_edge(a, b):
                out[a][b]["weight"] += w
            else:
                out.add_edge(a, b, weight=w)
    return out


def without_related(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A view of ``G`` without the RELATED_TO co-occurrence edges."""

    def keep(u: Any, v: Any, k: Any = None) -> bool:
        data = G.get_edge_data(u, v, k) if G.is_multigraph() else G.get_edge_data(u, v)
        return edge_type(k, data or {}) != RELATED

    return nx.subgraph_view(G, filter_edge=keep)


def name_of(G: nx.Graph, node: Any) -> str:
    """A node's display name: its ``name`` attribute, else its id."""
    return str(G.nodes[node].get("name") or node)


def year_of(value: Any) -> int | None:
    """The year of an ISO date (``2018``, ``2018-12``, ``2018-12-05``) or a number."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    match = _YEAR.match(str(value))
    return int(match.group(1)) if match else None


def date_text(value: Any) -> str:
    """A date property as text: ``2018.0`` → ``'2018'``, ISO strings unchanged."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def own_properties(data: dict[str, Any]) -> dict[str, Any]:
    """A relationship's own properties: without type, evidence and derived values."""
    skip = {"type", "evidence", "confidence", "weight", "documents"}
    return {k: v for k, v in data.items() if k not in skip and not k.startswith("evidence_")}


def first_sentence(data: dict[str, Any]) -> tuple[str | None, str | None]:
    """``(document, sentence)`` of a relationship's first evidence, or ``(None, None)``."""
    for item in data.get("evidence") or []:
        if isinstance(item, dict) and item.get("sentence"):
            return item.get("document"), item["sentence"]
    return None, None
