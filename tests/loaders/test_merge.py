"""Cross-document resolution gives the graph its definition gives, in any order.

The definition (``_oracle``, written out here independently of
:mod:`docgraph.loaders.merge`, in one batch over every document's entities with naive
pairwise comparison): entities of one label that share a folded name or an id slug, or
have two names rapidfuzz finds near-identical, are one entity, transitively; gazetteer
entities are one per id and join nothing by name; an entity takes the name most
documents use (ties to the longest, then the last alphabetically), every name as an
alias; a relation's properties are folded from each document's statement in document
order. :class:`Merger` must end with that graph whatever the order of the documents and
whatever was added and removed on the way: checked on real extraction of a generated
archive and on synthetic documents made to hit every path, then on families of small
documents that show each behaviour.
"""

from __future__ import annotations

import copy
import importlib.util
import itertools
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from anyascii import anyascii
from rapidfuzz import fuzz, process

from docgraph.graph.model import (
    Document,
    DocumentGraph,
    Entity,
    Evidence,
    GraphData,
    Relation,
    entity_id,
    merge_properties,
    slugify,
)
from docgraph.loaders.extract import Extractor
from docgraph.loaders.gazetteer import fold, load_gazetteer
from docgraph.loaders.merge import Merger, _Candidates, near_names
from docgraph.loaders.resolve import FUZZY_CUTOFF, _similar

ROOT = Path(__file__).resolve().parents[2]


def _corpus_module():
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "bench" / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_corpus"] = module
    spec.loader.exec_module(module)
    return module


# --- the definition, in one batch --------------------------------------------------------


def _oracle(states: list[DocumentGraph], gazetteer) -> GraphData:
    items = []  # (doc, local entity, surfaces, anchored)
    for state in states:
        doc = state.document.id
        for e in state.entities:
            surfaces = sorted({" ".join(e.name.split()), *(" ".join(a.split()) for a in e.aliases)})
            items.append((doc, e, surfaces, e.id in gazetteer.entries))
    parent = list(range(len(items)))

    def find(i):
        while parent[i] != i:
            i = parent[i]
        return i

    def union(i, j):
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)

    by_key: dict[tuple, int] = {}
    folded: list[tuple[str, str, int]] = []  # (label, folded name, item)
    for i, (_, e, surfaces, anchored) in enumerate(items):
        if anchored:
            union(i, by_key.setdefault(("gazetteer", e.id), i))
            continue
        union(i, by_key.setdefault((e.label, "id", e.id), i))
        for s in surfaces:
            key_text = fold(s) or fold(anyascii(s))
            keys = [("f", key_text)] if key_text else [("s", slugify(s))]
            for key in keys:
                union(i, by_key.setdefault((e.label, *key), i))
            if len(key_text) >= 9:
                folded.append((e.label, key_text, i))
    names = [f for _, f, _ in folded]
    if names:
        scores = process.cdist(names, names, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        for a, (label_a, name_a, i) in enumerate(folded):
            for b, (label_b, name_b, j) in enumerate(folded):
                if scores[a][b] and label_a == label_b and _similar(name_a, name_b):
                    union(i, j)

    groups = defaultdict(list)
    for i, item in enumerate(items):
        groups[find(i)].append(item)
    graph = GraphData(documents={s.document.id: s.document for s in states})
    owner = {}
    for members in groups.values():
        first = members[0][1]
        anchored = members[0][3]
        if anchored:
            eid, name = first.id, first.name
        else:
            counts = Counter(e.name for _, e, _, _ in members)
            name = max(counts, key=lambda n: (counts[n], len(n), n))
            eid = min(e.id for _, e, _, _ in members if e.name == name)
        entity = Entity(eid, name, first.label)
        for doc, e, surfaces, _ in sorted(members, key=lambda m: (m[0], m[1].id)):
            entity.aliases.update(surfaces)
            entity.mentions[doc] = entity.mentions.get(doc, 0) + sum(e.mentions.values())
            for k, v in e.properties.items():
                entity.properties.setdefault(k, v)
            owner[(doc, e.id)] = eid
        graph.entities[eid] = entity

    statements = defaultdict(list)
    for state in states:
        doc = state.document.id
        for rel in state.relations:
            source, target = owner[(doc, rel.source)], owner[(doc, rel.target)]
            if source == target:
                continue
            key = Relation(source, rel.type, target).key
            spans = tuple((e.start, e.end) for e in sorted(rel.evidence))
            statements[key].append(((doc, spans, rel.source, rel.target), rel))
    for key, stated in statements.items():
        props: dict = {}
        evidence = set()
        for _, rel in sorted(stated, key=lambda s: s[0]):
            merge_properties(props, rel.properties)
            evidence.update(rel.evidence)
        graph.relations[key] = Relation(*key, props, sorted(evidence))
    return graph


def _snapshot(graph: GraphData):
    entities = sorted(
        (e.id, e.name, e.label, sorted(e.aliases), sorted(e.mentions.items()), repr(e.properties))
        for e in graph.entities.values()
    )
    relations = sorted(
        (key, repr(sorted(r.properties.items())), sorted(r.evidence))
        for key, r in graph.relations.items()
    )
    return entities, relations, sorted(graph.documents)


def _merge(states, gazetteer, graph=None, remove=()) -> GraphData:
    graph = graph if graph is not None else GraphData()
    merger = Merger(graph, gazetteer)
    merger.remove(remove)
    for state in states:
        merger.add(copy.deepcopy(state))
    merger.finish()
    return graph


def _play(states, gazetteer, seed: int) -> None:
    """Random batches of adds, changes (a document merged again) and removals, in random
    order, each ending in the graph the definition gives for the documents present."""
    rnd = random.Random(seed)
    order = states[:]
    rnd.shuffle(order)
    graph = _merge(order[: len(order) // 2], gazetteer)
    present = {s.document.id: s for s in order[: len(order) // 2]}
    for _ in range(4):
        gone = rnd.sample(sorted(present), len(present) // 4)
        back = [s for s in order if s.document.id not in present]
        added = rnd.sample(back, min(len(back), rnd.randint(1, 10)))
        changed = rnd.sample(sorted(set(present) - set(gone)), min(3, len(present) - len(gone)))
        for doc_id in gone:
            del present[doc_id]
        batch = added + [present[d] for d in changed]
        rnd.shuffle(batch)
        if rnd.random() < 0.5:
            graph.remove_documents(gone, gazetteer)  # on its own, as ``docgraph remove`` does
            _merge(batch, gazetteer, graph, remove=changed)
        else:
            _merge(batch, gazetteer, graph, remove=[*gone, *changed])
        present.update((s.document.id, s) for s in added)
        assert _snapshot(graph) == _snapshot(_oracle(list(present.values()), gazetteer))


# --- real extraction of a generated archive ------------------------------------------


@pytest.fixture(scope="module")
def fast_states():
    corpus = _corpus_module().Corpus(160, seed=7)
    extractor = Extractor(fast=True)
    docs = [Document(i, f"{i}.txt", t, i) for i, t in corpus.documents()]
    return list(extractor.pipe(docs)), extractor.gazetteer


def test_generated_archive_in_any_order_gives_the_defined_graph(fast_states):
    states, gazetteer = fast_states
    expected = _snapshot(_oracle(states, gazetteer))
    assert len(expected[0]) > 300  # the corpus makes entities recur and grow
    for seed in range(3):
        order = states[:]
        random.Random(seed).shuffle(order)
        assert _snapshot(_merge(order, gazetteer)) == expected


def test_generated_archive_adds_changes_and_removals(fast_states):
    states, gazetteer = fast_states
    _play(states, gazetteer, seed=1)


def test_generated_archive_default_extraction(extractor):
    """With NER, people and spelling variants go through the fuzzy and alias paths."""
    corpus = _corpus_module().Corpus(40, seed=3)
    docs = [Document(i, f"{i}.txt", t, i) for i, t in corpus.documents()]
    states = list(extractor.pipe(docs))
    order = states[::-1]
    graph = _merge(order, extractor.gazetteer)
    assert _snapshot(graph) == _snapshot(_oracle(states, extractor.gazetteer))
    assert any(e.label == "Person" for e in graph.entities.values())
    _play(states, extractor.gazetteer, seed=2)


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
    "Россия",
    "Москва",
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
        doc_id = f"d{d:03d}"
        entities: dict[str, Entity] = {}
        for _ in range(rng.randint(1, 8)):
            if rng.random() < 0.2:
                gid = rng.choice(gazetteer_ids)
                entry = gazetteer.entries[gid]
                entities[gid] = Entity(gid, entry.name, entry.label, {entry.name}, {}, {doc_id: 1})
                continue
            name = rng.choice(stems)
            label = rng.choice(_LABELS)
            aliases = {name, *rng.sample(stems, rng.randint(0, 2))}
            # local ids that do and do not follow the name (the merge must not care)
            eid = f"{label.lower()}:{fold(rng.choice([name, *aliases])) or 'x'}-{d}"
            props = {"k": d} if rng.random() < 0.3 else {}
            entities[eid] = Entity(eid, name, label, aliases, props, {doc_id: rng.randint(1, 3)})
        pool = list(entities.values())
        relations = []
        for _ in range(rng.randint(0, 6)):
            a, b = rng.choice(pool), rng.choice(pool)
            if a.id == b.id:
                continue
            rel_type = rng.choice(["RELATED_TO", "MEMBER_OF", "DIPLOMATIC_RELATIONS"])
            ev = Evidence(doc_id, rng.randint(0, 50), 60, "s", "pattern", 1.0)
            props = {"since": str(1990 + rng.randint(0, 20)), "role": rng.choice("abc")}
            relations.append(Relation(a.id, rel_type, b.id, props, [ev]))
        states.append(DocumentGraph(Document(doc_id, doc_id, "", doc_id), pool, relations))
    return states


@pytest.mark.parametrize("seed", range(20))
def test_synthetic_documents_give_the_defined_graph(seed):
    gazetteer = load_gazetteer("geopolitics")
    states = _synthetic_states(seed, 60, gazetteer)
    order = states[:]
    random.Random(seed).shuffle(order)
    assert _snapshot(_merge(order, gazetteer)) == _snapshot(_oracle(states, gazetteer))
    _play(states, gazetteer, seed)


def test_synthetic_documents_join_and_part_names():
    """The synthetic documents do make entities join across documents and fall apart when
    a document goes; otherwise the tests above prove little."""
    gazetteer = load_gazetteer("geopolitics")
    joined = parted = 0
    for seed in range(5):
        states = _synthetic_states(seed, 60, gazetteer)
        gone = {s.document.id for s in states[::3]}
        graph = _merge(states, gazetteer)
        joined += sum(len(e.mentions) > 1 for e in graph.entities.values())
        survivors = sum(1 for e in graph.entities.values() if not set(e.mentions) <= gone)
        graph.remove_documents(gone)
        parted += len(graph.entities) > survivors  # some entity fell apart
    assert joined > 50 and parted >= 3


# --- families of small documents: one behaviour each ------------------------------------

GAZETTEER = load_gazetteer("geopolitics")


def _doc(doc_id: str, entities: list[tuple[str, str, list[str]]], relations=()) -> DocumentGraph:
    """A document's own graph: entities as (label, name, other names), relations as
    (source name, type, target name, properties)."""
    made = {}
    for label, name, others in entities:
        gid = next(
            (g for g, e in GAZETTEER.entries.items() if e.name == name and e.label == label), None
        )
        eid = gid or entity_id(label, name)
        made[name] = Entity(eid, name, label, {name, *others}, {}, {doc_id: 1})
    rels = [
        Relation(made[a].id, t, made[b].id, dict(p), [Evidence(doc_id, i, i + 5, "s", "test")])
        for i, (a, t, b, p) in enumerate(relations)
    ]
    return DocumentGraph(Document(doc_id, doc_id, "", doc_id), list(made.values()), rels)


LONG = "National Council for Peace and Development"
DEFINES = _doc("a", [("Organization", LONG, ["NCPD"]), ("Country", "Mali", [])],
               [(LONG, "MEMBER_OF", "Mali", {})])  # fmt: skip
SHORT = _doc("b", [("Organization", "NCPD", []), ("Country", "Niger", [])],
             [("NCPD", "MEMBER_OF", "Niger", {})])  # fmt: skip
FULL = _doc("c", [("Organization", LONG, []), ("Country", "France", [])],
            [("France", "FUNDED", LONG, {"year": "2021"})])  # fmt: skip


def _all_orders_equal(states):
    orders = itertools.permutations(states)
    results = {repr(_snapshot(_merge(list(order), GAZETTEER))) for order in orders}
    assert len(results) == 1
    return _merge(states, GAZETTEER)


def test_a_document_that_defines_an_acronym_joins_its_users_and_they_part_without_it():
    graph = _all_orders_equal([DEFINES, SHORT, FULL])
    joined = graph.entities[entity_id("Organization", LONG)]
    assert joined.aliases >= {LONG, "NCPD"} and set(joined.mentions) == {"a", "b", "c"}
    assert ("organization:national-council-for-peace-and-development", "MEMBER_OF",
            "country:niger") in graph.relations  # fmt: skip

    graph.remove_documents(["a"])  # the only document that said NCPD is the Council
    assert _snapshot(graph) == _snapshot(_merge([SHORT, FULL], GAZETTEER))
    assert {"organization:ncpd", "organization:national-council-for-peace-and-development"} <= set(
        graph.entities
    )
    assert ("organization:ncpd", "MEMBER_OF", "country:niger") in graph.relations
    assert ("country:france", "FUNDED", entity_id("Organization", LONG)) in graph.relations

    _merge([DEFINES], GAZETTEER, graph)  # and back
    assert _snapshot(graph) == _snapshot(_merge([FULL, DEFINES, SHORT], GAZETTEER))


def test_an_entity_takes_the_name_most_documents_use_and_its_facts_follow():
    docs = [
        _doc(
            d,
            [("Person", name, []), ("Country", "Senegal", [])],
            [(name, "AMBASSADOR_TO", "Senegal", {})],
        )  # fmt: skip
        for d, name in [
            ("p1", "Moussa Keïta Traoré"),
            ("p2", "Mousa Keita Traoré"),
            ("p3", "Mousa Keita Traoré"),
        ]  # fmt: skip
    ]
    graph = _all_orders_equal(docs)
    [person] = [e for e in graph.entities.values() if e.label == "Person"]
    assert person.name == "Mousa Keita Traoré" and person.id == "person:mousa-keita-traore"
    graph.remove_documents(["p2", "p3"])
    [person] = [e for e in graph.entities.values() if e.label == "Person"]
    assert (person.name, person.id) == ("Moussa Keïta Traoré", "person:moussa-keita-traore")
    assert [k for k in graph.relations if k[1] == "AMBASSADOR_TO"] == [
        ("person:moussa-keita-traore", "AMBASSADOR_TO", "country:senegal")
    ]


def test_gazetteer_entities_join_no_other_by_name():
    """Niger and Nigeria stay two; a name that only shares a gazetteer entity's alias is
    its own entity (no document tied it to the gazetteer entry)."""
    niger = _doc("g1", [("Country", "Niger", ["Niger Republic"])])
    nigeria = _doc("g2", [("Country", "Nigeria", [])])
    band = _doc("g3", [("Organization", "Niger Republic", [])])
    graph = _all_orders_equal([niger, nigeria, band])
    assert {"country:niger", "country:nigeria", "organization:niger-republic"} == set(
        graph.entities
    )


def test_names_with_no_latin_letters_join_their_own_and_their_transliteration():
    """They all fold to the empty string: their transliteration keys them instead."""
    docs = [_doc("r1", [("Country", "Россия", [])]), _doc("r2", [("Location", "Москва", [])]),
            _doc("r3", [("Country", "Россия", [])]), _doc("r4", [("Country", "Беларусь", [])]),
            _doc("r5", [("Country", "Rossiya", [])])]  # fmt: skip
    graph = _all_orders_equal(docs)
    assert sorted((e.name, sorted(e.mentions)) for e in graph.entities.values()) == [
        ("Беларусь", ["r4"]), ("Москва", ["r2"]), ("Россия", ["r1", "r3", "r5"])
    ]  # fmt: skip


def test_properties_fold_in_document_order_whatever_the_merge_order():
    one = _doc("x1", [("Country", "Mali", []), ("Organization", "Alliance of Sahel States", [])],
               [("Mali", "MEMBER_OF", "Alliance of Sahel States", {"role": "founder", "since": "2024"})])  # fmt: skip
    two = _doc("x2", [("Country", "Mali", []), ("Organization", "Alliance of Sahel States", [])],
               [("Mali", "MEMBER_OF", "Alliance of Sahel States", {"role": "member", "since": "2023-09"})])  # fmt: skip
    graph = _all_orders_equal([one, two])
    [rel] = [r for r in graph.relations.values() if r.type == "MEMBER_OF"]
    assert rel.properties == {"role": "founder", "since": "2023-09"}
    graph.remove_documents(["x1"])
    [rel] = [r for r in graph.relations.values() if r.type == "MEMBER_OF"]
    assert rel.properties == {"role": "member", "since": "2023-09"}


def test_a_fact_between_two_names_that_join_is_dropped_and_returns_when_they_part():
    both = _doc("j1", [("Organization", LONG, []), ("Organization", "NCPD", [])],
                [("NCPD", "PART_OF", LONG, {})])  # fmt: skip
    graph = _all_orders_equal([both, DEFINES])
    assert not [k for k in graph.relations if k[1] == "PART_OF"]  # one entity: no self-loop
    graph.remove_documents(["a"])
    assert _snapshot(graph) == _snapshot(_merge([both], GAZETTEER))
    assert [k for k in graph.relations if k[1] == "PART_OF"]


# --- the length prefilter finds what the full scan finds -------------------------------


def _names(rng: random.Random, n: int) -> list[str]:
    base = [fold(s) for s in _STEMS if fold(s)]
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


def test_length_buckets_find_what_the_full_scan_finds():
    rng = random.Random(3)
    checked = found = 0
    for _ in range(60):
        names = list(dict.fromkeys(_names(rng, rng.randint(1, 200))))
        candidates = _Candidates()
        for i, name in enumerate(names):
            candidates.put(name, f"e{i}")
        for query in _names(rng, 40):
            full = sorted(
                n
                for n, _, _ in process.extract(
                    query, names, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=None
                )
                if _similar(query, n)
            )
            assert sorted(near_names(query, candidates)) == full
            checked += 1
            found += bool(full)
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
