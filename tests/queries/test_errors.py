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
