"""An incremental build reads only what it touches (TouchedGraph) and writes exactly what
reading the whole graph back, merging and diffing wrote: checked step by step over random
sequences of new and changed documents, on both stores."""

from __future__ import annotations

import copy
import random

import pytest
from conftest import snapshot

import docgraph
from docgraph.graph.diff import diff_graphs
from docgraph.graph.lazy import TouchedGraph
from docgraph.graph.model import Document
from docgraph.graph.stores.neo4j_store import Neo4jStore
from docgraph.loaders.extract import Extractor
from docgraph.loaders.index import ResolutionIndex
from docgraph.loaders.resolve import merge_document

SENTENCES = [
    "Mali is a member of the Economic Community of West African States (ECOWAS).",
    "Niger and Mali established diplomatic relations in 1960.",
    "France deployed troops in Mali under Operation Barkhane.",
    "ECOWAS suspended Mali after the coup.",
    "President Mohamed Bazoum of Niger met Emmanuel Macron in Paris.",
    "Mohammed Bazoum visited Bamako in 2022.",
    "The European Union funded the G5 Sahel joint force.",
    "Burkina Faso left the G5 Sahel in 2022.",
    "Senegal and Mali signed a trade agreement.",
    "The United Nations mission MINUSMA withdrew from Mali.",
    "Russia sent instructors to Mali.",
    "Amadou Toumani Touré was president of Mali.",
]


@pytest.fixture(scope="module")
def extractor():
    return Extractor(fast=True)


def _documents(seed: int, n: int) -> list[Document]:
    rnd = random.Random(seed)
    docs = []
    for i in range(n):
        text = " ".join(rnd.sample(SENTENCES, rnd.randint(2, 5)))
        docs.append(Document(f"doc-{i}", f"doc-{i}.txt", text, f"sha-{seed}-{i}-{text[:8]}"))
    return docs


def _whole_graph_step(store, graphs, gazetteer, removed=()) -> None:
    """The reference: read everything, copy, merge, diff (what builds did before)."""
    existing = store.read_graph()
    updated = existing.copy()
    updated.remove_documents([*removed, *(g.document.id for g in graphs)])
    index = ResolutionIndex(updated, gazetteer)
    for graph in graphs:
        merge_document(updated, copy.deepcopy(graph), gazetteer, index)
    store.apply(diff_graphs(existing, updated))


def _touched_step(store, graphs, gazetteer, removed=()) -> None:
    updated = TouchedGraph(store)
    updated.remove_documents([*removed, *(g.document.id for g in graphs)])
    index = ResolutionIndex(updated, gazetteer)
    for graph in graphs:
        merge_document(updated, copy.deepcopy(graph), gazetteer, index)
    store.apply(updated.diff())


def _play(reference, touched, extractor, seed: int, steps: int) -> None:
    """Random steps of new, changed and removed documents on both paths, compared."""
    rnd = random.Random(seed)
    docs = _documents(seed, 14)
    present: list[Document] = []
    for _ in range(steps):
        batch = [d for d in docs if d not in present][: rnd.randint(1, 3)]
        for old in rnd.sample(present, min(len(present), rnd.randint(0, 2))):
            text = old.text + " " + rnd.choice(SENTENCES)
            batch.append(Document(old.id, old.source, text, f"{old.sha256}+"))
        changed = {d.id for d in batch}
        removed = [d.id for d in present if d.id not in changed and rnd.random() < 0.2]
        present = [d for d in present if d.id not in removed and d.id not in changed] + batch
        graphs = list(extractor.pipe(batch))
        _whole_graph_step(reference, graphs, extractor.gazetteer, removed)
        _touched_step(touched, graphs, extractor.gazetteer, removed)
        assert snapshot(touched) == snapshot(reference)
        assert diff_graphs(reference.read_graph(), touched.read_graph()).is_empty
    assert {d.id for d in present} == set(touched.read_graph().documents)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_touched_reads_write_what_whole_graph_reads_wrote_embedded(tmp_path, extractor, seed):
    with (
        docgraph.open(tmp_path / "reference", create=True) as reference,
        docgraph.open(tmp_path / "touched", create=True) as touched,
    ):
        _play(reference.store, touched.store, extractor, seed, steps=6)


@pytest.mark.neo4j
def test_touched_reads_write_what_whole_graph_reads_wrote_neo4j(neo4j_env, tmp_path, extractor):
    with (
        docgraph.open(tmp_path / "reference", create=True) as reference,
        Neo4jStore(neo4j_env.uri) as touched,
    ):
        _play(reference.store, touched, extractor, seed=4, steps=4)


def test_adding_to_a_store_reads_only_the_entities_it_touches(tmp_path, extractor):
    with docgraph.open(tmp_path / "s", create=True) as graph:
        graph.add([_write(tmp_path / "a", _documents(5, 10))], fast=True, progress=False)
        touched = TouchedGraph(graph.store)
        [doc_graph] = extractor.pipe([Document("new", "new.txt", SENTENCES[0], "x")])
        merge_document(
            touched, doc_graph, extractor.gazetteer, ResolutionIndex(touched, extractor.gazetteer)
        )
        loaded = set(touched.entities.loaded)  # type: ignore[attr-defined]
        stored = len(touched.entities.stored)  # type: ignore[attr-defined]
        assert loaded and len(loaded) < stored  # Mali and ECOWAS, not the whole store
        assert {"country:mali"} <= loaded


def _write(folder, docs):
    folder.mkdir()
    for doc in docs:
        (folder / doc.source).write_text(doc.text, encoding="utf-8")
    return folder
