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
from docgraph.errors import QueryError, SchemaError, StoreUnavailable
from docgraph.graph.diff import diff_graphs
from docgraph.graph.model import Document, Entity, GraphData, Relation
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
        from docgraph.graph.stores.base import Statement
        from docgraph.graph.stores.kglite_store import KgliteStore
        store = KgliteStore({str(folder)!r})
        def batches():  # killed after the first batch is logged, before any checkpoint
            yield Statement("UNWIND $rows AS r CREATE (:Document {{id: r.id, sha256: 'x'}})",
                            [{{"id": "a"}}])
            os.kill(os.getpid(), signal.SIGKILL)
        store._write_batches(batches(), None)
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


@pytest.mark.parametrize(
    "create",
    [
        "CREATE ()",
        "CREATE (:Person {age: 40})",
        "UNWIND range(1, 3) AS i CREATE (:Person {n: i})",
        "MERGE (p:Person {age: 41})",
        "CREATE (:Person {id: 7})",
        "CREATE (:Person {name: 'Ada'}) WITH 1 AS x MATCH (p {name: 'Ada'}) REMOVE p.name",
    ],
)
def test_a_node_without_a_name_has_no_name(store, create):
    store.query(create, write=True)
    rows = store.query(
        "MATCH (n) RETURN n.name AS name, n.name IS NULL AS missing, "
        "coalesce(n.name, 'none') AS shown"
    )
    assert rows.data() and all(
        row == {"name": None, "missing": True, "shown": "none"} for row in rows.data()
    )
    assert store.query("MATCH (n) WHERE n.name IS NULL RETURN count(n) AS n").value() == [len(rows)]
    assert store.query("MATCH (n) RETURN count(DISTINCT n.name) AS n").value() == [0]


def test_given_names_and_titles_stay_when_nameless_nodes_are_cleared(store):
    store.query(
        "CREATE (:A {name: 'Mali'}), (:A {name: ''}), (:B {title: 'Own title'}), (:A)",
        write=True,
    )
    names = store.query("MATCH (n) RETURN n.name AS name ORDER BY name").value()
    assert names == ["", "Mali", "Own title", None]  # kglite reads a title as the name
    assert store.query("MATCH (n:B) RETURN n.title AS t").value() == ["Own title"]


@pytest.mark.parametrize(
    "query",
    [
        "RETURN duration.between(date('1984-10-11'), date('2015-06-24')) AS d",
        "WITH date('2020-01-01') AS a RETURN Duration.Between( a, date() ) AS d",
        "MATCH (n) RETURN duration . between(n.start, n.end) AS d",
    ],
)
def test_duration_between_is_refused_with_the_way_round(store, query):
    with pytest.raises(QueryError, match="duration.between.*inMonths, duration.inDays"):
        store.query(query)


def test_duration_in_days_still_answers(store):
    days = store.query(
        "RETURN duration.inDays(date('2020-01-01'), date('2021-03-05')).days AS d"
    ).value()
    assert days == [429]


@pytest.mark.parametrize(
    "query",
    [
        "RETURN localtime({hour: 12, nanosecond: 645876123}) AS t",
        "RETURN datetime({year: 2017, month: 1, day: 1, nanosecond: 5, timezone: '+01:00'}) AS t",
        "CREATE (:Val {t: localdatetime({year: 1984, month: 10, day: 11, nanosecond: 12})})",
        "RETURN time('12:31:14.645876123') AS t",
        'RETURN localdatetime("2015-07-21T21:40:32.142000001") AS t',
        "WITH localtime({hour: 1, nanosecond: 2}) AS t RETURN t",
        "RETURN localtime.truncate('second', localtime({hour: 1}), {nanosecond: 2}) AS t",
        "RETURN datetime.fromepoch(1, 999999999) AS t",
    ],
)
def test_a_temporal_finer_than_a_microsecond_is_refused(store, query):
    with pytest.raises(QueryError, match="microsecond precision"):
        store.query(query, write=True)


@pytest.mark.parametrize(
    ("query", "answer"),
    [
        ("RETURN localtime({hour: 12, nanosecond: 645876123}).nanosecond AS v", 645876123),
        (
            "RETURN toString(localtime({hour: 12, nanosecond: 645876123})) AS v",
            "12:00:00.645876123",
        ),
        (
            "RETURN toString(localtime.truncate('millisecond', "
            "localtime({hour: 12, nanosecond: 645876123}))) AS v",
            "12:00:00.645",
        ),
        ("RETURN toString(localtime({hour: 12, microsecond: 645876})) AS v", "12:00:00.645876"),
        ("RETURN '3.14159265' AS v", "3.14159265"),
        ("RETURN 'nanosecond: 5' AS v // {nanosecond: 5}", "nanosecond: 5"),
    ],
)
def test_nanoseconds_read_at_coarser_precision_or_as_text_are_answered(store, query, answer):
    assert store.query(query).value() == [answer]


def test_merge_after_delete_in_one_query_is_refused_and_works_as_two(store):
    store.query("CREATE (:A {num: 1}), (:A {num: 2})", write=True)
    for query in (
        "MATCH (a:A) DELETE a MERGE (b:A) RETURN b.num",
        "MATCH (a:A)\nDETACH DELETE a\nWITH count(*) AS gone MERGE (:A {num: 3})",
    ):
        with pytest.raises(QueryError, match="MERGE after a DELETE.*two queries"):
            store.query(query, write=True)
    assert store.query("MATCH (a:A) RETURN count(a) AS n").value() == [2]  # nothing done
    store.query("MATCH (a:A) DELETE a", write=True)
    store.query("MERGE (b:A {num: 3})", write=True)
    assert store.query("MATCH (a:A) RETURN a.num AS n").value() == [3]
    assert store.query("RETURN 'DELETE then MERGE' AS s").value() == ["DELETE then MERGE"]


@pytest.mark.parametrize(
    "query",
    [
        "RETURN 123 AND true",
        "RETURN false OR 'foo'",
        "RETURN [true] XOR [true]",
        "RETURN NOT {x: []}",
        "MATCH (n) WHERE n.x = 1 AND 1.5 RETURN n",
        "RETURN (true AND [1, 2]) AS v",
    ],
)
def test_boolean_operators_on_literals_that_are_not_booleans_are_refused(store, query):
    with pytest.raises(QueryError, match="needs booleans.*InvalidArgumentType"):
        store.query(query)


def test_boolean_operators_between_comparisons_and_membership_tests_answer(store):
    store.query("CREATE (:A {x: 1, tags: ['a', 'b']})", write=True)
    got = store.query(
        "MATCH (n:A) WHERE n.x = 1 AND n.x IN [1, 2] AND NOT 'z' IN n.tags "
        "AND n.tags[0] STARTS WITH 'a' AND NOT n.x > 5 OR false "
        "RETURN true AND null AS maybe, [t IN n.tags WHERE t = 'a' OR t = 'b'] AS both"
    )
    assert got.data() == [{"maybe": None, "both": ["a", "b"]}]


@pytest.mark.parametrize(
    "query",
    [
        "MATCH ()-[r]-(), (r) RETURN r",
        "MATCH (r) MATCH ()-[r]->() RETURN r",
        "MATCH ()-[r:T]->(r) RETURN r",
        "MATCH (a)-[r]->()-[r]->(a) RETURN r",
    ],
)
def test_a_variable_cannot_be_a_node_and_a_relationship(store, query):
    store.query("CREATE (:A)-[:T]->(:B)", write=True)
    with pytest.raises(QueryError, match="relationship"):
        store.query(query)


def test_relationship_variables_reused_across_clauses_answer(store):
    store.query("CREATE (:A)-[:T]->(:B)", write=True)
    got = store.query("MATCH (a)-[r:T]->(b) MATCH (b)<-[r]-(a) RETURN count(r) AS n, type(r) AS t")
    assert got.data() == [{"n": 1, "t": "T"}]


def test_a_small_change_stays_in_the_log_and_another_process_sees_it(tmp_path):
    """Closing after a small write (or a read) does not rewrite the checkpoint: the log
    holds the change durably, and the next open, in any process, replays it."""
    folder = tmp_path / "store"
    with KgliteStore(folder) as store:
        store.query("UNWIND range(1, 2000) AS i CREATE (:Document {id: toString(i)})", write=True)
        store.save(force=True)
    checkpoint = folder / GRAPH_FILE
    before = checkpoint.stat().st_mtime_ns
    with KgliteStore(folder) as store:
        store.query("CREATE (:Document {id: 'late'})", write=True)
    with KgliteStore(folder) as store:
        assert store.query("MATCH (d:Document) RETURN count(d) AS n").value() == [2001]
    assert checkpoint.stat().st_mtime_ns == before
    proc = _python(
        f"""
        from docgraph.graph.stores.kglite_store import KgliteStore
        with KgliteStore({str(folder)!r}, create=False) as store:
            print(store.query("MATCH (d:Document {{id: 'late'}}) RETURN count(d) AS n").value())
        """
    )
    out, err = proc.communicate(timeout=60)
    assert out.strip() == "[1]", err


def test_the_log_is_folded_into_the_checkpoint_once_it_grows(tmp_path):
    folder = tmp_path / "store"
    with KgliteStore(folder) as store:
        store.query("CREATE (:Document {id: 'first'})", write=True)
        store.save(force=True)
    log = folder / (GRAPH_FILE + "-wal")
    with KgliteStore(folder) as store:  # far more than a quarter of the checkpoint
        store.query("UNWIND range(1, 500) AS i CREATE (:Document {id: toString(i)})", write=True)
    assert log.stat().st_size < 100  # folded: the log is back to its header
    with KgliteStore(folder) as store:
        assert store.query("MATCH (d:Document) RETURN count(d) AS n").value() == [501]


@pytest.mark.parametrize(
    "query",
    [
        "MATCH (n) RETURN id(n) AS i",
        "MATCH (a)-[r]->(b) WHERE ID( r ) > 0 RETURN a",
        "MATCH (n) WITH n ORDER BY id(n) RETURN n.name",
        "MATCH (n) RETURN [x IN collect(n) | id(x)] AS ids",
        "MATCH (n) RETURN `id`(n) AS i",
        "MATCH (n) RETURN id // the internal one\n(n) AS i",
    ],
)
def test_id_function_is_refused_with_the_way_round(store, query):
    with pytest.raises(QueryError, match=r"id\(n\) answers with the node's id property.*elementId"):
        store.query(query)


@pytest.mark.parametrize(
    "query",
    [
        "MATCH (n) RETURN elementId(n) AS i",
        "MATCH (n) RETURN n.id AS i",
        "MATCH (n) WHERE n.name <> 'id(n)' RETURN n",
        "MATCH (n) RETURN n.`id` AS i, n {.id} AS m",
        "MATCH (n) RETURN n.name AS `id` // id(n) is not asked\n",
        "MATCH (n) WHERE n.name <> '`id`(' RETURN size(n.name) AS valid",
    ],
)
def test_element_ids_and_the_id_property_still_answer(store, query):
    store.query("CREATE (:A {id: 'a:1', name: 'x'})", write=True)
    rows = store.query(query).data()
    assert len(rows) == 1 and None not in rows[0].values()  # answered, for the one node


def test_writes_in_a_long_session_fold_the_log_without_closing(tmp_path):
    """kglite's own fold (every 16 MiB, from a background thread) is off; the store folds
    the log after a user's write once it passes a quarter of the checkpoint, so a
    notebook that writes for hours does not grow the log without bound."""
    folder = tmp_path / "store"
    log, checkpoint = folder / (GRAPH_FILE + "-wal"), folder / GRAPH_FILE
    with KgliteStore(folder) as store:
        store.query("UNWIND range(1, 2000) AS i CREATE (:Document {id: toString(i)})", write=True)
        store.save(force=True)
        before = checkpoint.stat().st_mtime_ns
        sizes = []
        for step in range(30):
            store.query(
                "UNWIND range(1, 200) AS i CREATE (:Document {id: $p + toString(i)})",
                {"p": f"s{step}-"},
                write=True,
            )
            sizes.append(log.stat().st_size)
        assert checkpoint.stat().st_mtime_ns != before  # folded while still open
        assert max(sizes) < 0.5 * checkpoint.stat().st_size
        assert store.query("MATCH (d:Document) RETURN count(d) AS n").value() == [2000 + 30 * 200]


@pytest.mark.parametrize(
    ("label", "rel_type", "message"),
    [
        ("Person", "MEMBER`OF", "invalid relationship type"),
        ("Person", "A]->(b) DELETE b //", "invalid relationship type"),
        ("Bad`Label", "MEMBER_OF", "invalid label"),
    ],
)
def test_a_hostile_label_or_type_stops_the_load_before_anything_is_written(
    tmp_path, label, rel_type, message
):
    """Batches are made as they are written; the labels and types are all checked
    before the first one, so documents and entities written before the relationships
    do not land either."""
    graph = GraphData()
    graph.documents["d"] = Document("d", "d.txt", "", "sha-d", 10)
    for i in range(3):
        graph.add_entity(Entity(f"person:{i}", f"P{i}", "Person", mentions={"d": 1}))
    graph.add_entity(Entity("x:1", "X", label, mentions={"d": 1}))
    graph.add_relation(Relation("person:0", rel_type, "person:1"))
    with KgliteStore(tmp_path / "store") as store:
        store.batch_size = 1
        with pytest.raises(SchemaError, match=message):
            store.apply(diff_graphs(GraphData(), graph))
        assert store.query("MATCH (n) RETURN count(n) AS n").value() == [0]
