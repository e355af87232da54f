from docgraph.analysis import articulation_points, bridges


def test_bridges_exact(tiny_graph):
    assert bridges(tiny_graph) == [
        ("country:mali", "event:2020-coup"),
        ("country:mali", "location:niger-river"),
        ("country:mali", "person:assimi-goita"),
        ("organization:european-union", "organization:g5-sahel"),
    ]


def test_bridges_without_related(tiny_graph):
    assert ("country:mali", "event:2020-coup") not in bridges(tiny_graph, include_related=False)


def test_bridges_articulation_points(tiny_graph):
    assert articulation_points(tiny_graph) == ["country:mali", "organization:g5-sahel"]


def test_bridges_between_communities(two_triangles):
    assert bridges(two_triangles) == [("country:a3", "country:b1")]
    assert articulation_points(two_triangles) == ["country:a3", "country:b1"]
