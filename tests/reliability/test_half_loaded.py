"""Issue 14.4 (the command line's part): documents a stopped build left without their
content hash are named by ``stats`` and by the next ``build``, which redoes them."""

from __future__ import annotations

import json

import pytest

from docgraph.cli import main

from .conftest import write

pytestmark = pytest.mark.issue(14)


def test_half_loaded_documents_are_named_and_redone(runner, tmp_path):
    docs = tmp_path / "docs"
    write(docs / "a.txt")
    write(docs / "b.txt", "Senegal is a member of ECOWAS.\n")
    store = str(tmp_path / "store")
    assert runner.invoke(main, ["build", str(docs), "--fast", "--store", store]).exit_code == 0
    # what a build killed after writing a document's node, before its hash, leaves
    cut = runner.invoke(
        main, ["query", "MATCH (d:Document {id: 'a'}) REMOVE d.sha256", "--write", "--store", store]
    )
    assert cut.exit_code == 0, cut.output
    stats = runner.invoke(main, ["stats", "--format", "json", "--store", store])
    assert stats.exit_code == 0
    assert json.loads(stats.stdout)["incomplete_documents"] == ["a"]
    assert "not fully loaded" in stats.stderr and ": a;" in stats.stderr
    again = runner.invoke(main, ["build", str(docs), "--fast", "--store", store])
    assert again.exit_code == 0, again.output
    assert "half loaded" in again.stderr and "redone: a" in again.stderr
    assert "1 extracted, 1 unchanged" in again.stdout
    after = runner.invoke(main, ["stats", "--format", "json", "--store", store])
    assert json.loads(after.stdout)["incomplete_documents"] == [] and after.stderr == ""
