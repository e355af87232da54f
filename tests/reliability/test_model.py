"""Issue 14.5 and issue 11 part 4 at the model level: merging a repeated fact is linear,
and entity ids are the same in every process for every name."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from docgraph.graph.model import Entity, Evidence, GraphData, Relation, entity_id

pytestmark = pytest.mark.issue(14)


class CountedEvidence(Evidence):
    """Evidence that counts how often it is hashed: a merge that rebuilds the set of held
    evidence hashes all of it again."""

    __slots__ = ()
    hashes = 0

    def __hash__(self) -> int:
        CountedEvidence.hashes += 1
        return super().__hash__()


def test_merging_a_fact_repeated_by_many_documents_is_linear():
    graph = GraphData()
    n = 3_000
    CountedEvidence.hashes = 0
    for i in range(n):
        ev = CountedEvidence(f"doc-{i:05d}", 0, 10, "Mali and France.", "co-occurrence")
        graph.add_relation(Relation("country:mali", "RELATED_TO", "country:france", {}, [ev]))
    (rel,) = graph.relations.values()
    assert len(rel.evidence) == n
    assert CountedEvidence.hashes < 5 * n  # rebuilding the set each time: ~n²/2


def test_merged_evidence_is_sorted_and_deduplicated_in_any_order():
    rel = Relation("a", "MEMBER_OF", "b", {}, [Evidence("d2", 5, 9, "s")])
    rel.add_evidence([Evidence("d3", 0, 1, "s"), Evidence("d1", 0, 1, "s")])
    rel.add_evidence([Evidence("d1", 0, 1, "s"), Evidence("d2", 5, 9, "s")])
    assert [e.document for e in rel.evidence] == ["d1", "d2", "d3"]
    rel.evidence = [e for e in rel.evidence if e.document != "d2"]  # replaced from outside
    rel.add_evidence([Evidence("d1", 0, 1, "s"), Evidence("d2", 5, 9, "s")])
    assert [e.document for e in rel.evidence] == ["d1", "d2", "d3"]


@pytest.mark.parametrize("seed", range(20))
def test_evidence_stays_sorted_and_unique_across_short_and_long_lists(seed):
    """Short lists are searched and long ones indexed by a set: the result is the same,
    whichever side of the threshold a merge lands on, and after outside changes."""
    import random

    rng = random.Random(seed)
    pool = [Evidence(f"d{i % 13}", i, i + 5, "s") for i in range(40)]
    rel = Relation("a", "MEMBER_OF", "b")
    held: set[Evidence] = set()
    for _ in range(30):
        if rng.random() < 0.15:  # replaced from outside, in any order
            kept = [e for e in rel.evidence if rng.random() < 0.6]
            rng.shuffle(kept)
            rel.evidence = kept
            held = set(kept)
        batch = rng.sample(pool, rng.randint(0, 12))
        rel.add_evidence(batch)
        held.update(batch)
        assert rel.evidence == sorted(held)


def test_removing_documents_forgets_only_what_they_alone_stated():
    graph = GraphData()
    for doc in ("a", "b", "c"):
        graph.add_entity(Entity("country:mali", "Mali", "Country", {"Mali"}, {}, {doc: 1}))
        graph.add_relation(
            Relation("country:mali", "MEMBER_OF", "org:x", {}, [Evidence(doc, 0, 1, "s")])
        )
        graph.add_entity(Entity("org:x", "X", "Organization", {"X"}, {}, {doc: 1}))
    graph.add_entity(Entity("org:y", "Y", "Organization", {"Y"}, {}, {"a": 1}))
    graph.remove_documents(["a", "b"])
    assert graph.entities["country:mali"].mentions == {"c": 1}
    assert graph.entities["org:x"].mentions == {"c": 1}
    assert "org:y" not in graph.entities
    (rel,) = graph.relations.values()
    assert [e.document for e in rel.evidence] == ["c"]


NAMES = ["Россия", "北京", "Ελλάδα", "مصر", "***", "☃"]


def _ids_in_a_new_process(seed: str) -> list[str]:
    code = (
        "from docgraph.graph.model import entity_id\n"
        f"print('\\n'.join(entity_id('Country', n) for n in {NAMES!r}))"
    )
    env = {**os.environ, "PYTHONHASHSEED": seed}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return out.stdout.splitlines()


def test_entity_ids_are_the_same_in_every_process():
    first, second = _ids_in_a_new_process("1"), _ids_in_a_new_process("2")
    assert first == second == [entity_id("Country", n) for n in NAMES]
    assert len(set(first)) == len(NAMES)  # and different names stay apart
    assert first[0] == "country:rossiya" and first[1] == "country:beijing"
    assert entity_id("Country", "Côte d'Ivoire") == "country:cote-d-ivoire"  # as before
