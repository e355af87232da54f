"""Shared fixtures: the hand-built corpus and its stores, the seed (optional), a CLI runner,
and the real Neo4j test server."""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(Path(__file__).parent))

import neo4j_server  # noqa: E402

SEED = SHARED / "seed" / "mali_foreign_relations.txt"
EXAMPLES = ROOT / "examples"
#: the frozen, hand-checked graph that query, view, CLI and API tests run on (one JSON
#: object per document, in the shape ``docgraph extract --format jsonl`` prints, plus each
#: document's text, sha256 and each entity's mentions)
CORPUS = Path(__file__).parent / "data" / "corpus.jsonl"
SEED_DOC = "mali_foreign_relations"


def read_corpus(path: Path = CORPUS, documents: Iterable[str] | None = None) -> list:
    """The corpus file as :class:`DocumentGraph` objects, without running the extractor
    (each line is a shard record: ``docgraph.loaders.shards.graph_of`` reads it)."""
    from docgraph.loaders.shards import graph_of

    wanted = None if documents is None else set(documents)
    graphs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        if wanted is not None and record["document"]["id"] not in wanted:
            continue
        graphs.append(graph_of(record))
    if wanted is not None and {g.document.id for g in graphs} != wanted:
        raise ValueError(f"{path} lacks documents: {wanted - {g.document.id for g in graphs}}")
    return graphs


def corpus_text(doc_id: str = SEED_DOC) -> str:
    """A document's text as the corpus file holds it (what evidence offsets refer to)."""
    [graph] = read_corpus(documents=[doc_id])
    return graph.document.text


def load_corpus(location, documents: Iterable[str] | None = None, path: Path = CORPUS):
    """Write the hand-built corpus (or some of its documents) into the store at
    ``location`` the way ``Graph.add`` merges extracted documents, minus the extraction."""
    import copy

    import docgraph
    from docgraph.graph.diff import diff_graphs
    from docgraph.loaders.gazetteer import load_gazetteer
    from docgraph.loaders.merge import Merger

    with docgraph.open(location, create=True) as graph:
        existing = graph.read()
        updated = copy.deepcopy(existing)
        merger = Merger(updated, load_gazetteer())
        doc_graphs = list(read_corpus(path, documents))
        merger.remove(g.document.id for g in doc_graphs)
        for doc_graph in doc_graphs:
            merger.add(doc_graph)
        merger.finish()
        graph.store.apply(diff_graphs(existing, updated))
    return location


@pytest.fixture(scope="session")
def seed_path() -> Path:
    if not SEED.exists():
        pytest.skip(f"the seed document is not here (needs ../shared): {SEED}")
    return SEED


@pytest.fixture(scope="session")
def seed_dir(tmp_path_factory, seed_path) -> Path:
    folder = tmp_path_factory.mktemp("seed")
    shutil.copy(seed_path, folder / seed_path.name)
    return folder


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def extractor():
    from docgraph.loaders.extract import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory) -> Path:
    """An embedded store holding the hand-built graph of the seed document alone (from
    tests/data/corpus.jsonl, no extraction), shared read-only by many tests."""
    return load_corpus(tmp_path_factory.mktemp("seed-store") / "store", [SEED_DOC])


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The seed document's text as the corpus holds it: evidence offsets slice it."""
    return corpus_text(SEED_DOC)


@pytest.fixture
def seed_graph(seed_store):
    import docgraph

    with docgraph.open(seed_store) as graph:
        yield graph


@pytest.fixture(scope="session")
def neo4j_info():
    """The running test Neo4j (started by scripts/test, or here when run alone).

    Under CI an unreachable Neo4j fails the tests; it never skips them.
    """
    info = neo4j_server.info()
    started_here = False
    if info is None:
        try:
            info = neo4j_server.start()
            started_here = True
        except Exception as exc:  # noqa: BLE001
            pytest.fail(f"the test Neo4j server cannot be started: {exc}")
    os.environ.setdefault("NEO4J_USERNAME", info.user)
    yield info
    if started_here:
        neo4j_server.stop()


@pytest.fixture
def neo4j_env(neo4j_info, monkeypatch):
    """A clean test database and the credentials in the environment, as a user sets them."""
    monkeypatch.setenv("NEO4J_URI", neo4j_info.uri)
    monkeypatch.setenv("NEO4J_USERNAME", neo4j_info.user)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_info.password)
    from docgraph.graph.stores.neo4j_store import Neo4jStore

    with Neo4jStore(neo4j_info.uri) as store:
        store.query("MATCH (n) DETACH DELETE n", write=True)
    return neo4j_info


def snapshot(store) -> tuple[list, list]:
    """Every node (labels, properties) and relationship (ends, type, properties), sorted."""
    nodes = store.query("MATCH (n) RETURN labels(n) AS labels, properties(n) AS props").records
    rels = store.query(
        "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS props"
    ).records

    def clean(props):
        return {k: v for k, v in props.items() if k not in ("title", "type")}

    node_rows = sorted(
        (sorted(x for x in r["labels"]), sorted(clean(r["props"]).items(), key=str)) for r in nodes
    )
    rel_rows = sorted(
        (r["a"], r["t"], r["b"], sorted(clean(r["props"]).items(), key=str)) for r in rels
    )
    return [repr(x) for x in node_rows], [repr(x) for x in rel_rows]
