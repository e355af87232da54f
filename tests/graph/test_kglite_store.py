"""The embedded store as users meet it: after a crash, beside another writer, and in what
its answers carry (no engine additions, warnings kept, wrong answers refused)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from docgraph.cli import main
from docgraph.errors import QueryError, StoreUnavailable
from docgraph.graph.diff import diff_graphs
from docgraph.graph.model import Document, Entity, GraphData
from docgraph.graph.stores.kglite_store import GRAPH_FILE, KgliteStore

ROOT = Path(__file__).resolve().parents[2]


def _python(code: str, **kw) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kw,
    )


def test_store_killed_before_its_first_checkpoint_opens(tmp_path, runner):
    folder = tmp_path / "store"
    proc = _python(
        f"""
        import os, signal
        from docgraph.graph.stores.kglite_store import KgliteStore
        store = KgliteStore({str(folder)!r})
        store.query("CREATE (:Document {{id: 'a', source: 'a.txt', sha256: 'x', chars: 1}})",
                    write=True)
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    assert not (folder / GRAPH_FILE).exists()  # only the write-ahead log was written
    assert (folder / (GRAPH_FILE + "-wal")).exists()

    with KgliteStore(folder, create=False) as store:
        assert store.query("MATCH (d:Document) RETURN d.id AS id").value() == ["a"]
    result = runner.invoke(main, ["stats", "--format", "json", "--store", str(folder)])
    assert result.exit_code == 0, result.output
    assert '"documents": 1' in result.stdout


def _two_documents() -> GraphData:
    graph = GraphData()
    for name in ("a", "b"):
        graph.documents[name] = Document(name, f"{name}.txt", "", f"sha-{name}", 10)
        graph.add_entity(Entity(f"country:{name}", name.upper(), "Country", mentions={name: 1}))
    return graph


def test_store_killed_mid_write_names_its_incomplete_documents(tmp_path):
    folder = tmp_path / "store"
    proc = _python(
        f"""
        import os, signal, sys
        sys.path.insert(0, "tests/graph")
        from test_kglite_store import _two_documents
        from docgraph.graph.diff import diff_graphs
        from docgraph.graph.model import GraphData
        from docgraph.graph.stores.kglite_store import KgliteStore
        store = KgliteStore({str(folder)!r})
        store.batch_size = 1
        # killed after the documents and the first entity, before any content hash
        done = []
        def progress(n):
            done.append(n)
            if len(done) == 3:
                os.kill(os.getpid(), signal.SIGKILL)
        store.apply(diff_graphs(GraphData(), _two_documents()), progress)
        """
    )
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL, err
    with KgliteStore(folder, create=False) as store:
        assert store.incomplete_documents() == ["a", "b"]
        store.apply(diff_graphs(store.read_graph(), _two_documents()))
        assert store.incomplete_documents() == []


def test_second_writer_gets_one_clear_line_and_nothing_is_lost(tmp_path, runner):
    folder = tmp_path / "store"
    holder = _python(
        f"""
        import sys
        from docgraph.graph.stores.kglite_store import KgliteStore
        with KgliteStore({str(folder)!r}) as store:
            print("open", flush=True)
            sys.stdin.readline()
            store.query("CREATE (:Mark {{by: 'first'}})", write=True)
        """
    )
    assert holder.stdout.readline().strip() == "open"
    with pytest.raises(StoreUnavailable, match="open in another process") as refused:
        KgliteStore(folder)
    assert "\n" not in str(refused.value)
    cli = runner.invoke(main, ["query", "--store", str(folder), "MATCH (n) RETURN count(n)"])
    assert cli.exit_code == 3 and cli.stderr.count("\n") == 1, cli.output
    assert "open in another process" in cli.stderr and "Traceback" not in cli.output

    holder.communicate("go\n", timeout=60)
    assert holder.returncode == 0
    with KgliteStore(folder) as store:
        store.query("CREATE (:Mark {by: 'second'})", write=True)
    with KgliteStore(folder, create=False) as store:
        assert sorted(store.query("MATCH (m:Mark) RETURN m.by AS by").value()) == [
            "first",
            "second",
        ]


@pytest.fixture
def store(tmp_path):
    with KgliteStore(tmp_path / "store") as store:
        yield store


def test_returned_nodes_carry_only_what_was_stored(store):
    store.query(
        "CREATE ({num: 1}), (:A {name: 'x'}), (:Entity:Country {id: 'country:mali', name: 'Mali'})"
        ", (:Doc {title: 'Own title', type: 'report'})",
        write=True,
    )
    rows = store.query("MATCH (n) RETURN n").value("n")
    got = sorted(((tuple(n["labels"]), sorted(n["properties"].items())) for n in rows), key=repr)
    assert got == sorted(
        [
            ((), [("num", 1)]),
            (("A",), [("name", "x")]),
            (("Country", "Entity"), [("id", "country:mali"), ("name", "Mali")]),
            (("Doc",), [("title", "Own title"), ("type", "report")]),
        ],
        key=repr,
    )
    # maps from properties()/keys() come from the engine: no minted title or type in them
    # (a title equal to the name, and a minted integer id, remain: ENGINE_DIFFERENCES.md)
    nameless = store.query("MATCH (n) WHERE n.num = 1 RETURN properties(n) AS p, keys(n) AS k")
    assert {"title", "type"}.isdisjoint(nameless[0]["p"]) and "num" in nameless[0]["p"]
    assert {"title", "type"}.isdisjoint(nameless[0]["k"])
    assert "type" not in store.query("MATCH (n:Country) RETURN keys(n) AS k")[0]["k"]


def _chain(store: KgliteStore, length: int) -> None:
    store.query(
        "UNWIND range(0, $n - 2) AS i MERGE (a:Hop {i: i}) MERGE (b:Hop {i: i + 1}) "
        "MERGE (a)-[:NEXT]->(b)",
        {"n": length},
        write=True,
    )


def test_unbounded_variable_length_pattern_is_refused_with_a_bound_asked_for(store):
    _chain(store, 15)
    for pattern in ("[:NEXT*]", "[*2..]", "[r:NEXT*..]"):
        with pytest.raises(QueryError, match="no upper bound.*give a maximum"):
            store.query(f"MATCH (a:Hop {{i: 0}})-{pattern}->(b) RETURN count(b) AS n")
    bounded = store.query("MATCH (a:Hop {i: 0})-[:NEXT*1..20]->(b) RETURN count(b) AS n")
    assert bounded.value() == [14]  # every node of the chain, as Neo4j answers `[:NEXT*]`
    # the same characters in a string are not a pattern
    assert store.query("RETURN '-[*]->' AS s").value() == ["-[*]->"]


def test_engine_warnings_reach_the_result_and_stderr(store, capsys):
    store.query("CREATE (:A)-[:KNOWS]->(:B)", write=True)
    result = store.query("MATCH (a)-[:KNOWS|NO_SUCH_TYPE]->(b) RETURN count(*) AS n")
    assert result.value() == [1]
    assert any("NO_SUCH_TYPE" in w for w in result.warnings)
    assert "warning:" in capsys.readouterr().err


def test_load_csv_reads_local_files_only_when_allowed(tmp_path, store):
    data = tmp_path / "rows.csv"
    data.write_text("a\n1\n", encoding="utf-8")
    load = f"LOAD CSV FROM 'file://{data}' AS row RETURN row"
    with pytest.raises(QueryError, match="--allow-file-access"):
        store.query(load)
    assert store.query(load, write=True).value() == [["a"], ["1"]]
    with KgliteStore(tmp_path / "other", allow_file_access=True) as allowed:
        assert allowed.query(load).value() == [["a"], ["1"]]
    # the words inside a string are not the clause
    assert store.query("RETURN 'LOAD CSV FROM x' AS s").value() == ["LOAD CSV FROM x"]


def test_the_lock_is_gone_after_close(tmp_path):
    folder = tmp_path / "store"
    KgliteStore(folder).close()
    with KgliteStore(folder) as again:
        assert again.query("RETURN 1 AS one").value() == [1]
    assert os.path.exists(folder / GRAPH_FILE) or os.path.exists(folder / (GRAPH_FILE + "-wal"))
