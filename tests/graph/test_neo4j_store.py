"""Loading into a real Neo4j server: idempotent, safe against hostile text, honest on failure."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import snapshot

import docgraph
from docgraph.cli import main
from docgraph.errors import SchemaError
from docgraph.graph.diff import diff_graphs
from docgraph.graph.model import Entity, Evidence, GraphData, Relation
from docgraph.graph.stores.neo4j_store import Neo4jStore

pytestmark = pytest.mark.neo4j


EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_neo4j_load_three_times_changes_nothing(runner, neo4j_env):
    uri = neo4j_env.uri
    first = runner.invoke(main, ["load", str(EXAMPLES), "--neo4j", uri])
    assert first.exit_code == 0, first.output
    with Neo4jStore(uri) as store:
        before = snapshot(store)
    for _ in range(2):
        again = runner.invoke(main, ["load", str(EXAMPLES), "--neo4j", uri])
        assert again.exit_code == 0 and "no changes" in again.stdout
    with Neo4jStore(uri) as store:
        assert snapshot(store) == before
        typed = store.query(
            "MATCH ()-[r]->() WHERE type(r) <> 'RELATED_TO' AND type(r) <> 'MENTIONED_IN' "
            "RETURN count(r) AS n"
        )
        assert typed[0]["n"] > 0  # the loaded graph has typed edges, and none doubled
        constraints = store.query("SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names")
        assert {"docgraph_entity_id", "docgraph_document_id"} <= set(constraints[0]["names"])


def test_neo4j_and_embedded_hold_the_same_graph(runner, neo4j_env, seed_store):
    result = runner.invoke(main, ["push", "--neo4j", neo4j_env.uri, "--store", str(seed_store)])
    assert result.exit_code == 0, result.output
    with Neo4jStore(neo4j_env.uri) as store, docgraph.open(seed_store) as embedded:
        assert diff_graphs(store.read_graph(), embedded.read()).is_empty
        assert snapshot(store) == snapshot(embedded.store)


def test_neo4j_changed_document_replaces_only_its_evidence(neo4j_env, tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(
        "Mali is a member of ECOWAS. Chad is a member of the African Union.", encoding="utf-8"
    )
    b.write_text("Niger is a member of ECOWAS.", encoding="utf-8")
    with docgraph.open(neo4j_env.uri) as g:
        g.add([a, b])
        a.write_text("Senegal is a member of ECOWAS.", encoding="utf-8")
        g.add([a, b])
        rows = g.query(
            "MATCH (c)-[r:MEMBER_OF]->(o) RETURN c.name AS c, o.name AS o, r.documents AS docs ORDER BY c"
        ).data()
    assert rows == [
        {"c": "Niger", "o": "ECOWAS", "docs": ["b"]},
        {"c": "Senegal", "o": "ECOWAS", "docs": ["a"]},
    ]


HOSTILE = [
    "Quote ' \" name",
    "Back`tick`",
    "x'}) DETACH DELETE n //",
    "$param {rows}",
    "line\nbreak\r\n",
    "nul\x00byte",
    "emoji 🇲🇱 🚀",
    "<script>alert(1)</script>",
    "A" * 10_000,
]


def test_neo4j_hostile_strings_are_stored_verbatim(neo4j_env):
    graph = GraphData()
    for i, name in enumerate(HOSTILE):
        graph.add_entity(Entity(f"person:hostile-{i}", name, "Person", {name[:50]}, mentions={}))
    graph.add_relation(
        Relation(
            "person:hostile-0",
            "RELATED_TO",
            "person:hostile-2",
            evidence=[Evidence("d", 0, 5, HOSTILE[2], "test")],
        )
    )
    with Neo4jStore(neo4j_env.uri) as store:
        store.query("CREATE (:Sentinel {id: 'keep-me'})", write=True)
        store.apply(diff_graphs(GraphData(), graph))
        names = store.query("MATCH (p:Person) RETURN p.id AS id, p.name AS name").records
        assert {r["id"]: r["name"] for r in names} == {
            f"person:hostile-{i}": name for i, name in enumerate(HOSTILE)
        }
        assert store.query("MATCH (s:Sentinel) RETURN count(s) AS n")[0]["n"] == 1
        ev = store.query("MATCH ()-[r:RELATED_TO]->() RETURN r.evidence_sentence AS s")[0]["s"]
        assert ev == [HOSTILE[2]]


@pytest.mark.parametrize("label", ["Bad`Label", "Person:Admin", "x) DETACH DELETE (n", ""])
def test_neo4j_hostile_labels_are_rejected_before_cypher(neo4j_env, label):
    graph = GraphData()
    graph.add_entity(Entity("x:1", "X", label))
    with Neo4jStore(neo4j_env.uri) as store:
        store.query("CREATE (:Sentinel {id: 'keep-me'})", write=True)
        with pytest.raises(SchemaError, match="invalid label"):
            store.apply(diff_graphs(GraphData(), graph))
        assert store.query("MATCH (n) RETURN count(n) AS n")[0]["n"] == 1


@pytest.mark.parametrize("rel_type", ["MEMBER`OF", "A]->(b) DELETE b //", "lower_case"])
def test_neo4j_hostile_types_are_rejected_before_cypher(neo4j_env, rel_type):
    graph = GraphData()
    graph.add_entity(Entity("a:1", "A", "Person"))
    graph.add_entity(Entity("b:1", "B", "Person"))
    graph.add_relation(Relation("a:1", rel_type, "b:1"))
    with Neo4jStore(neo4j_env.uri) as store:
        with pytest.raises(SchemaError, match="invalid relationship type"):
            store.apply(diff_graphs(GraphData(), graph))
        assert store.query("MATCH (n) RETURN count(n) AS n")[0]["n"] == 0


def test_neo4j_wrong_password_host_database_one_line_each(runner, neo4j_env, monkeypatch):
    monkeypatch.setenv("NEO4J_PASSWORD", "not-the-password")
    bad_password = runner.invoke(main, ["stats", "--store", neo4j_env.uri])
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_env.password)
    bad_host = runner.invoke(main, ["stats", "--store", "bolt://127.0.0.1:9"])
    bad_db = runner.invoke(main, ["--database", "nosuchdb", "stats", "--store", neo4j_env.uri])
    for result, words in [
        (bad_password, "credentials"),
        (bad_host, "cannot reach"),
        (bad_db, "no database named 'nosuchdb'"),
    ]:
        assert result.exit_code in (1, 3)
        assert result.stderr.count("\n") == 1 and words in result.stderr, result.stderr
        assert "Traceback" not in result.output
        assert neo4j_env.password not in result.output
    assert bad_password.exit_code == 3 and bad_host.exit_code == 3


def test_neo4j_password_from_stdin(runner, neo4j_env, monkeypatch):
    monkeypatch.delenv("NEO4J_PASSWORD")
    result = runner.invoke(
        main,
        ["--password-stdin", "stats", "--format", "json", "--store", neo4j_env.uri],
        input=neo4j_env.password + "\n",
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["documents"] == 0


def _synthetic_store(path: Path, entities: int, relations: int) -> None:
    graph = GraphData()
    for i in range(entities):
        graph.add_entity(
            Entity(f"country:c{i}", f"Country {i}", "Country", {f"C{i}"}, mentions={"doc": 1})
        )
    for i in range(relations):
        a, b = i % entities, (i * 7 + 1) % entities
        if a == b:
            continue
        graph.add_relation(
            Relation(
                f"country:c{a}",
                "RELATED_TO",
                f"country:c{b}",
                evidence=[Evidence("doc", i, i + 40, f"Sentence {i} about both.", "t")],
            )
        )
    from docgraph.graph.model import Document

    graph.documents["doc"] = Document("doc", "doc.txt", "", "sha")
    with docgraph.open(path, create=True) as g:
        g.store.apply(diff_graphs(GraphData(), graph))


def test_neo4j_server_dies_mid_load_then_rerun_converges(neo4j_env, tmp_path):
    import neo4j_server

    store = tmp_path / "big"
    _synthetic_store(store, 20_000, 60_000)
    env = {**os.environ, "CI": "true"}
    cmd = [
        sys.executable,
        "-m",
        "docgraph.cli",
        "push",
        "--neo4j",
        neo4j_env.uri,
        "--store",
        str(store),
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    deadline = time.monotonic() + 120
    with Neo4jStore(neo4j_env.uri) as probe:
        while time.monotonic() < deadline:
            if probe.query("MATCH (n:Entity) RETURN count(n) AS n")[0]["n"] > 0:
                break
            time.sleep(0.05)
    neo4j_server.stop()
    out, err = proc.communicate(timeout=120)
    restarted = neo4j_server.start(data_dir=Path(neo4j_env.data), port=neo4j_env.port)
    assert restarted.uri == neo4j_env.uri
    assert proc.returncode == 3, (out, err)
    lines = err.strip().splitlines()  # progress lines ("write 3000/80000 rows, …"), then
    assert lines[-1].startswith("Error:") and "Traceback" not in err  # the error, once
    assert all(line.startswith("write ") for line in lines[:-1]), err
    with Neo4jStore(neo4j_env.uri) as partial:
        assert partial.query("MATCH ()-[r:RELATED_TO]->() RETURN count(r) AS n")[0]["n"] < 59_000
    rerun = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    with Neo4jStore(neo4j_env.uri) as loaded, docgraph.open(store) as source:
        assert snapshot(loaded) == snapshot(source.store)


def test_neo4j_push_killed_at_two_moments_then_rerun_converges(neo4j_env, tmp_path):
    """kill -9 of docgraph itself in the middle of a load into Neo4j (the server lives on):
    the rerun leaves the database as one clean load does."""
    import signal

    store = tmp_path / "big"
    _synthetic_store(store, 8_000, 24_000)
    env = {**os.environ, "CI": "true"}
    cmd = [*[sys.executable, "-m", "docgraph.cli"], "push", "--neo4j", neo4j_env.uri]
    cmd += ["--store", str(store)]
    with docgraph.open(store) as source:
        expected = snapshot(source.store)
    for moment in ("first entities written", "first relationships written"):
        with Neo4jStore(neo4j_env.uri) as clean:
            clean.query("MATCH (n) DETACH DELETE n", write=True)
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        probe_query = (
            "MATCH (n:Entity) RETURN count(n) AS n"
            if moment.startswith("first entities")
            else "MATCH ()-[r:RELATED_TO]->() RETURN count(r) AS n"
        )
        deadline = time.monotonic() + 120
        with Neo4jStore(neo4j_env.uri) as probe:
            while time.monotonic() < deadline and proc.poll() is None:
                if probe.query(probe_query)[0]["n"] > 0:
                    break
                time.sleep(0.02)
        if proc.poll() is not None:
            pytest.fail(f"the push ended before '{moment}': the test needs a bigger store")
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        with Neo4jStore(neo4j_env.uri) as partial:
            assert snapshot(partial) != expected, f"killed after {moment}, yet complete"
        rerun = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600)
        assert rerun.returncode == 0, rerun.stderr
        with Neo4jStore(neo4j_env.uri) as loaded:
            assert snapshot(loaded) == expected, f"killed after {moment}"


def test_docker_compose_file_matches_the_tests():
    import yaml

    compose = yaml.safe_load((Path(__file__).parents[2] / "docker-compose.yml").read_text())
    neo = compose["services"]["neo4j"]
    assert neo["image"].startswith("neo4j:5.26")
    ports = " ".join(neo["ports"])
    assert "7474:7474" in ports and "7687:7687" in ports
    auth = neo["environment"]["NEO4J_AUTH"]
    assert "${NEO4J_PASSWORD" in auth and ":?" in auth  # required, no default committed
    assert "healthcheck" in neo and neo["volumes"]


def test_neo4j_shell_reads_statements_and_schema_from_stdin(runner, neo4j_env, seed_store):
    pushed = runner.invoke(main, ["push", "--neo4j", neo4j_env.uri, "--store", str(seed_store)])
    assert pushed.exit_code == 0, pushed.output
    script = (
        ":format json\n"
        "MATCH (c:Country)-[:MEMBER_OF]->(o {name: 'G5 Sahel'}) RETURN c.name AS name\n"
        "ORDER BY name;\n"
        "CREATE (:Mark);\n"
    )
    result = runner.invoke(main, ["shell", "--store", neo4j_env.uri], input=script)
    assert result.exit_code == 1 and "--write" in result.stderr  # the CREATE was refused
    names = [row["name"] for row in json.loads(result.stdout)]
    assert names == sorted({"Mali", "Burkina Faso", "Chad", "Mauritania", "Niger"})
    schema = runner.invoke(
        main, ["shell", "--format", "csv", "--store", neo4j_env.uri], input=":schema\n"
    )
    assert schema.exit_code == 0, schema.stderr
    assert "label,Country," in schema.stdout and "relationship,MEMBER_OF," in schema.stdout
