"""Taking documents out: `docgraph remove` and `build --prune` leave no trace of them, and
keep what other documents support."""

from __future__ import annotations

import shutil
from pathlib import Path

import docgraph
from docgraph.cli import main

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _corpus(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    shutil.copytree(EXAMPLES, docs)
    return docs


def _traces(store: Path, doc_id: str) -> tuple[int, int]:
    with docgraph.open(store) as graph:
        data = graph.read()
    mentions = sum(doc_id in e.mentions for e in data.entities.values())
    evidence = sum(any(e.document == doc_id for e in r.evidence) for r in data.relations.values())
    return mentions, evidence


def test_remove_by_id_and_by_path_keeps_what_other_documents_support(runner, tmp_path):
    docs, store = _corpus(tmp_path), tmp_path / "store"
    assert runner.invoke(main, ["build", str(docs), "--fast", "--store", str(store)]).exit_code == 0
    with docgraph.open(store) as graph:
        before = graph.read()
    shared = {
        eid for eid, e in before.entities.items()
        if "niger_foreign_relations" in e.mentions and len(e.mentions) > 1
    }  # fmt: skip
    assert shared and _traces(store, "niger_foreign_relations") != (0, 0)

    result = runner.invoke(main, ["remove", "niger_foreign_relations", "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert "removed 1 document(s): niger_foreign_relations" in result.output
    assert _traces(store, "niger_foreign_relations") == (0, 0)
    with docgraph.open(store) as graph:
        after = graph.read()
        assert set(after.documents) == set(before.documents) - {"niger_foreign_relations"}
        assert shared <= set(after.entities)  # the other documents still name them
        assert all(e.mentions for e in after.entities.values())  # none left unsupported
        assert all(r.evidence for r in after.relations.values())

    by_path = runner.invoke(
        main, ["remove", str(docs / "senegal_foreign_relations.txt"), "--store", str(store)]
    )
    assert by_path.exit_code == 0 and "senegal_foreign_relations" in by_path.output
    assert _traces(store, "senegal_foreign_relations") == (0, 0)


def test_remove_of_an_unknown_document_says_so_and_changes_nothing(runner, tmp_path):
    docs, store = _corpus(tmp_path), tmp_path / "store"
    runner.invoke(main, ["build", str(docs), "--fast", "--store", str(store)])
    with docgraph.open(store) as graph:
        before = graph.stats()
    result = runner.invoke(main, ["remove", "no-such-document", "--store", str(store)])
    assert result.exit_code == 1 and "no such document" in result.output
    with docgraph.open(store) as graph:
        assert graph.stats() == before


def test_build_prune_takes_away_files_no_longer_there(runner, tmp_path):
    docs, store = _corpus(tmp_path), tmp_path / "store"
    runner.invoke(main, ["build", str(docs), "--fast", "--store", str(store)])
    (docs / "niger_foreign_relations.txt").unlink()
    kept = runner.invoke(main, ["build", str(docs), "--fast", "--store", str(store)])
    assert kept.exit_code == 0 and _traces(store, "niger_foreign_relations") != (0, 0)
    pruned = runner.invoke(main, ["build", str(docs), "--fast", "--prune", "--store", str(store)])
    assert pruned.exit_code == 0, pruned.output
    assert "removed 1 document(s) no longer in the input" in pruned.output
    assert _traces(store, "niger_foreign_relations") == (0, 0)
    with docgraph.open(store) as graph:
        assert set(graph.read().documents) == {"senegal_foreign_relations", "sahel_security_brief"}


def test_prune_is_skipped_when_some_input_could_not_be_read(runner, tmp_path):
    docs, store = _corpus(tmp_path), tmp_path / "store"
    runner.invoke(main, ["build", str(docs), "--fast", "--store", str(store)])
    (docs / "niger_foreign_relations.txt").write_bytes(b"")  # empty: an input error
    result = runner.invoke(main, ["build", str(docs), "--fast", "--prune", "--store", str(store)])
    assert result.exit_code != 0
    with docgraph.open(store) as graph:  # the unreadable file's document is not taken away
        assert "niger_foreign_relations" in graph.read().documents
