import networkx as nx
import pytest

from docgraph.analysis import communities, community_index


def test_communities_two_triangles(two_triangles):
    found = communities(two_triangles, seed=0)
    assert found == [
        {"country:a1", "country:a2", "country:a3"},
        {"country:b1", "country:b2", "country:b3"},
    ]


@pytest.mark.parametrize("seed", [0, 7, 42])
def test_communities_repeatable_with_seed(tiny_graph, seed):
    first = communities(tiny_graph, seed=seed)
    assert communities(tiny_graph, seed=seed) == first
    assert set().union(*first) == set(tiny_graph)
    assert sum(len(c) for c in first) == len(tiny_graph)
    assert [len(c) for c in first] == sorted((len(c) for c in first), reverse=True)


def test_communities_isolated_node_without_related(tiny_graph):
    found = communities(tiny_graph, seed=7, include_related=False)
    assert {"event:2020-coup"} in found
    assert found[-1] == {"event:2020-coup"}


def test_communities_empty_graph():
    assert communities(nx.MultiDiGraph(), seed=0) == []


def test_communities_index(two_triangles):
    index = community_index(communities(two_triangles, seed=0))
    assert index == {
        "country:a1": 0,
        "country:a2": 0,
        "country:a3": 0,
        "country:b1": 1,
        "country:b2": 1,
        "country:b3": 1,
    }
