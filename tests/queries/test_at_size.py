"""Every named query answers on a store the size of a 3,000-document corpus (issue 13: a
query that compared every pair of entities failed there after materialising 10 million
rows). Their speed is bench/named_queries.py's business; here, that they finish and
answer what the generated graph holds."""

from __future__ import annotations

import pytest

import docgraph
from docgraph.graph.diff import diff_graphs
from docgraph.graph.model import Entity, GraphData
from docgraph.queries import REQUIRED, named_queries
from tests.queries.synthetic import synthetic_graph


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    graph = synthetic_graph(3000)
    # look-alikes the review query must find among 19,000 entities
    for eid, name in [
        ("organization:ecowas-x", "ECOWAS"),
        ("organization:ecowas-y", "E.C.O.W.A.S"),
    ]:
        graph.add_entity(Entity(eid, name, "Organization", mentions={"doc-000000": 1}))
    path = tmp_path_factory.mktemp("large") / "store"
    with docgraph.open(path, create=True) as g:
        g.store.apply(diff_graphs(GraphData(), graph))
    g = docgraph.open(path)
    yield graph, g
    g.close()


def test_every_named_query_answers_at_size(large):
    graph, g = large
    country = next(e.name for e in graph.entities.values() if e.label == "Country")
    for name, query in named_queries().items():
        params = {p: country for p, default in query.params.items() if default is REQUIRED}
        g.query(name, **params)  # no error, no engine limit hit


def test_documents_counts_every_documents_relationships_at_size(large):
    graph, g = large
    expected: dict[str, int] = {}
    for rel in graph.relations.values():
        if rel.type != "RELATED_TO":
            for doc in set(rel.documents):
                expected[doc] = expected.get(doc, 0) + 1
    found = {row["document"]: row["relationships"] for row in g.query("documents").data()}
    assert len(found) == 3000 and found == {d: expected.get(d, 0) for d in graph.documents}


def test_near_duplicates_finds_planted_pair_at_size(large):
    _, g = large
    pairs = {
        (frozenset([r["name"], r["other"]]), r["reason"]) for r in g.query("near-duplicates").data()
    }
    assert (frozenset(["E.C.O.W.A.S", "ECOWAS"]), "same name") in pairs


def test_neighbours_and_paths_at_size(large):
    graph, g = large
    rel = next(r for r in graph.relations.values() if r.type == "MEMBER_OF")
    source, target = graph.entities[rel.source].name, graph.entities[rel.target].name
    near = {r["neighbour"]: r["distance"] for r in g.query("neighbours", entity=source).data()}
    assert near[target] == 1
    [hop] = g.query("shortest-path", source=source, target=target, related=False).data()
    assert (hop["from"], hop["to"]) == (source, target)
