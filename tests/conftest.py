"""Shared fixtures: the seed, a CLI runner, built stores, and the real Neo4j test server."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(Path(__file__).parent))

import neo4j_server  # noqa: E402

SEED = SHARED / "seed" / "mali_foreign_relations.txt"
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    if not SEED.exists():
        pytest.fail(f"the seed document is missing: {SEED}")
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
def seed_store(tmp_path_factory, seed_dir) -> Path:
    """An embedded store built from the seed, shared read-only by many tests."""
    import docgraph

    store = tmp_path_factory.mktemp("seed-store") / "store"
    with docgraph.build([seed_dir], store=store):
        pass
    return store


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
