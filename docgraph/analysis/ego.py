"""What surrounds an entity: its ego network."""

from __future__ import annotations

from typing import Any

import networkx as nx

from docgraph.analysis._projection import without_related
from docgraph.analysis.lookup import find_node

__all__ = ["ego"]


def ego(
    G: nx.MultiDiGraph, name: Any, radius: int = 1, *, include_related: bool = True
) -> nx.MultiDiGraph:
    """The subgraph of the entities within ``radius`` hops of ``name``, in either direction.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The graph from ``Graph.to_networkx()``.
    name : str
        Entity id, name or alias (see :func:`find_node`).
    radius : int, default 1
        Hops from the entity, following relationships either way.
    include_related : bool, default True
        Follow and keep RELATED_TO co-occurrence edges.

    Returns
    -------
    networkx.MultiDiGraph
        A copy with every relationship among those entities and their attributes; the
        graph attribute ``center`` holds the entity's id and each node's ``distance`` its
        hops from it.

    Raises
    ------
    EntityNotFound, AmbiguousEntity
        ``name`` does not resolve to one entity.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("country:mali", name="Mali")
    >>> _ = G.add_edge("country:mali", "organization:g5-sahel", key="MEMBER_OF", type="MEMBER_OF")
    >>> _ = G.add_edge("country:france", "organization:g5-sahel", key="FUNDED", type="FUNDED")
    >>> sorted(ego(G, "Mali"))
    ['country:mali', 'organization:g5-sahel']
    >>> ego(G, "Mali", radius=2).nodes["country:france"]["distance"]
    2
    """
    center = find_node(G, name)
    source = G if include_related else without_related(G)
    distances = nx.single_source_shortest_path_length(
        source.to_undirected(as_view=True), center, cutoff=radius
    )
    sub = source.subgraph(distances).copy()
    sub.graph["center"] = center
    for node, hops in distances.items():
        sub.nodes[node]["distance"] = hops
    return sub
