"""Incremental builds end where a clean build of the documents present ends.

Random sequences of new, changed and removed documents (``Graph.add``, ``add(prune=True)``
and ``Graph.remove``) over a pool of 50 generated archive documents, in which people and
bodies recur under variant spellings and acronyms, on both stores: after each step the
store holds exactly what a fresh store given the documents present (in another order)
holds. An incremental build also reads only what it touches.
"""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path

import pytest
from conftest import snapshot

import docgraph
from docgraph.graph.lazy import TouchedGraph
from docgraph.graph.model import Document
from docgraph.loaders.extract import Extractor
from docgraph.loaders.merge import Merger

ROOT = Path(__file__).resolve().parents[2]


def _corpus(n: int, seed: int) -> list[Document]:
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "bench" / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_corpus"] = module
    spec.loader.exec_module(module)
    return [
        Document(f"d{i:02d}", f"d{i:02d}.txt", text, "")
        for i, (_, text) in enumerate(module.Corpus(n, seed).documents())
    ]


#: names that documents join and part: an acronym one document defines and others use
#: alone, spellings a near-match joins, facts stated of each form
BANK = [
    "The National Council for Peace and Development (NCPD) signed an agreement with Mali.",
    "The NCPD met officials from Niger in Niamey.",
    "France funded the National Council for Peace and Development in 2021.",
    "Moussa Keïta Traoré is the ambassador of Mali to Senegal.",
    "Mali appointed Mousa Keita Traoré as ambassador to Senegal.",
    "Moussa Keita Traore, the ambassador of Mali, met Macky Sall.",
    "Aminata Diallo Sissoko leads the Sahel Alliance for Water Security (SAWS).",
    "The European Union funded SAWS in 2020.",
    "Niger joined the Sahel Alliance for Water Security in 2019.",
    "Germany funded the Sahel Alliance for Water Security.",
    "The West African Grain Board (WAGB) was founded in Ouagadougou.",
    "Ghana and Togo are members of the West African Grain Board.",
    "WAGB suspended Guinea in 2022.",
    "The West Africa Grain Board admitted Benin.",
]


@pytest.fixture(scope="module")
def pool() -> list[Document]:
    return _pool()


def _pool() -> list[Document]:
    """30 generated archive documents and 20 made of the bank's sentences."""
    rnd = random.Random(11)
    bank = [
        Document(f"b{i:02d}", f"b{i:02d}.txt", " ".join(rnd.sample(BANK, rnd.randint(1, 2))), "")
        for i in range(20)
    ]
    return _corpus(30, seed=7) + bank


def _write(folder: Path, present: dict[str, str]) -> list[Path]:
    """The present documents as files in ``folder`` (others deleted)."""
    folder.mkdir(exist_ok=True)
    for old in folder.iterdir():
        if old.stem not in present:
            old.unlink()
    for doc_id, text in present.items():
        path = folder / f"{doc_id}.txt"
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
    return sorted(folder.iterdir())


def _clean_build(tmp_path: Path, folder: Path, step: int):
    """A fresh store given the documents present (the files of ``folder``), in reverse
    order."""
    paths = sorted(folder.iterdir())
    with docgraph.open(tmp_path / f"clean-{step}.store", create=True) as clean:
        clean.add(list(reversed(paths)), progress=False)
        return snapshot(clean.store)


def _play(graph: docgraph.Graph, tmp_path: Path, pool: list[Document], seed: int, steps: int):
    rnd = random.Random(seed)
    folder = tmp_path / "docs"
    present: dict[str, str] = {}
    for step in range(steps):
        unused = [d for d in pool if d.id not in present]
        for doc in rnd.sample(unused, min(len(unused), rnd.randint(1, 8))):
            present[doc.id] = doc.text
        for doc_id in rnd.sample(sorted(present), min(len(present), rnd.randint(0, 2))):
            present[doc_id] = rnd.choice(pool).text  # changed: another document's text
        gone = rnd.sample(sorted(present), min(len(present) // 3, rnd.randint(0, 4)))
        how = rnd.choice(["remove", "prune", "remove-first"])
        if how == "remove-first":  # taken out before the step's adds
            graph.remove(gone)
        for doc_id in gone:
            del present[doc_id]
        paths = _write(folder, present)
        rnd.shuffle(paths)
        report = graph.add(paths, progress=False, prune=how == "prune")
        assert not report.errors
        if how == "remove":  # by path, after the step's adds
            graph.remove([str(folder / f"{doc_id}.txt") for doc_id in gone])
        nodes, rels = snapshot(graph.store)
        clean_nodes, clean_rels = _clean_build(tmp_path, folder, step)
        where = f"step {step} ({how}, {len(gone)} removed)"
        # the rows that differ, if any, then the whole (duplicates included)
        assert sorted(set(nodes) ^ set(clean_nodes)) == [], where
        assert sorted(set(rels) ^ set(clean_rels)) == [], where
        assert (nodes, rels) == (clean_nodes, clean_rels), where
    assert set(graph.read().documents) == set(present)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_adds_changes_and_removals_end_as_a_clean_build_embedded(tmp_path, pool, seed):
    with docgraph.open(tmp_path / "store", create=True) as graph:
        _play(graph, tmp_path, pool, seed, steps=5)


@pytest.mark.neo4j
def test_adds_changes_and_removals_end_as_a_clean_build_neo4j(neo4j_env, tmp_path, pool):
    with docgraph.open(neo4j_env.uri) as graph:
        _play(graph, tmp_path, pool, seed=4, steps=4)


def test_adding_to_a_store_reads_only_the_entities_it_touches(tmp_path, pool):
    extractor = Extractor()
    with docgraph.open(tmp_path / "s", create=True) as graph:
        paths = _write(tmp_path / "a", {d.id: d.text for d in pool[:20]})
        graph.add(paths, progress=False)
        touched = TouchedGraph(graph.store)
        [doc_graph] = extractor.pipe(
            [Document("new", "new.txt", "Mali is a member of ECOWAS.", "x")]
        )
        merger = Merger(touched, extractor.gazetteer)
        merger.add(doc_graph)
        merger.finish()
        loaded = set(touched.entities.loaded)  # type: ignore[attr-defined]
        stored = len(touched.entities.stored)  # type: ignore[attr-defined]
        assert {"country:mali"} <= loaded and len(loaded) < stored / 10
        assert touched.diff().mentions  # the new document's mentions, and no more
        assert {m[1] for m in touched.diff().mentions} == {"new"}
