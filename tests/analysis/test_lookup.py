import networkx as nx
import pytest

from docgraph.analysis import AmbiguousEntity, EntityNotFound, find_node
from docgraph.errors import DocgraphError


@pytest.mark.parametrize(
    "name, expected",
    [
        ("country:mali", "country:mali"),
        ("COUNTRY:MALI", "country:mali"),
        ("Mali", "country:mali"),
        ("republic of mali", "country:mali"),
        ("G-5 sahel", "organization:g5-sahel"),
        ("u.s.", "country:united-states"),
        ("Niger", "country:niger"),  # a name beats the river's alias
        ("niger river", "location:niger-river"),
        ("Assimi Goita", "person:assimi-goita"),  # accents ignored
    ],
)
def test_lookup_find_node(tiny_graph, name, expected):
    assert find_node(tiny_graph, name) == expected


def test_lookup_not_found_suggests_close_names(tiny_graph):
    with pytest.raises(
        EntityNotFound, match=r"no entity named 'Malli'; did you mean 'Mali'"
    ) as err:
        find_node(tiny_graph, "Malli")
    assert isinstance(err.value, DocgraphError)
    assert err.value.exit_code == 1
    assert err.value.suggestions[0] == "Mali"


def test_lookup_not_found_without_suggestions(tiny_graph):
    with pytest.raises(EntityNotFound, match=r"^no entity named 'Zzyzx'$"):
        find_node(tiny_graph, "Zzyzx")


def test_lookup_ambiguous_lists_ids():
    G = nx.MultiDiGraph()
    G.add_node("location:georgia", name="Georgia", aliases=[])
    G.add_node("country:georgia", name="Georgia", aliases=[])
    with pytest.raises(AmbiguousEntity, match="country:georgia, location:georgia"):
        find_node(G, "georgia")
    assert find_node(G, "location:georgia") == "location:georgia"
