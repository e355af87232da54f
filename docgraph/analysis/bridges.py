"""Where the graph is fragile: bridges and articulation points.

Both are computed on the undirected simple projection: a relationship links its entities
either way, and several relationships between the same two entities are one link.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from docgraph.analysis._projection import simple_graph

__all__ = ["articulation_points", "bridges"]


def bridges(G: nx.Graph, *, include_related: bool = True) -> list[tuple[Any, Any]]:
    """The links whose removal disconnects part of the graph.

    Parameters
    ----------
    G : networkx graph
        The graph from ``Graph.to_networkx()``.
    include_related : bool, default True
        Count RELATED_TO co-occurrence edges as links.

    Returns
    -------
    list of tuple
        ``(u, v)`` node-id pairs with ``u < v``, sorted.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("country:mali", "organization:g5-sahel", key="MEMBER_OF", type="MEMBER_OF")
    >>> _ = G.add_edge("country:niger", "organization:g5-sahel", key="MEMBER_OF", type="MEMBER_OF")
    >>> _ = G.add_edge("country:mali", "country:niger", key="RELATED_TO", type="RELATED_TO")
    >>> bridges(G)
    []
    >>> bridges(G, include_related=False)
    [('country:mali', 'organization:g5-sahel'), ('country:niger', 'organization:g5-sahel')]

    See Also
    --------
    networkx.bridges
    """
    S = simple_graph(G, include_related=include_related)
    pairs = (tuple(sorted((u, v), key=str)) for u, v in nx.bridges(S))
    return sorted(pairs, key=lambda p: (str(p[0]), str(p[1])))


def articulation_points(G: nx.Graph, *, include_related: bool = True) -> list[Any]:
    """The entities whose removal disconnects part of the graph (cut vertices).

    Parameters
    ----------
    G : networkx graph
        The graph from ``Graph.to_networkx()``.
    include_related : bool, default True
        Count RELATED_TO co-occurrence edges as links.

    Returns
    -------
    list
        Node ids, sorted.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("country:mali", "organization:g5-sahel", key="MEMBER_OF", type="MEMBER_OF")
    >>> _ = G.add_edge("country:niger", "organization:g5-sahel", key="MEMBER_OF", type="MEMBER_OF")
    >>> articulation_points(G)
    ['organization:g5-sahel']

    See Also
    --------
    networkx.articulation_points
    """
    S = simple_graph(G, include_related=include_related)
    return sorted(set(nx.articulation_points(S)), key=str)
