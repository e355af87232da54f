import math

import networkx as nx
import pytest
from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

from docgraph.analysis import (
    MEASURES,
    betweenness_centrality,
    centrality_table,
    degree_centrality,
    eigenvector_centrality,
    pagerank,
)
from docgraph.analysis._projection import simple_digraph


def test_centrality_degree_counts_distinct_neighbours(tiny_graph):
    degree = degree_centrality(tiny_graph)
    assert degree["country:mali"] == pytest.approx(0.9)  # 9 of 10 others
    assert degree["country:france"] == pytest.approx(0.2)  # FUNDED, DEPLOYED, EXPELLED: one link
    assert degree["event:2020-coup"] == pytest.approx(0.1)


def test_centrality_degree_without_related(tiny_graph):
    degree = degree_centrality(tiny_graph, include_related=False)
    assert degree["country:mali"] == pytest.approx(0.7)
    assert degree["event:2020-coup"] == 0.0


def test_centrality_betweenness_finds_the_broker(tiny_graph):
    between = betweenness_centrality(tiny_graph)
    assert max(between, key=between.get) == "country:mali"
    zero = {n for n, v in between.items() if v == 0}
    assert zero == {
        "country:france",
        "organization:ecowas",
        "organization:european-union",
        "person:assimi-goita",
        "person:dennis-hankins",
        "location:niger-river",
        "event:2020-coup",
    }


def test_centrality_betweenness_weight_makes_strong_ties_short():
    G = nx.MultiDiGraph()
    # a-b-d (strong ties) versus a-c-d (weak ties): with weights only b brokers.
    for u, v, w in [("a", "b", 5), ("b", "d", 5), ("a", "c", 1), ("c", "d", 1)]:
        G.add_edge(u, v, key="RELATED_TO", type="RELATED_TO", weight=w)
    assert betweenness_centrality(G)["b"] == betweenness_centrality(G)["c"]
    weighted = betweenness_centrality(G, weight="weight")
    assert weighted["b"] > 0 and weighted["c"] == 0


def test_centrality_pagerank_sums_to_one_and_ranks_mali_first(tiny_graph):
    pr = pagerank(tiny_graph)
    assert set(pr) == set(tiny_graph)
    assert sum(pr.values()) == pytest.approx(1.0)
    assert max(pr, key=pr.get) == "country:mali"


@pytest.mark.parametrize("weight", [None, "weight"])
def test_centrality_pagerank_matches_networkx(tiny_graph, weight):
    expected = _pagerank_python(simple_digraph(tiny_graph, weight=weight), tol=1e-10)
    assert pagerank(tiny_graph, weight=weight) == pytest.approx(expected, abs=1e-6)


def test_centrality_pagerank_symmetric_types_point_both_ways():
    G = nx.MultiDiGraph()
    G.add_edge("country:a", "country:b", key="DIPLOMATIC_RELATIONS", type="DIPLOMATIC_RELATIONS")
    pr = pagerank(G)
    assert pr["country:a"] == pytest.approx(pr["country:b"])


def test_centrality_pagerank_empty_graph():
    assert pagerank(nx.MultiDiGraph()) == {}


@pytest.mark.parametrize(
    "edges, isolated, expected",
    [
        ([], ["x"], {"x": 0.0}),
        ([("a", "b")], [], {"a": math.sqrt(0.5), "b": math.sqrt(0.5)}),
        ([("a", "b"), ("c", "d")], [], {"a": 0.5, "b": 0.5, "c": 0.5, "d": 0.5}),
        ([("a", "b")], ["x", "y"], {"a": 0.5, "b": 0.5, "x": 0.0, "y": 0.0}),
    ],
)
def test_centrality_eigenvector_disconnected_and_tiny(edges, isolated, expected):
    G = nx.MultiDiGraph()
    G.add_nodes_from(isolated)
    for u, v in edges:
        G.add_edge(u, v, key="MEMBER_OF", type="MEMBER_OF")
    assert eigenvector_centrality(G) == pytest.approx(expected)


def test_centrality_eigenvector_on_tiny_graph_without_related(tiny_graph):
    # Without RELATED_TO the coup is isolated: no crash, a zero score, unit norm overall.
    eig = eigenvector_centrality(tiny_graph, include_related=False)
    assert eig["event:2020-coup"] == 0.0
    assert max(eig, key=eig.get) == "country:mali"
    assert sum(v * v for v in eig.values()) == pytest.approx(10 / 11)


def test_centrality_eigenvector_falls_back_to_numpy(tiny_graph):
    fast = eigenvector_centrality(tiny_graph)
    forced = eigenvector_centrality(tiny_graph, max_iter=1)
    assert forced == pytest.approx(fast, abs=1e-6)


def test_centrality_table_rows(tiny_graph):
    rows = centrality_table(tiny_graph, top=2)
    assert [r["name"] for r in rows] == ["Mali", "G5 Sahel"]
    assert set(rows[0]) == {"id", "name", "label", *MEASURES}
    assert rows[0]["label"] == "Country"
    assert rows[0]["degree"] == pytest.approx(0.9)
    assert len(centrality_table(tiny_graph)) == 11


def test_centrality_table_by_degree_ties_by_name(tiny_graph):
    rows = centrality_table(tiny_graph, by="degree")
    assert [r["name"] for r in rows[:4]] == ["Mali", "G5 Sahel", "Niger", "United States"]


def test_centrality_table_unknown_measure(tiny_graph):
    with pytest.raises(ValueError, match="unknown measure 'closeness'"):
        centrality_table(tiny_graph, by="closeness")
