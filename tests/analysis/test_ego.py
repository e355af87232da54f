import pytest

from docgraph.analysis import ego


@pytest.mark.parametrize(
    "radius, include_related, expected",
    [
        (0, True, {"country:niger"}),
        (
            1,
            True,
            {"country:niger", "country:mali", "organization:g5-sahel", "organization:ecowas"},
        ),
        (1, False, {"country:niger", "organization:g5-sahel", "organization:ecowas"}),
    ],
)
def test_ego_nodes(tiny_graph, radius, include_related, expected):
    sub = ego(tiny_graph, "Niger", radius=radius, include_related=include_related)
    assert set(sub) == expected


def test_ego_keeps_relationships_and_attributes(tiny_graph):
    sub = ego(tiny_graph, "Niger")
    assert sub.graph["center"] == "country:niger"
    assert sorted(sub.edges(keys=True)) == [
        ("country:mali", "country:niger", "RELATED_TO"),
        ("country:mali", "organization:ecowas", "MEMBER_OF"),
        ("country:mali", "organization:g5-sahel", "MEMBER_OF"),
        ("country:niger", "organization:ecowas", "MEMBER_OF"),
        ("country:niger", "organization:g5-sahel", "MEMBER_OF"),
    ]
    assert sub.edges["country:mali", "organization:g5-sahel", "MEMBER_OF"]["status"] == "former"
    assert sub.nodes["country:mali"]["distance"] == 1
    assert sub.nodes["country:mali"]["name"] == "Mali"


def test_ego_is_a_copy(tiny_graph):
    sub = ego(tiny_graph, "Mali", radius=2, include_related=False)
    sub.remove_node("country:niger")
    assert "country:niger" in tiny_graph
    assert "distance" not in tiny_graph.nodes["country:mali"]
    assert not any(t == "RELATED_TO" for _, _, t in sub.edges(keys=True))
