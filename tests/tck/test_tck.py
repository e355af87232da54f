"""Every openCypher TCK scenario on the embedded store and on Neo4j, through docgraph.

A scenario passes, or fails exactly as its store's known-failures file says. A new
failure fails the suite, and so does a listed scenario that now passes (take it off the
list: it only shrinks).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from gherkin import Scenario
from runner import PASS, StoreFactory, play, read_known
from suite import tck

HERE = Path(__file__).parent
KNOWN = {
    "embedded": read_known(HERE / "known_failures_embedded.txt"),
    "neo4j": read_known(HERE / "known_failures_neo4j.txt"),
}


def check(store: str, scenario: Scenario | str, factory: StoreFactory, graphs: Path) -> None:
    if isinstance(scenario, str):  # the TCK could not be fetched
        pytest.fail(scenario)
    outcome = play(scenario, factory, graphs)
    listed = KNOWN[store].get(scenario.key)
    if listed is None:
        assert outcome.status == PASS, f"{outcome.status}: {outcome.detail}"
    elif outcome.status == PASS:
        pytest.fail(f"listed as '{listed}' but passes now: take it off the {store} list")
    else:
        assert outcome.status == listed, (
            f"listed as '{listed}', now '{outcome.status}': {outcome.detail}"
        )


def test_tck_embedded(scenario, embedded_stores, tck_graphs) -> None:
    check("embedded", scenario, embedded_stores, tck_graphs)


@pytest.mark.neo4j
def test_tck_neo4j(scenario, neo4j_tck_stores, tck_graphs) -> None:
    check("neo4j", scenario, neo4j_tck_stores, tck_graphs)


def test_known_lists_name_real_scenarios() -> None:
    """A typo or a renamed scenario in a list would otherwise hide nothing and pass."""
    _, scenarios, problem = tck()
    assert not problem, problem
    keys = {s.key for s in scenarios}
    for store, known in KNOWN.items():
        assert set(known) <= keys, f"{store}: {sorted(set(known) - keys)[:5]}"
