"""Fixtures for the query tests: the hand-built corpus (seed + examples), embedded and in Neo4j."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from conftest import load_corpus


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory):
    """An embedded store holding the whole hand-built corpus (the seed and the three
    documents of examples/, from tests/data/corpus.jsonl), with no extraction."""
    return load_corpus(tmp_path_factory.mktemp("corpus-store") / "store")


@pytest.fixture(scope="module")
def both_stores(corpus_store, neo4j_info):
    """The same graph in the embedded store and in the test Neo4j: ``(embedded, neo4j)``.

    The Neo4j copy is written from the embedded graph through the normal diff/apply path,
    so a difference in answers is a difference in the engines, not in extraction.
    """
    import docgraph
    from docgraph.graph.diff import diff_graphs

    embedded = docgraph.open(corpus_store)
    neo4j = docgraph.open(neo4j_info.uri, username=neo4j_info.user, password=neo4j_info.password)
    neo4j.store.query("MATCH (n) DETACH DELETE n", write=True)
    neo4j.store.apply(diff_graphs(neo4j.read(), embedded.read()))
    yield embedded, neo4j
    neo4j.store.query("MATCH (n) DETACH DELETE n", write=True)
    neo4j.close()
    embedded.close()


def _normalise(value: Any) -> Any:
    """Plain rows made comparable: floats rounded, node labels sorted (see ENGINE_DIFFERENCES)."""
    if isinstance(value, float):
        return round(value, 6) if math.isfinite(value) else value
    if isinstance(value, dict):
        out = {k: _normalise(v) for k, v in value.items()}
        if isinstance(out.get("labels"), list):
            out["labels"] = sorted(out["labels"])
        return out
    if isinstance(value, list):
        return [_normalise(v) for v in value]
    return value


def _comparable(result, *, ordered: bool) -> list[dict[str, Any]]:
    rows = [_normalise(row) for row in result.data()]
    if not ordered:
        rows.sort(key=lambda row: json.dumps(row, sort_keys=True, ensure_ascii=False))
    return rows


@pytest.fixture(scope="session")
def comparable():
    """``comparable(result, ordered=...)``: rows via ``QueryResult.data()``, normalised, and
    sorted unless the query fixes the order."""
    return _comparable
