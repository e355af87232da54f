"""All node metrics at once, in the shape the store's write-back expects."""

from __future__ import annotations

from typing import Any

import networkx as nx

from docgraph.analysis.centrality import (
    betweenness_centrality,
    degree_centrality,
    eigenvector_centrality,
    pagerank,
)
from docgraph.analysis.communities import communities, community_index

__all__ = ["metrics_for_write_back"]


def metrics_for_write_back(
    G: nx.Graph,
    *,
    weight: str | None = None,
    include_related: bool = True,
    seed: int | None = None,
) -> dict[str, dict[Any, float | int]]:
    """Degree, betweenness, PageRank, eigenvector centrality and community of every entity.

    Parameters
    ----------
    G : networkx graph
        The graph from ``Graph.to_networkx()``.
    weight : str or None, default None
        Strength attribute for the centralities (see :func:`pagerank`); communities always
        use the summed ``weight`` attribute.
    include_related : bool, default True
        Use RELATED_TO co-occurrence edges.
    seed : int or None, default None
        Seed for Louvain; pass one for repeatable community numbers.

    Returns
    -------
    dict
        ``{"degree": {...}, "betweenness": {...}, "pagerank": {...}, "eigenvector": {...},
        "community": {...}}``, each ``{node id: value}``; a community is an int, 0 for the
        largest.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("country:mali", "organization:g5-sahel", key="MEMBER_OF", type="MEMBER_OF")
    >>> _ = G.add_edge("country:niger", "organization:g5-sahel", key="MEMBER_OF", type="MEMBER_OF")
    >>> m = metrics_for_write_back(G, seed=0)
    >>> sorted(m), m["degree"]["organization:g5-sahel"], m["community"]["country:mali"]
    (['betweenness', 'community', 'degree', 'eigenvector', 'pagerank'], 1.0, 0)
    """
    return {
        "degree": degree_centrality(G, include_related=include_related),
        "betweenness": betweenness_centrality(G, weight=weight, include_related=include_related),
        "pagerank": pagerank(G, weight=weight, include_related=include_related),
        "eigenvector": eigenvector_centrality(G, weight=weight, include_related=include_related),
        "community": community_index(communities(G, include_related=include_related, seed=seed)),
    }
