"""Issue 14.7 on the real Neo4j test server: too many failed logins in a row is an
authentication failure (exit 3, as the README says), not a bad query (exit 1)."""

from __future__ import annotations

import time

import pytest

from docgraph.cli import main

pytestmark = [pytest.mark.issue(14), pytest.mark.neo4j]


def test_the_login_rate_limit_is_exit_code_3(runner, neo4j_info, monkeypatch):
    monkeypatch.setenv("NEO4J_USERNAME", neo4j_info.user)
    monkeypatch.setenv("NEO4J_PASSWORD", "not-the-password")
    results = []
    try:
        for _ in range(6):  # Neo4j locks the user after 3 failures in a row (5 s)
            results.append(runner.invoke(main, ["stats", "--store", neo4j_info.uri]))
            if "AuthenticationRateLimit" in results[-1].stderr:
                break
        limited = results[-1]
        assert "AuthenticationRateLimit" in limited.stderr, limited.output
        assert all(r.exit_code == 3 for r in results), [r.output for r in results]
        assert "not-the-password" not in limited.output and "unexpected" not in limited.output
    finally:  # the lock holds for the right password too: let it pass for other tests
        monkeypatch.setenv("NEO4J_PASSWORD", neo4j_info.password)
        deadline = time.monotonic() + 30
        while runner.invoke(main, ["stats", "--store", neo4j_info.uri]).exit_code != 0:
            assert time.monotonic() < deadline, "the test user stayed locked"
            time.sleep(1)
