"""Issue 14.2: a document longer than spaCy's max_length is extracted in pieces with its
offsets kept; a document that fails to extract is named and the others are stored."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docgraph.cli import main
from docgraph.errors import InputError
from docgraph.graph.model import Document
from docgraph.loaders.extract import Extractor, split_pieces
from docgraph.loaders.pipeline import DocState, component

from .conftest import TEXT, stats, write

pytestmark = pytest.mark.issue(14)


@given(st.text(alphabet=st.sampled_from("ab .\n"), max_size=400), st.integers(5, 60))
def test_pieces_cover_the_text_in_order_within_the_size(text, size):
    pieces = split_pieces(text, size)
    assert "".join(p for _, p in pieces) == text
    assert all(0 < len(p) <= size for _, p in pieces)
    assert [o for o, _ in pieces] == [
        sum(len(p) for _, p in pieces[:i]) for i in range(len(pieces))
    ]


def test_pieces_are_cut_between_paragraphs():
    text = "A b c.\n\nD e f.\n\nG h i."
    assert [p for _, p in split_pieces(text, 16)] == ["A b c.\n\nD e f.\n\n", "G h i."]


def _check_evidence(graph, text: str) -> int:
    n = 0
    for rel in graph.relations:
        for e in rel.evidence:
            assert text[e.start : e.end] == e.sentence
            n += 1
    return n


def test_a_document_in_pieces_keeps_its_offsets_and_finds_the_same_facts():
    text = (TEXT + "\n") * 40
    doc = Document("long", "long.txt", text, "0")
    whole = Extractor(fast=True).extract(doc)
    pieces = Extractor(fast=True)
    pieces.max_chars, pieces.piece_chars = 1_000, 700
    cut = pieces.extract(doc)
    assert _check_evidence(cut, text) == _check_evidence(whole, text) > 0
    assert {r.key for r in cut.relations} == {r.key for r in whole.relations}
    assert max(e.start for r in cut.relations for e in r.evidence) > 5_000  # the last pieces


@pytest.mark.slow
def test_a_document_over_a_million_characters_is_stored_with_the_others(runner, tmp_path):
    docs = tmp_path / "docs"
    write(docs / "a-small.txt")
    paragraph = TEXT + "\n"
    write(docs / "huge.txt", paragraph * (1_100_000 // len(paragraph)))
    store = tmp_path / "store"
    result = runner.invoke(main, ["build", str(docs), "--fast", "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert stats(runner, store)["documents"] == 2
    import docgraph

    text = (docs / "huge.txt").read_text(encoding="utf-8")
    with docgraph.open(store) as graph:
        evidence = [
            e for r in graph.read().relations.values() for e in r.evidence if e.document == "huge"
        ]
    assert max(e.start for e in evidence) > 1_000_000
    assert all(text[e.start : e.end] == e.sentence for e in evidence)


@component("fail_on_boom")
def _fail_on_boom(state: DocState) -> DocState:
    """A pipeline step that breaks on one document, as a bug in a rule would."""
    if "BOOM" in state.text:
        raise RuntimeError("a rule broke on this document")
    return state


def test_a_document_that_fails_to_extract_is_named_and_the_others_kept(tmp_path):
    from docgraph.loaders.extract import DEFAULT_PIPELINE

    extractor = Extractor(fast=True, pipeline=["fail_on_boom", *DEFAULT_PIPELINE])
    docs = [
        Document("a", "a.txt", TEXT, "1"),
        Document("b", "b.txt", "BOOM. " + TEXT, "2"),
        Document("c", "c.txt", TEXT, "3"),
    ]
    errors: list[InputError] = []
    graphs = list(extractor.pipe(docs, errors=errors))
    assert [g.document.id for g in graphs] == ["a", "c"]
    assert [e.path for e in errors] == ["b.txt"] and "a rule broke" in errors[0].reason
    with pytest.raises(RuntimeError):  # without an error list, the failure is raised
        list(extractor.pipe(docs))


def test_in_worker_processes_a_failing_document_is_named_too():
    from docgraph.loaders.extract import DEFAULT_PIPELINE

    extractor = Extractor(fast=True, pipeline=["fail_on_boom", *DEFAULT_PIPELINE])
    docs = [
        Document(str(n), f"{n}.txt", ("BOOM. " if n == 2 else "") + TEXT, str(n)) for n in range(6)
    ]
    errors: list[InputError] = []
    graphs = list(extractor.pipe_parallel(docs, 2, errors=errors))
    assert [g.document.id for g in graphs] == ["0", "1", "3", "4", "5"]
    assert [e.path for e in errors] == ["2.txt"]
