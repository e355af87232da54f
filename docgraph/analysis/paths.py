"""How two entities are connected: shortest paths with the evidence for every hop."""

from __future__ import annotations

from itertools import islice
from typing import Any

import networkx as nx

from docgraph.analysis._projection import (
    RELATED,
    edge_type,
    name_of,
    own_properties,
    simple_graph,
)
from docgraph.analysis.lookup import find_node
from docgraph.errors import NoPath
from docgraph.graph.model import SYMMETRIC_TYPES

__all__ = ["NoPath", "all_shortest_paths", "shortest_path"]


def shortest_path(
    G: nx.MultiDiGraph, source: Any, target: Any, *, include_related: bool = True
) -> list[dict[str, Any]]:
    """The hops of one shortest path between two entities, each with its evidence.

    A hop may follow a relationship against its direction ("Niger is a member of G5 Sahel,
    which France funded"); ``direction`` says which way the relationship points. When two
    entities share several relationships, the hop shows the typed one with the highest
    confidence (then the most evidence) and names the others in ``other_types``. Of
    several shortest paths, the first in node-id order is returned.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The graph from ``Graph.to_networkx()``.
    source, target : str
        Entity ids, names or aliases (see :func:`find_node`).
    include_related : bool, default True
        Allow hops over RELATED_TO co-occurrence edges.

    Returns
    -------
    list of dict
        One dict per hop, in path order: ``source`` and ``target`` (ids, in path order),
        ``source_name``, ``target_name``, ``type``, ``direction`` (``"forward"`` when the
        relationship points from ``source`` to ``target``, ``"backward"`` when it points
        the other way, ``"symmetric"`` for DIPLOMATIC_RELATIONS and RELATED_TO),
        ``properties``, ``evidence`` (list of dicts with ``document`` and ``sentence``,
        ``start``, ``end`` …) and ``other_types``. Empty when source is target.

    Raises
    ------
    EntityNotFound, AmbiguousEntity
        A name does not resolve to one entity.
    NoPath
        The entities are not connected.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("country:mali", name="Mali")
    >>> G.add_node("country:france", name="France")
    >>> G.add_node("organization:g5-sahel", name="G5 Sahel")
    >>> ev = [{"document": "d1", "sentence": "Mali joined the G5 Sahel."}]
    >>> _ = G.add_edge("country:mali", "organization:g5-sahel", key="MEMBER_OF", type="MEMBER_OF", evidence=ev)
    >>> ev = [{"document": "d1", "sentence": "France funded the G5 Sahel."}]
    >>> _ = G.add_edge("country:france", "organization:g5-sahel", key="FUNDED", type="FUNDED", evidence=ev)
    >>> for hop in shortest_path(G, "Mali", "france"):
    ...     print(hop["source_name"], hop["type"], hop["direction"], hop["target_name"])
    ...     print("   ", hop["evidence"][0]["sentence"])
    Mali MEMBER_OF forward G5 Sahel
        Mali joined the G5 Sahel.
    G5 Sahel FUNDED backward France
        France funded the G5 Sahel.

    See Also
    --------
    all_shortest_paths
    """
    paths = all_shortest_paths(G, source, target, include_related=include_related, limit=1)
    return paths[0]


def all_shortest_paths(
    G: nx.MultiDiGraph,
    source: Any,
    target: Any,
    *,
    include_related: bool = True,
    limit: int | None = None,
) -> list[list[dict[str, Any]]]:
    """Every shortest path between two entities, as lists of hops with evidence.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The graph from ``Graph.to_networkx()``.
    source, target : str
        Entity ids, names or aliases (see :func:`find_node`).
    include_related : bool, default True
        Allow hops over RELATED_TO co-occurrence edges.
    limit : int or None, default None
        Return at most this many paths.

    Returns
    -------
    list of list of dict
        Paths in node-id order, each a list of hops as :func:`shortest_path` returns.

    Raises
    ------
    EntityNotFound, AmbiguousEntity
        A name does not resolve to one entity.
    NoPath
        The entities are not connected.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("country:mali", "country:niger", key="RELATED_TO", type="RELATED_TO")
    >>> _ = G.add_edge("country:mali", "organization:g5-sahel", key="MEMBER_OF", type="MEMBER_OF")
    >>> _ = G.add_edge("country:niger", "organization:g5-sahel", key="MEMBER_OF", type="MEMBER_OF")
    >>> [[h["type"] for h in p] for p in all_shortest_paths(G, "country:mali", "country:niger")]
    [['RELATED_TO']]
    >>> [[h["target"] for h in p] for p in all_shortest_paths(
    ...     G, "country:mali", "country:niger", include_related=False)]
    [['organization:g5-sahel', 'country:niger']]
    """
    a = find_node(G, source)
    b = find_node(G, target)
    if a == b:
        return [[]]
    S = simple_graph(G, include_related=include_related)
    try:
        found = sorted(nx.all_shortest_paths(S, a, b), key=lambda p: [str(n) for n in p])
    except nx.NetworkXNoPath:
        raise NoPath(name_of(G, a), name_of(G, b)) from None
    if limit is not None:
        found = list(islice(found, max(limit, 0)))
    return [[_hop(G, u, v, include_related) for u, v in zip(p, p[1:], strict=False)] for p in found]


def _hop(G: nx.MultiDiGraph, u: Any, v: Any, include_related: bool) -> dict[str, Any]:
    candidates = []
    for a, b in ((u, v), (v, u)):
        if not G.has_edge(a, b):
            continue
        edges = G[a][b].items() if G.is_multigraph() else [(None, G[a][b])]
        for key, data in edges:
            rel_type = edge_type(key, data)
            if include_related or rel_type != RELATED:
                candidates.append((a, b, rel_type, data))
    candidates.sort(
        key=lambda c: (
            c[2] == RELATED,
            -float(c[3].get("confidence") or 0.0),
            -len(c[3].get("evidence") or []),
            c[2],
        )
    )
    s, _, rel_type, data = candidates[0]
    if rel_type in SYMMETRIC_TYPES:
        direction = "symmetric"
    else:
        direction = "forward" if s == u else "backward"
    return {
        "source": u,
        "target": v,
        "source_name": name_of(G, u),
        "target_name": name_of(G, v),
        "type": rel_type,
        "direction": direction,
        "properties": own_properties(data),
        "evidence": [dict(e) for e in data.get("evidence") or []],
        "other_types": sorted({c[2] for c in candidates[1:]} - {rel_type}),
    }
