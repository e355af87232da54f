"""The kept resolution index merges exactly as the per-document full rebuild did.

``merge_document`` with a :class:`ResolutionIndex` kept across a build must give the same
graph, entity for entity and in the same order, as ``_reference_merge`` (the
old code, kept as the reference) for any sequence of documents: real extraction of a
generated archive, and synthetic documents built to hit every path (exact names and
aliases, an older entity gaining an alias a younger one holds, fuzzy near-matches and
ties, gazetteer ids, renamed and remapped entities, documents removed and merged again).
"""

from __future__ import annotations

import copy
import importlib.util
import random
import sys
from collections import defaultdict
from pathlib import Path

import pytest
from rapidfuzz import fuzz, process

from docgraph.graph.model import Document, DocumentGraph, Entity, Evidence, GraphData, Relation
from docgraph.loaders.extract import Extractor
from docgraph.loaders.gazetteer import Gazetteer, fold, load_gazetteer
from docgraph.loaders.index import ResolutionIndex, _Candidates, best_fuzzy
from docgraph.loaders.resolve import FUZZY_CUTOFF, _is_gazetteer, _similar, merge_document

ROOT = Path(__file__).resolve().parents[2]


def _corpus_module():
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "bench" / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_corpus"] = module
    spec.loader.exec_module(module)
    return module


def _reference_merge(graph: GraphData, state: DocumentGraph, gazetteer: Gazetteer) -> None:
    """The merge as it was before the index was kept, written out independently of
    :mod:`docgraph.loaders.index`: the name index rebuilt from every entity of the graph
    for each document. The oracle the kept index must agree with."""
    index: dict[tuple[str, str], str] = {}
    names_by_label: dict[str, dict[str, str]] = defaultdict(dict)
    for eid, known in graph.entities.items():
        for surface in {known.name, *known.aliases}:
            index.setdefault((known.label, fold(surface)), eid)
        if not _is_gazetteer(known.id, gazetteer):
            names_by_label[known.label][fold(known.name)] = eid

    remap: dict[str, str] = {}
    for entity in state.entities:
        eid = entity.id
        if eid in graph.entities or _is_gazetteer(eid, gazetteer):
            continue
        target = None
        for surface in sorted({entity.name, *entity.aliases}):
            target = index.get((entity.label, fold(surface)))
            if target:
                break
        if target is None and names_by_label[entity.label]:
            hit = process.extractOne(
                fold(entity.name),
                names_by_label[entity.label].keys(),
                scorer=fuzz.ratio,
                score_cutoff=FUZZY_CUTOFF,
            )
            if hit and _similar(hit[0], fold(entity.name)):
                target = names_by_label[entity.label][hit[0]]
        if target and target != eid:
            remap[eid] = target

    for entity in state.entities:
        eid = entity.id
        if eid in remap:
            entity.id = remap[eid]
            entity.name = graph.entities[remap[eid]].name
        graph.add_entity(entity)
    for rel in state.relations:
        rel.source = remap.get(rel.source, rel.source)
        rel.target = remap.get(rel.target, rel.target)
        if rel.source == rel.target:
            continue
        rel.__post_init__()
        graph.add_relation(rel)
    graph.documents[state.document.id] = state.document


def _snapshot(graph: GraphData) -> tuple:
    """Everything a store would write, in the graph's order (order decides later matches)."""
    entities = [
        (e.id, e.name, e.label, sorted(e.aliases), sorted(e.properties.items()), e.mentions)
        for e in graph.entities.values()
    ]
    relations = [
        (k, r.source, r.type, r.target, sorted(map(repr, r.properties.items())), r.evidence)
        for k, r in graph.relations.items()
    ]
    return entities, relations, list(graph.documents)


def _merge_both(
    states: list[DocumentGraph], gazetteer, start: GraphData | None = None
) -> tuple[GraphData, GraphData, ResolutionIndex]:
    old = copy.deepcopy(start) if start is not None else GraphData()
    new = copy.deepcopy(start) if start is not None else GraphData()
    index = ResolutionIndex(new, gazetteer)
    for state in states:
        _reference_merge(old, copy.deepcopy(state), gazetteer)
        merge_document(new, copy.deepcopy(state), gazetteer, index)
    return old, new, index


def _assert_index_current(index: ResolutionIndex, graph: GraphData, gazetteer) -> None:
    """The kept index holds what a fresh one built from the graph would."""
    fresh = ResolutionIndex(graph, gazetteer)
    assert index.exact == fresh.exact
    assert index.order == fresh.order
    assert {k: v.target for k, v in index.candidates.items() if v.target} == {
        k: v.target for k, v in fresh.candidates.items() if v.target
    }
    for label, cands in fresh.candidates.items():
        kept = index.candidates[label]
        for length, bucket in cands.by_length.items():
            assert kept.by_length[length].names == bucket.names


# --- real extraction of a generated archive ------------------------------------------


@pytest.fixture(scope="module")
def fast_states() -> tuple[list[DocumentGraph], object]:
    corpus = _corpus_module().Corpus(160, seed=7)
    extractor = Extractor(fast=True)
    docs = [Document(i, f"{i}.txt", t, i) for i, t in corpus.documents()]
    return list(extractor.pipe(docs)), extractor.gazetteer


def test_generated_archive_merges_the_same(fast_states):
    states, gazetteer = fast_states
    old, new, index = _merge_both(states, gazetteer)
    assert _snapshot(old) == _snapshot(new)
    assert len(new.entities) > 300  # the corpus makes entities recur and grow
    _assert_index_current(index, new, gazetteer)


def test_generated_archive_default_extraction_merges_the_same(extractor):
    """With NER, people and spelling variants go through the fuzzy and alias paths."""
    corpus = _corpus_module().Corpus(40, seed=3)
    docs = [Document(i, f"{i}.txt", t, i) for i, t in corpus.documents()]
    states = list(extractor.pipe(docs))
    old, new, index = _merge_both(states, extractor.gazetteer)
    assert _snapshot(old) == _snapshot(new)
    assert any(e.label == "Person" for e in new.entities.values())
    _assert_index_current(index, new, extractor.gazetteer)


def test_rebuild_after_removed_documents_merges_the_same(fast_states):
    """A build that changes documents removes them first and merges them again."""
    states, gazetteer = fast_states
    first, _, _ = _merge_both(states[:120], gazetteer)
    changed = states[10:40]
    first.remove_documents(s.document.id for s in changed)
    old, new, index = _merge_both(changed + states[120:], gazetteer, start=first)
    assert _snapshot(old) == _snapshot(new)
    _assert_index_current(index, new, gazetteer)


# --- synthetic documents that hit every path -------------------------------------------

_STEMS = [
    "Amadou Traore",
    "Amadou Traoré",
    "Traoré",
    "Aminata Diallo",
    "Aminata Dialo",
    "Council for Water Security",
    "Council for Water Securty",
    "Water Security Council",
    "CWS",
    "Sahel Institute",
    "Sahel Institutes",
    "Mohammed Bazoum",
    "Mohamed Bazoum",
    "Bazoum",
    "Joint Forum",
    "Joint Forums",
    "Ana",
    "Anna",
]
_LABELS = ["Person", "Organization", "Location"]


def _synthetic_states(seed: int, n_docs: int, gazetteer) -> list[DocumentGraph]:
    rng = random.Random(seed)
    gazetteer_ids = sorted(gazetteer.entries)[:40]
    stems = _STEMS + [
        f"{rng.choice(['Ka', 'Mo', 'Sa', 'Ti'])}{rng.choice(['ri', 'la', 'ne'])}"
        f"{rng.choice(['', 'a', 'ou', 'é'])} {rng.choice(['Diop', 'Fall', 'Sow', 'Ba'])}"
        for _ in range(30)
    ]
    states = []
    for d in range(n_docs):
        doc_id = f"d{d}"
        entities: list[Entity] = []
        for _ in range(rng.randint(1, 8)):
            if rng.random() < 0.2:
                gid = rng.choice(gazetteer_ids)
                entry = gazetteer.entries[gid]
                entities.append(Entity(gid, entry.name, entry.label, {entry.name}, {}, {doc_id: 1}))
                continue
            name = rng.choice(stems)
            label = rng.choice(_LABELS)
            aliases = {name, *rng.sample(stems, rng.randint(0, 2))}
            # ids that do and do not follow the name: a renamed or re-labelled entity
            eid = f"{label.lower()}:{fold(rng.choice([name, *aliases]))}"
            entities.append(Entity(eid, name, label, aliases, {"k": d}, {doc_id: 1}))
        relations = []
        for _ in range(rng.randint(0, 6)):
            a, b = rng.choice(entities), rng.choice(entities)
            rel_type = rng.choice(["RELATED_TO", "MEMBER_OF", "DIPLOMATIC_RELATIONS"])
            ev = Evidence(doc_id, rng.randint(0, 50), 60, "s", "pattern", 1.0)
            relations.append(Relation(a.id, rel_type, b.id, {"since": str(1990 + d)}, [ev]))
        states.append(DocumentGraph(Document(doc_id, doc_id, "", doc_id), entities, relations))
    return states


@pytest.mark.parametrize("seed", range(40))
def test_synthetic_documents_merge_the_same(seed):
    gazetteer = load_gazetteer("geopolitics")
    states = _synthetic_states(seed, 60, gazetteer)
    old, new, index = _merge_both(states, gazetteer)
    assert _snapshot(old) == _snapshot(new)
    _assert_index_current(index, new, gazetteer)


def test_synthetic_documents_remapped_and_renamed():
    """The synthetic documents do exercise remapping (an entity renamed to an older one)
    and alias keys taken back by an older entity; otherwise the test above proves little."""
    gazetteer = load_gazetteer("geopolitics")
    remapped = retaken = 0
    for seed in range(10):
        states = _synthetic_states(seed, 60, gazetteer)
        graph = GraphData()
        index = ResolutionIndex(graph, gazetteer)
        for state in states:
            ids = {e.id for e in state.entities}
            before = dict(index.exact)
            merge_document(graph, state, gazetteer, index)
            remapped += len(ids - {e.id for e in state.entities})
            retaken += sum(1 for k, v in before.items() if index.exact[k] != v)
    assert remapped > 50
    assert retaken > 0


def test_index_follows_a_graph_changed_outside():
    """An index whose graph lost entities (a removal outside merge_document) is rebuilt,
    and an index for another graph is not used."""
    gazetteer = load_gazetteer("geopolitics")
    states = _synthetic_states(5, 30, gazetteer)
    graph, ref = GraphData(), GraphData()
    index = ResolutionIndex(graph, gazetteer)
    for state in states[:20]:
        merge_document(graph, copy.deepcopy(state), gazetteer, index)
        _reference_merge(ref, copy.deepcopy(state), gazetteer)
    for g in (graph, ref):
        g.remove_documents(["d3", "d4", "d5"])
    assert index.stale()
    other = ResolutionIndex(GraphData(), gazetteer)
    merge_document(graph, copy.deepcopy(states[20]), gazetteer, other)
    _reference_merge(ref, copy.deepcopy(states[20]), gazetteer)
    for state in states[21:]:
        merge_document(graph, copy.deepcopy(state), gazetteer, index)
        _reference_merge(ref, copy.deepcopy(state), gazetteer)
    assert not index.stale()
    _assert_index_current(index, graph, gazetteer)
    assert _snapshot(graph) == _snapshot(ref)


# --- the length prefilter chooses what the full scan chooses ---------------------------


def _names(rng: random.Random, n: int) -> list[str]:
    base = [fold(s) for s in _STEMS]
    out = []
    for _ in range(n):
        s = list(
            rng.choice(base)
            if rng.random() < 0.7
            else "".join(rng.choice("aeioubcdklmnrst ") for _ in range(rng.randint(1, 30)))
        )
        for _ in range(rng.randint(0, 3)):  # edits: drop, insert, replace a character
            op, at = rng.random(), rng.randrange(len(s) + 1)
            if op < 0.33 and at < len(s):
                del s[at]
            elif op < 0.66:
                s.insert(at, rng.choice("aeiouxyz"))
            elif at < len(s):
                s[at] = rng.choice("aeiouxyz")
        out.append("".join(s))
    return out


@pytest.mark.parametrize("cutoff", [FUZZY_CUTOFF, 80, 95, 100, 50])
def test_length_buckets_choose_what_the_full_scan_chooses(cutoff):
    rng = random.Random(cutoff)
    checked = found = 0
    for _ in range(60):
        names = list(dict.fromkeys(_names(rng, rng.randint(1, 200))))
        candidates = _Candidates()
        for i, name in enumerate(names):
            candidates.put(name, f"e{i}")
        for query in _names(rng, 40):
            full = process.extractOne(query, names, scorer=fuzz.ratio, score_cutoff=cutoff)
            assert best_fuzzy(query, candidates, cutoff) == (full[0] if full else None)
            checked += 1
            found += full is not None
    assert checked == 2400 and found > 200


def test_corpus_is_deterministic_and_names_recur():
    """bench/corpus.py: the same seed gives the same documents, another seed others, and
    names recur across documents (what makes cross-document merging matter)."""
    corpus = _corpus_module()
    a = list(corpus.Corpus(50, seed=1).documents())
    assert a == list(corpus.Corpus(50, seed=1).documents())
    assert a != list(corpus.Corpus(50, seed=2).documents())
    people = corpus.Corpus(50, seed=1).people
    recurring = [p for p in set(people) if sum(p in text for _, text in a) >= 3]
    assert len(recurring) >= 5
    words = [len(text.split()) for _, text in a]
    assert 150 <= sum(words) / len(words) <= 260
