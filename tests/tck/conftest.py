"""The openCypher TCK as pytest cases: one per scenario and store.

The feature files are fetched from Maven Central on first use (tests/tck/fetch.py,
cached under .cache/tck/). When they cannot be fetched the suite does not skip: a single
failing case says why.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from runner import StoreFactory, kglite_stores, neo4j_stores  # noqa: E402
from suite import tck  # noqa: E402


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "scenario" not in metafunc.fixturenames:
        return
    _, scenarios, problem = tck()
    if problem:
        metafunc.parametrize("scenario", [pytest.param(problem, id="tck-unavailable")])
    else:
        metafunc.parametrize("scenario", scenarios, ids=[s.key for s in scenarios])


@pytest.fixture(scope="session")
def tck_graphs() -> Path:
    root, _, problem = tck()
    if root is None:
        pytest.fail(f"the openCypher TCK is needed and missing: {problem}")
    return root / "graphs"


@pytest.fixture(scope="session")
def embedded_stores() -> Iterator[StoreFactory]:
    with kglite_stores() as factory:
        yield factory


@pytest.fixture(scope="session")
def neo4j_tck_stores(neo4j_info) -> Iterator[StoreFactory]:
    with neo4j_stores(neo4j_info.uri, neo4j_info.user, neo4j_info.password) as factory:
        yield factory
