"""Which entities matter: degree, betweenness, PageRank and eigenvector centrality.

Every measure takes the graph from ``Graph.to_networkx()`` and returns ``{node id: score}``
for every node. Parallel relationships between two entities count as one link (their
weights summed); ``include_related=False`` leaves out the RELATED_TO co-occurrence edges.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import networkx as nx

from docgraph.analysis._projection import simple_digraph, simple_graph

if TYPE_CHECKING:
    from docgraph.progress import Progress

__all__ = [
    "MEASURES",
    "betweenness_centrality",
    "centrality_table",
    "degree_centrality",
    "eigenvector_centrality",
    "pagerank",
]

#: The measures :func:`centrality_table` reports, in column order.
MEASURES = ("degree", "betweenness", "pagerank", "eigenvector")


def degree_centrality(G: nx.Graph, *, include_related: bool = True) -> dict[Any, float]:
    """The share of the other entities each entity is linked to, in either direction.

    Parameters
    ----------
    G : networkx graph
        The graph from ``Graph.to_networkx()``.
    include_related : bool, default True
        Count RELATED_TO co-occurrence edges.

    Returns
    -------
    dict
        ``{node id: distinct neighbours / (number of nodes - 1)}``.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("country:mali", "organization:g5-sahel", key="MEMBER_OF", type="MEMBER_OF")
    >>> _ = G.add_edge("country:mali", "organization:g5-sahel", key="RELATED_TO", type="RELATED_TO")
    >>> _ = G.add_edge("country:niger", "organization:g5-sahel", key="MEMBER_OF", type="MEMBER_OF")
    >>> degree_centrality(G)
    {'country:mali': 0.5, 'organization:g5-sahel': 1.0, 'country:niger': 0.5}

    See Also
    --------
    networkx.degree_centrality
    """
    return nx.degree_centrality(simple_graph(G, include_related=include_related))


def betweenness_centrality(
    G: nx.Graph,
    *,
    weight: str | None = None,
    normalized: bool = True,
    include_related: bool = True,
    progress: Progress | None = None,
) -> dict[Any, float]:
    """How often each entity lies on the shortest paths between two others (brokers).

    Paths ignore direction: a relationship links its two entities either way.

    Parameters
    ----------
    G : networkx graph
        The graph from ``Graph.to_networkx()``.
    weight : str or None, default None
        Edge attribute giving the strength of a relationship (e.g. ``"weight"``, the
        evidence count). Strengths of parallel relationships are summed and a link of
        strength ``s`` is ``1/s`` long, so strong ties make short paths. ``None`` counts hops.
    normalized : bool, default True
        Divide by the number of pairs of other nodes, as :func:`networkx.betweenness_centrality`.
    include_related : bool, default True
        Use RELATED_TO co-occurrence edges.
    progress : callable or None
        Called as ``progress("betweenness", sources done, sources)``: the measure visits
        every entity once and is the slow one (minutes at tens of thousands of entities).

    Returns
    -------
    dict
        ``{node id: betweenness}``.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("country:mali", "organization:g5-sahel", key="MEMBER_OF", type="MEMBER_OF")
    >>> _ = G.add_edge("country:niger", "organization:g5-sahel", key="MEMBER_OF", type="MEMBER_OF")
    >>> betweenness_centrality(G)
    {'country:mali': 0.0, 'organization:g5-sahel': 1.0, 'country:niger': 0.0}

    See Also
    --------
    networkx.betweenness_centrality
    """
    S = simple_graph(G, weight=weight, include_related=include_related)
    distance = None
    if weight is not None:
        for _, _, d in S.edges(data=True):
            d["distance"] = 1.0 / d["weight"] if d["weight"] > 0 else math.inf
        distance = "distance"
    if progress is None:
        return nx.betweenness_centrality(S, weight=distance, normalized=normalized)
    return _betweenness_reporting(S, distance, normalized, progress)


def _betweenness_reporting(
    S: nx.Graph, weight: str | None, normalized: bool, progress: Progress
) -> dict[Any, float]:
    """:func:`networkx.betweenness_centrality`'s own loop (Brandes: one shortest-path
    search per source), reporting after each source; networkx has no hook for it."""
    from networkx.algorithms.centrality import betweenness as brandes

    scores = dict.fromkeys(S, 0.0)
    total = len(S)
    progress("betweenness", 0, total)
    for done, source in enumerate(S, 1):
        if weight is None:
            order, preds, sigma, _ = brandes._single_source_shortest_path_basic(S, source)
        else:
            order, preds, sigma, _ = brandes._single_source_dijkstra_path_basic(S, source, weight)
        scores, _ = brandes._accumulate_basic(scores, order, preds, sigma, source)
        progress("betweenness", done, total)
    return brandes._rescale(
        scores, len(S), normalized=normalized, directed=S.is_directed(), endpoints=False
    )


def pagerank(
    G: nx.Graph,
    *,
    alpha: float = 0.85,
    weight: str | None = None,
    include_related: bool = True,
    max_iter: int = 1000,
    tol: float = 1.0e-8,
) -> dict[Any, float]:
    """PageRank along the direction of relationships (members → organisation, donor → recipient).

    Symmetric types (DIPLOMATIC_RELATIONS, RELATED_TO) count in both directions. Uses
    :func:`networkx.pagerank` when SciPy is installed, else the same power iteration in
    pure Python.

    Parameters
    ----------
    G : networkx graph
        The graph from ``Graph.to_networkx()``.
    alpha : float, default 0.85
        Damping factor.
    weight : str or None, default None
        Edge attribute with the strength of a relationship, summed over parallel ones;
        ``None`` counts each relationship once.
    include_related : bool, default True
        Use RELATED_TO co-occurrence edges.
    max_iter, tol
        Power-iteration limits, as in :func:`networkx.pagerank`.

    Returns
    -------
    dict
        ``{node id: PageRank}``; the values sum to 1.

    Raises
    ------
    networkx.PowerIterationFailedConvergence
        The iteration did not converge within ``max_iter``.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("country:mali", "organization:g5-sahel", key="MEMBER_OF", type="MEMBER_OF")
    >>> _ = G.add_edge("country:niger", "organization:g5-sahel", key="MEMBER_OF", type="MEMBER_OF")
    >>> pr = pagerank(G)
    >>> max(pr, key=pr.get), round(sum(pr.values()), 6)
    ('organization:g5-sahel', 1.0)

    See Also
    --------
    networkx.pagerank
    """
    D = simple_digraph(G, weight=weight, include_related=include_related)
    if len(D) == 0:
        return {}
    try:
        import scipy  # noqa: F401
    except ImportError:
        return _pagerank_python(D, alpha=alpha, max_iter=max_iter, tol=tol)
    return nx.pagerank(D, alpha=alpha, weight="weight", max_iter=max_iter, tol=tol)


def _pagerank_python(D: nx.DiGraph, *, alpha: float, max_iter: int, tol: float) -> dict[Any, float]:
    n = len(D)
    out_strength = {u: sum(d["weight"] for d in D[u].values()) for u in D}
    dangling = [u for u, s in out_strength.items() if s == 0]
    x = dict.fromkeys(D, 1.0 / n)
    for _ in range(max_iter):
        last = x
        x = dict.fromkeys(D, 0.0)
        for u in D:
            if out_strength[u]:
                share = alpha * last[u] / out_strength[u]
                for v, d in D[u].items():
                    x[v] += share * d["weight"]
        spread = (alpha * sum(last[u] for u in dangling) + (1.0 - alpha)) / n
        for v in x:
            x[v] += spread
        if sum(abs(x[v] - last[v]) for v in x) < n * tol:
            return x
    raise nx.PowerIterationFailedConvergence(max_iter)


def eigenvector_centrality(
    G: nx.Graph,
    *,
    weight: str | None = None,
    include_related: bool = True,
    max_iter: int = 1000,
    tol: float = 1.0e-8,
) -> dict[Any, float]:
    """Eigenvector centrality on the undirected projection, one connected component at a time.

    A knowledge graph is rarely connected and its directed edges form near-DAGs, where the
    plain measure is zero or undefined. Each component with an edge is scored on its own
    (unit norm), then scaled by ``sqrt(component size / nodes)`` so that larger
    components weigh more and the scores of the whole graph have unit norm; an isolated
    entity scores 0. A component where power iteration does not converge is solved
    directly with NumPy.

    Parameters
    ----------
    G : networkx graph
        The graph from ``Graph.to_networkx()``.
    weight : str or None, default None
        Edge attribute with the strength of a relationship, summed over parallel ones;
        ``None`` counts each relationship once.
    include_related : bool, default True
        Use RELATED_TO co-occurrence edges.
    max_iter, tol
        Power-iteration limits per component, as in :func:`networkx.eigenvector_centrality`.

    Returns
    -------
    dict
        ``{node id: eigenvector centrality}``, never negative.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("country:mali", "organization:g5-sahel", key="MEMBER_OF", type="MEMBER_OF")
    >>> G.add_node("country:chad")
    >>> {k: round(v, 3) for k, v in eigenvector_centrality(G).items()}
    {'country:mali': 0.577, 'organization:g5-sahel': 0.577, 'country:chad': 0.0}

    See Also
    --------
    networkx.eigenvector_centrality
    """
    S = simple_graph(G, weight=weight, include_related=include_related)
    n = len(S)
    scores = dict.fromkeys(S, 0.0)
    for nodes in nx.connected_components(S):
        if len(nodes) < 2:
            continue
        part = S.subgraph(nodes)
        try:
            local = nx.eigenvector_centrality(part, weight="weight", max_iter=max_iter, tol=tol)
        except nx.PowerIterationFailedConvergence:
            local = _eigenvector_numpy(part)
        norm = math.sqrt(sum(v * v for v in local.values())) or 1.0
        scale = math.sqrt(len(nodes) / n)
        for node, value in local.items():
            scores[node] = abs(value) / norm * scale
    return scores


def _eigenvector_numpy(S: nx.Graph) -> dict[Any, float]:
    import numpy as np

    nodes = list(S)
    A = nx.to_numpy_array(S, nodelist=nodes, weight="weight")
    _, vectors = np.linalg.eigh(A)
    principal = np.abs(vectors[:, -1])
    return dict(zip(nodes, principal.tolist(), strict=True))


def centrality_table(
    G: nx.Graph,
    top: int | None = None,
    *,
    by: str = "pagerank",
    weight: str | None = None,
    include_related: bool = True,
    progress: Progress | None = None,
) -> list[dict[str, Any]]:
    """One row per entity with its name, label and the four measures, best first.

    Parameters
    ----------
    G : networkx graph
        The graph from ``Graph.to_networkx()``.
    top : int or None, default None
        Keep only the first ``top`` rows.
    by : {"pagerank", "degree", "betweenness", "eigenvector"}, default "pagerank"
        The measure that orders the rows (ties by name, then id).
    weight : str or None, default None
        Passed to the measures that use strengths (betweenness, PageRank, eigenvector).
    include_related : bool, default True
        Use RELATED_TO co-occurrence edges.
    progress : callable or None
        Called as ``progress("centrality", measures done, 4)`` and, inside betweenness, as
        :func:`betweenness_centrality` does.

    Returns
    -------
    list of dict
        Rows with ``id``, ``name``, ``label``, ``degree``, ``betweenness``, ``pagerank``
        and ``eigenvector``.

    Raises
    ------
    ValueError
        ``by`` is not one of the measures.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("country:mali", name="Mali", label="Country")
    >>> G.add_node("country:niger", name="Niger", label="Country")
    >>> G.add_node("organization:g5-sahel", name="G5 Sahel", label="Organization")
    >>> _ = G.add_edge("country:mali", "organization:g5-sahel", key="MEMBER_OF", type="MEMBER_OF")
    >>> _ = G.add_edge("country:niger", "organization:g5-sahel", key="MEMBER_OF", type="MEMBER_OF")
    >>> row = centrality_table(G, top=1)[0]
    >>> row["name"], row["label"], row["degree"], row["betweenness"]
    ('G5 Sahel', 'Organization', 1.0, 1.0)
    """
    if by not in MEASURES:
        raise ValueError(f"unknown measure {by!r}; use one of {', '.join(MEASURES)}")
    measures = {
        "degree": lambda: degree_centrality(G, include_related=include_related),
        "betweenness": lambda: betweenness_centrality(
            G, weight=weight, include_related=include_related, progress=progress
        ),
        "pagerank": lambda: pagerank(G, weight=weight, include_related=include_related),
        "eigenvector": lambda: eigenvector_centrality(
            G, weight=weight, include_related=include_related
        ),
    }
    values = {}
    for done, (measure, compute) in enumerate(measures.items()):
        if progress:
            progress("centrality", done, len(measures))
        values[measure] = compute()
    if progress:
        progress("centrality", len(measures), len(measures))
    rows = [
        {
            "id": node,
            "name": data.get("name") or str(node),
            "label": data.get("label"),
            **{m: values[m].get(node, 0.0) for m in MEASURES},
        }
        for node, data in G.nodes(data=True)
    ]
    rows.sort(key=lambda r: (-r[by], str(r["name"]).casefold(), str(r["id"])))
    return rows if top is None else rows[: max(top, 0)]
