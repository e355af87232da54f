"""Named-query errors name the way out: the available queries, the expected parameters."""

from __future__ import annotations

import pytest

from docgraph.errors import QueryError
from docgraph.queries import named_queries


def test_unknown_named_query_lists_available(seed_graph):
    with pytest.raises(QueryError, match="no named query 'member-of'; available: .*members-of"):
        seed_graph.query("member-of")


@pytest.mark.parametrize(
    ("name", "params", "missing"),
    [
        ("memberships", {}, "country"),
        ("shortest-path", {"source": "Mali"}, "target"),
        ("evidence", {"b": "Mali"}, "a"),
        ("timeline", {"from_year": 2000}, "entity"),
    ],
)
def test_missing_parameter_names_expected(seed_graph, name, params, missing):
    with pytest.raises(QueryError, match=f"needs the parameter '{missing}'; expected: ") as info:
        seed_graph.query(name, **params)
    assert named_queries()[name].signature() in str(info.value)


def test_unknown_parameter_names_expected(seed_graph):
    with pytest.raises(
        QueryError,
        match=r"query 'members-of' has no parameter organisation; expected: org=\"G5 Sahel\"",
    ):
        seed_graph.query("members-of", organisation="G5 Sahel")


def test_signature_marks_required_and_defaults():
    assert named_queries()["timeline"].signature() == "entity, from_year=null, to_year=null"
    assert named_queries()["schema"].signature() == "(none)"


def test_query_past_timeout_stops_with_a_clear_message(runner, seed_store):
    from docgraph.cli import main

    slow = "UNWIND range(1, 5000) AS a UNWIND range(1, 5000) AS b WITH a, b WHERE (a * b) % 7 = 3 RETURN count(*) AS n"
    result = runner.invoke(main, ["query", slow, "--timeout", "0.2", "--store", str(seed_store)])
    assert result.exit_code == 1, result.output
    assert "timeout" in result.stderr and result.stderr.count("\n") == 1


@pytest.mark.neo4j
def test_query_past_timeout_on_neo4j(runner, neo4j_env):
    from docgraph.cli import main

    slow = "UNWIND range(1, 300000000) AS x WITH x WHERE x % 7 = 3 RETURN count(x) AS n"
    result = runner.invoke(main, ["query", slow, "--timeout", "0.5", "--store", neo4j_env.uri])
    assert result.exit_code == 1, result.output
    assert "timeout" in result.stderr and result.stderr.count("\n") == 1


def test_load_takes_a_database_option(runner, neo4j_env):
    from pathlib import Path

    from docgraph.cli import main

    example = Path(__file__).resolve().parents[2] / "examples" / "niger_foreign_relations.txt"
    result = runner.invoke(
        main, ["load", str(example), "--neo4j", neo4j_env.uri, "--database", "nosuchdb"]
    )
    assert result.exit_code == 1 and "no database named 'nosuchdb'" in result.stderr
