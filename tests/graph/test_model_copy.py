"""GraphData.copy: what a build merges into, while the graph read from the store stays as
read (the diff against it is what gets written)."""

from __future__ import annotations

from conftest import read_corpus

from docgraph.graph.diff import diff_graphs
from docgraph.graph.model import Entity, Evidence, GraphData, Relation
from docgraph.loaders.gazetteer import load_gazetteer
from docgraph.loaders.merge import merge_document


def _graph() -> GraphData:
    graph = GraphData()
    for doc_graph in read_corpus():
        merge_document(graph, doc_graph, load_gazetteer())
    graph.add_entity(Entity("person:x", "X", "Person", {"X"}, {"roles": [["a", "b"]]}, {"d": 1}))
    return graph


def test_a_copy_equals_the_graph_and_changes_to_it_stay_in_it():
    original = _graph()
    reference = _graph()
    copy = original.copy()
    assert diff_graphs(original, copy).is_empty

    entity = copy.entities["person:x"]
    entity.aliases.add("Mr X")
    entity.mentions["other"] = 3
    entity.properties["roles"][0].append("c")
    entity.name = "Xavier"
    some = next(r for r in copy.relations.values() if r.type != "RELATED_TO")
    some.properties["since"] = "1900"
    some.add_evidence([Evidence("other", 0, 4, "X met Y.", "test")])
    copy.add_relation(Relation("person:x", "ALLY_OF", "country:mali", {}, [some.evidence[0]]))
    copy.remove_documents([next(iter(copy.documents))])

    assert diff_graphs(reference, original).is_empty  # the original is as it was
    assert not diff_graphs(original, copy).is_empty
