"""Fault tests: hostile, huge and broken inputs, each handled per file.

Every test here drives the real reader, extractor and embedded store (``--fast`` where
the extraction itself is beside the point). Tests that take more than a few seconds are
marked ``slow``; ``-m 'not slow'`` leaves them out.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from docgraph.cli import main

#: a short text the fast extractor finds entities and co-occurrence in
TEXT = (
    "Mali and Niger are members of ECOWAS. France deployed troops in Mali in 2013.\n\n"
    "Senegal and Mali signed a treaty in Dakar. Niger joined the G5 Sahel in 2014.\n"
)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: takes more than a few seconds")


def write(path: Path, text: str = TEXT) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def stats(runner, store: Path) -> dict:
    result = runner.invoke(main, ["stats", "--format", "json", "--store", str(store)])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def documents(runner, store: Path) -> dict[str, str]:
    """The store's documents, id → source."""
    result = runner.invoke(
        main,
        [
            "query",
            "MATCH (d:Document) RETURN d.id AS id, d.source AS source",
            "--format",
            "json",
            "--store",
            str(store),
        ],
    )
    assert result.exit_code == 0, result.output
    return {row["id"]: row["source"] for row in json.loads(result.stdout)}
