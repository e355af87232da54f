"""``Entity.to_dict``/``Relation.to_dict`` are the records ``docgraph extract`` prints and
score.py reads: the hand-checked corpus, read into the model, comes back as it was written."""

from __future__ import annotations

import json

from conftest import CORPUS, read_corpus

from docgraph.graph.model import Entity, Evidence, Relation


def test_the_corpus_round_trips_through_to_dict():
    records = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    for graph, record in zip(read_corpus(), records, strict=True):
        written = [{k: v for k, v in e.items() if k != "mentions"} for e in record["entities"]]
        assert [e.to_dict() for e in graph.entities] == written
        for relation, row in zip(graph.relations, record["relations"], strict=True):
            again = relation.to_dict()
            assert (again["source"], again["type"], again["target"]) == (
                row["source"], row["type"], row["target"]
            )  # fmt: skip
            assert again["properties"] == row.get("properties", {})
            canonical = {json.dumps(e, sort_keys=True) for e in again["evidence"]}
            assert canonical == {json.dumps(e, sort_keys=True) for e in row["evidence"]}


def test_entity_dict_lists_the_other_names_sorted_then_the_properties():
    entity = Entity(
        "country:mali",
        "Mali",
        "Country",
        {"Mali", "République du Mali", "Republic of Mali"},
        {"iso": "ML"},
    )
    assert entity.to_dict() == {
        "id": "country:mali",
        "name": "Mali",
        "label": "Country",
        "aliases": ["Republic of Mali", "République du Mali"],
        "iso": "ML",
    }
    assert list(entity.to_dict()) == ["id", "name", "label", "aliases", "iso"]


def test_relation_dict_keeps_evidence_and_rounds_confidence():
    evidence = Evidence("d1", 3, 40, "Mali joined the G5 Sahel.", "pattern", 0.87654)
    relation = Relation(
        "country:mali", "MEMBER_OF", "organization:g5-sahel", {"since": 2014}, [evidence]
    )
    data = relation.to_dict()
    assert data["confidence"] == 0.877
    assert data["evidence"] == [
        {"document": "d1", "sentence": "Mali joined the G5 Sahel.", "start": 3, "end": 40,
         "method": "pattern", "confidence": 0.87654}
    ]  # fmt: skip
    assert list(data) == ["source", "target", "type", "properties", "confidence", "evidence"]
