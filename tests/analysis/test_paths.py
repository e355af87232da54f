import networkx as nx
import pytest

from docgraph.analysis import EntityNotFound, NoPath, all_shortest_paths, shortest_path


def _summary(hops):
    return [(h["source"], h["type"], h["direction"], h["target"]) for h in hops]


def test_paths_hops_with_evidence(tiny_graph):
    hops = shortest_path(tiny_graph, "Niger", "French Republic", include_related=False)
    assert _summary(hops) == [
        ("country:niger", "MEMBER_OF", "forward", "organization:g5-sahel"),
        ("organization:g5-sahel", "FUNDED", "backward", "country:france"),
    ]
    assert [h["evidence"][0]["sentence"] for h in hops] == [
        "Niger joined the G5 Sahel in February 2014.",
        "France gave €8 million in aid to the G5 Sahel in 2018.",
    ]
    assert hops[0]["evidence"][0]["document"] == "sahel.txt"
    assert hops[1]["properties"] == {
        "amount": 8_000_000,
        "currency": "EUR",
        "kind": "aid",
        "date": 2018,
    }
    assert (hops[1]["source_name"], hops[1]["target_name"]) == ("G5 Sahel", "France")


def test_paths_best_relationship_per_hop(tiny_graph):
    (hop,) = shortest_path(tiny_graph, "Mali", "France")
    assert (hop["type"], hop["direction"]) == ("EXPELLED", "forward")  # highest confidence
    assert hop["other_types"] == ["DEPLOYED_TROOPS_IN", "FUNDED"]


def test_paths_symmetric_hop(tiny_graph):
    hops = shortest_path(tiny_graph, "Assimi Goïta", "U.S.")
    assert _summary(hops) == [
        ("person:assimi-goita", "LEADER_OF", "forward", "country:mali"),
        ("country:mali", "DIPLOMATIC_RELATIONS", "symmetric", "country:united-states"),
    ]
    assert hops[1]["other_types"] == ["FUNDED"]


def test_paths_all_shortest(tiny_graph):
    paths = all_shortest_paths(tiny_graph, "country:niger", "country:france")
    assert [_summary(p) for p in paths] == [
        [
            ("country:niger", "RELATED_TO", "symmetric", "country:mali"),
            ("country:mali", "EXPELLED", "forward", "country:france"),
        ],
        [
            ("country:niger", "MEMBER_OF", "forward", "organization:g5-sahel"),
            ("organization:g5-sahel", "FUNDED", "backward", "country:france"),
        ],
    ]
    assert len(all_shortest_paths(tiny_graph, "Niger", "France", limit=1)) == 1


def test_paths_same_entity(tiny_graph):
    assert shortest_path(tiny_graph, "Mali", "republic of mali") == []


def test_paths_no_path(tiny_graph):
    with pytest.raises(NoPath, match="no path between 'Niger' and '2020 coup'"):
        shortest_path(tiny_graph, "Niger", "2020 coup", include_related=False)


def test_paths_unknown_entity(tiny_graph):
    with pytest.raises(EntityNotFound, match="'Atlantis'"):
        shortest_path(tiny_graph, "Atlantis", "Mali")


def test_paths_plain_digraph_without_keys():
    G = nx.DiGraph()
    G.add_edge("a", "b", type="MEMBER_OF")
    assert _summary(shortest_path(G, "b", "a")) == [("b", "MEMBER_OF", "backward", "a")]
