"""Which entities belong together: Louvain communities on the undirected projection."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from docgraph.analysis._projection import simple_graph

__all__ = ["communities", "community_index"]


def communities(
    G: nx.Graph,
    *,
    weight: str | None = "weight",
    resolution: float = 1.0,
    seed: int | None = None,
    include_related: bool = True,
) -> list[set[Any]]:
    """Louvain communities, largest first.

    Runs :func:`networkx.community.louvain_communities` on the undirected simple
    projection, where the weights of parallel relationships are summed. The same ``seed``
    gives the same communities.

    Parameters
    ----------
    G : networkx graph
        The graph from ``Graph.to_networkx()``.
    weight : str or None, default "weight"
        Edge attribute with the strength of a relationship (the evidence count in docgraph;
        the number of shared sentences for RELATED_TO); ``None`` counts each relationship once.
    resolution : float, default 1.0
        Below 1 favours larger communities, above 1 smaller ones.
    seed : int, random.Random or None, default None
        Seed for Louvain's node order; pass one for repeatable results.
    include_related : bool, default True
        Use RELATED_TO co-occurrence edges.

    Returns
    -------
    list of set
        Node-id sets sorted by size (largest first), ties by their smallest id. Every node
        is in exactly one set; an isolated entity is a community of its own.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("country:mali", "country:niger", key="RELATED_TO", type="RELATED_TO", weight=3)
    >>> G.add_node("country:chad")
    >>> [sorted(c) for c in communities(G, seed=1)]
    [['country:mali', 'country:niger'], ['country:chad']]

    See Also
    --------
    community_index : node → position in this list.
    networkx.community.louvain_communities
    """
    S = simple_graph(G, weight=weight, include_related=include_related)
    if len(S) == 0:
        return []
    found = nx.community.louvain_communities(S, weight="weight", resolution=resolution, seed=seed)
    return sorted((set(c) for c in found), key=lambda c: (-len(c), min(map(str, c))))


def community_index(groups: Iterable[Iterable[Any]]) -> dict[Any, int]:
    """Map each node to the position of its community in ``groups``.

    Parameters
    ----------
    groups : iterable of sets
        Communities, e.g. from :func:`communities` (largest first, so 0 is the largest).

    Returns
    -------
    dict
        ``{node id: community number}``.

    Examples
    --------
    >>> community_index([{"country:mali", "country:niger"}, {"country:chad"}])["country:chad"]
    1
    """
    return {node: i for i, group in enumerate(groups) for node in sorted(group, key=str)}
