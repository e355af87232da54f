"""Read-only queries on Neo4j have no side effects: no server commands, no procedures
that change state, no local files read (issue 14, item 6), on the real test server."""

from __future__ import annotations

import pytest
from neo4j import GraphDatabase

from docgraph.errors import QueryError
from docgraph.graph.stores.neo4j_store import Neo4jStore

pytestmark = pytest.mark.neo4j


@pytest.fixture
def store(neo4j_env):
    with Neo4jStore(neo4j_env.uri) as store:
        yield store


def test_terminate_transactions_is_refused_and_the_other_session_lives(store, neo4j_env):
    driver = GraphDatabase.driver(neo4j_env.uri, auth=neo4j_env.auth)
    with driver, driver.session() as other:
        tx = other.begin_transaction()
        tx.run("CREATE (:Held {by: 'other session'})").consume()
        ids = store.query(
            "SHOW TRANSACTIONS YIELD transactionId, currentQuery "
            "WHERE currentQuery = '' OR currentQuery IS NULL RETURN transactionId AS id"
        ).value()
        assert ids, "the other session's open transaction is listed"
        with pytest.raises(QueryError, match="TERMINATE TRANSACTIONS changes the server"):
            store.query("TERMINATE TRANSACTIONS $ids", {"ids": ids})
        tx.commit()  # still alive: it was not terminated
    assert store.query("MATCH (h:Held) RETURN h.by AS by").value() == ["other session"]


@pytest.mark.parametrize(
    "cypher",
    [
        "CALL db.clearQueryCaches()",
        "CALL db.stats.stop('QUERIES')",
        "CALL db.stats.collect('QUERIES')",
        "call dbms.setConfigValue('db.logs.query.enabled', 'OFF')",
        "CALL db.createLabel('Injected')",
    ],
)
def test_procedures_that_are_not_read_only_are_refused(store, cypher):
    with pytest.raises(QueryError, match="not known to be read-only"):
        store.query(cypher)


def test_read_only_procedures_and_commands_still_answer(store):
    store.query("CREATE (:Country {name: 'Mali'})", write=True)
    assert "Country" in store.query("CALL db.labels() YIELD label RETURN label").value()
    assert store.query("SHOW TRANSACTIONS YIELD transactionId RETURN count(*) AS n").value()[0] >= 1
    # the same words in a string or a comment are not a command
    assert store.query(
        "RETURN 'TERMINATE TRANSACTIONS' AS s // CALL db.clearQueryCaches()"
    ).value() == ["TERMINATE TRANSACTIONS"]


def test_admin_procedure_runs_with_write(store):
    assert store.query("CALL db.clearQueryCaches()", write=True).keys == ["value"]


def test_read_only_session_refuses_a_write(store):
    with pytest.raises(QueryError, match="read-only unless you pass --write"):
        store.query("CREATE (:Injected)")
    assert store.query("MATCH (n:Injected) RETURN count(n) AS n").value() == [0]


def test_load_csv_from_a_local_file_is_refused_when_read_only(store):
    with pytest.raises(QueryError, match="--allow-file-access"):
        store.query("LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row LIMIT 1")
