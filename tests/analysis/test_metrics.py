import pytest

from docgraph.analysis import (
    communities,
    community_index,
    degree_centrality,
    metrics_for_write_back,
    pagerank,
)


def test_metrics_for_write_back_shape(tiny_graph):
    metrics = metrics_for_write_back(tiny_graph, seed=3)
    assert sorted(metrics) == ["betweenness", "community", "degree", "eigenvector", "pagerank"]
    for values in metrics.values():
        assert set(values) == set(tiny_graph)
    assert metrics["degree"] == degree_centrality(tiny_graph)
    assert metrics["pagerank"] == pytest.approx(pagerank(tiny_graph))
    assert metrics["community"] == community_index(communities(tiny_graph, seed=3))
    assert all(isinstance(v, int) for v in metrics["community"].values())


def test_metrics_for_write_back_repeatable(tiny_graph):
    assert metrics_for_write_back(tiny_graph, seed=1) == metrics_for_write_back(tiny_graph, seed=1)
