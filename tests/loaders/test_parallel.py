"""``-j N``: extraction in worker processes gives the graph one process gives, and a worker
that dies costs only the document it died on.

The documents come from ``bench/corpus.py``: people and bodies recur across documents,
spelt differently, so the cross-document merge depends on the order documents arrive in
and a reordering shows up in the graph.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
import time
from pathlib import Path

import pytest

import docgraph
from docgraph.errors import InputError
from docgraph.graph.model import Document, GraphData
from docgraph.loaders import extract
from docgraph.loaders.extract import DEFAULT_PIPELINE, Extractor
from docgraph.loaders.pipeline import DocState, component

ROOT = Path(__file__).resolve().parents[2]
#: a document with this text kills the worker process extracting it
KILL = "KILL-THE-WORKER"


@component("test_kill_worker")
def _kill_worker(state: DocState) -> DocState:
    """A pipeline step that ends its process on one document, as a crash in native code
    or the out-of-memory killer would: no exception, no clean-up, the process is gone."""
    if KILL in state.text:
        os._exit(70)
    return state


@component("test_killed_once")
def _killed_once(state: DocState) -> DocState:
    """Ends its process the first time it meets the document, as the out-of-memory killer
    would on a busy machine: extracted again, the document is fine."""
    marker = Path(os.environ["DOCGRAPH_TEST_KILLED"])
    if KILL in state.text and not marker.exists():
        marker.write_text("killed", encoding="utf-8")
        os._exit(137)
    return state


@component("test_kill_on_cue")
def _kill_on_cue(state: DocState) -> DocState:
    """Ends its process on the marked document once the file the environment names exists,
    so the test decides when the pool breaks."""
    if KILL in state.text:
        cue = Path(os.environ["DOCGRAPH_TEST_CUE"])
        while not cue.exists():
            time.sleep(0.01)
        os._exit(137)
    return state


@component("test_note_process")
def _note_process(state: DocState) -> DocState:
    """Records which process extracted the document, in the file the environment names."""
    with open(os.environ["DOCGRAPH_TEST_PIDS"], "a", encoding="utf-8") as out:
        out.write(f"{os.getpid()}\n")
    return state


def _corpus(n: int) -> list[Document]:
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "bench" / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_corpus", module)
    spec.loader.exec_module(module)
    return [Document(i, f"{i}.txt", t, i) for i, t in module.Corpus(n, 3).documents()]


def _write_jsonl(path: Path, docs: list[Document]) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for d in docs:
            out.write(json.dumps({"id": d.id, "text": d.text}, ensure_ascii=False) + "\n")
    return path


def _build(tmp_path: Path, name: str, source: Path, processes: int) -> tuple[GraphData, list]:
    graph = docgraph.build([source], store=tmp_path / name, processes=processes)
    with graph:
        assert graph.last_build is not None
        return graph.read(), graph.last_build.errors


def _rows(data: GraphData) -> tuple:
    """Everything a user could compare, in the order the store gives it."""
    entities = [
        (e.id, e.name, e.label, sorted(e.aliases), sorted(e.mentions.items()), e.properties)
        for e in data.entities.values()
    ]
    relations = sorted(
        (r.source, r.type, r.target, json.dumps(r.properties, sort_keys=True), r.evidence)
        for r in data.relations.values()
    )
    return entities, relations, sorted(data.documents)


@pytest.fixture(scope="module")
def docs() -> list[Document]:
    return _corpus(40)


def test_a_two_process_build_is_the_one_process_build(tmp_path, docs):
    source = _write_jsonl(tmp_path / "corpus.jsonl", docs)
    one, errors_one = _build(tmp_path, "one", source, 1)
    two, errors_two = _build(tmp_path, "two", source, 2)
    assert errors_one == [] and errors_two == []
    assert len(one.documents) == len(docs) and len(one.entities) > 50
    assert sum(len(r.evidence) for r in one.relations.values()) > 100
    assert _rows(two) == _rows(one)


def test_workers_extract_in_input_order_whatever_finishes_first(tmp_path, docs, monkeypatch):
    # one document per batch and a window of two: the workers race, the merge must not
    pids = tmp_path / "pids"
    monkeypatch.setenv("DOCGRAPH_TEST_PIDS", str(pids))
    extractor = Extractor(pipeline=[*DEFAULT_PIPELINE, "test_note_process"])
    serial = list(extractor.pipe(docs))
    pids.unlink()
    parallel = list(extractor.pipe_parallel(docs, 2, batch_size=1))
    assert [g.document.id for g in parallel] == [d.id for d in docs]
    assert [(g.entities, g.relations) for g in parallel] == [
        (g.entities, g.relations) for g in serial
    ]
    workers = set(pids.read_text(encoding="utf-8").split())
    assert len(workers) == 2 and str(os.getpid()) not in workers


def test_a_worker_that_dies_is_reported_on_its_document_and_nothing_else_is_lost(
    tmp_path, docs, monkeypatch
):
    victim = 13
    killing = [
        Document(d.id, d.source, d.text + (f" {KILL}." if n == victim else ""), d.sha256)
        for n, d in enumerate(docs)
    ]
    kept = [d for n, d in enumerate(docs) if n != victim]
    expected, _ = _build(tmp_path, "expected", _write_jsonl(tmp_path / "kept.jsonl", kept), 1)

    monkeypatch.setattr(extract, "DEFAULT_PIPELINE", [*DEFAULT_PIPELINE, "test_kill_worker"])
    source = _write_jsonl(tmp_path / "killing.jsonl", killing)
    got, errors = _build(tmp_path, "got", source, 2)
    assert [e.path for e in errors] == [f"{source}#{docs[victim].id}"]
    assert "worker process died on this document" in errors[0].reason
    assert _rows(got) == _rows(expected)


def test_a_worker_killed_from_outside_costs_nothing(tmp_path, docs, monkeypatch):
    monkeypatch.setenv("DOCGRAPH_TEST_KILLED", str(tmp_path / "killed"))
    killing = [
        Document(d.id, d.source, d.text + (f" {KILL}." if n == 9 else ""), d.sha256)
        for n, d in enumerate(docs)
    ]
    extractor = Extractor(fast=True, pipeline=[*DEFAULT_PIPELINE, "test_killed_once"])
    errors: list[InputError] = []
    got = list(extractor.pipe_parallel(killing, 2, errors=errors, batch_size=1))
    assert (tmp_path / "killed").exists()  # a worker did die
    assert errors == []
    assert [(g.document.id, g.entities, g.relations) for g in got] == [
        (g.document.id, g.entities, g.relations) for g in extractor.pipe(killing)
    ]


def test_a_worker_dying_while_the_merge_runs_is_caught_when_the_next_batch_is_sent(
    tmp_path, docs, monkeypatch
):
    # the first document comes back; while the caller holds it, the worker on the second
    # dies and the pool refuses new work: the next batch sent must not stop the run
    cue = tmp_path / "cue"
    monkeypatch.setenv("DOCGRAPH_TEST_CUE", str(cue))
    killing = [
        Document(d.id, d.source, d.text + (f" {KILL}." if n == 1 else ""), d.sha256)
        for n, d in enumerate(docs[:12])
    ]
    extractor = Extractor(fast=True, pipeline=[*DEFAULT_PIPELINE, "test_kill_on_cue"])
    errors: list[InputError] = []
    seen = []
    for graph in extractor.pipe_parallel(killing, 2, errors=errors, batch_size=1):
        if not seen:
            cue.write_text("now", encoding="utf-8")
            time.sleep(2)  # not a timing assertion: it lets the worker die meanwhile
        seen.append(graph.document.id)
    assert seen == [d.id for n, d in enumerate(killing) if n != 1]
    assert [e.path for e in errors] == [killing[1].source]


def test_without_an_error_list_the_dead_worker_is_raised_after_the_documents_before_it(docs):
    victim = 5
    killing = [
        Document(d.id, d.source, d.text + (f" {KILL}." if n == victim else ""), d.sha256)
        for n, d in enumerate(docs[:12])
    ]
    extractor = Extractor(fast=True, pipeline=[*DEFAULT_PIPELINE, "test_kill_worker"])
    seen = []
    with pytest.raises(InputError) as raised:
        for graph in extractor.pipe_parallel(killing, 2, batch_size=2):
            seen.append(graph.document.id)
    assert raised.value.path == killing[victim].source
    assert seen == [d.id for d in killing[:victim]]


def test_parallel_extraction_reads_its_input_as_it_goes(docs):
    # a generator that fails past the first few batches: the documents before it come
    # out first, so nothing waited for the whole input to be read
    def documents():
        yield from docs[:20]
        raise RuntimeError("the input broke")

    extractor = Extractor(fast=True)
    seen = []
    with pytest.raises(RuntimeError, match="the input broke"):
        for graph in extractor.pipe_parallel(documents(), 2, batch_size=2):
            seen.append(graph.document.id)
    assert seen and seen == [d.id for d in docs[: len(seen)]] and len(seen) < 20


def test_an_extractor_sent_to_a_spawned_worker_extracts_the_same(tmp_path):
    # where processes cannot fork (macOS, Windows) the workers get the extractor pickled:
    # it travels as its settings, a user's gazetteer and the piece size included
    import pickle

    names = tmp_path / "names.json"
    names.write_text(
        json.dumps([{"name": "Sahel Energy Compact", "label": "Program", "aliases": ["SEC"]}]),
        encoding="utf-8",
    )
    extractor = Extractor(fast=True, gazetteers=[names])
    extractor.piece_chars = 5_000
    copy = pickle.loads(pickle.dumps(extractor))
    assert copy.gazetteer_files == [str(names)] and copy.piece_chars == 5_000
    doc = Document("d", "d.txt", "Niger joined the SEC in 2021 with Mali.", "0")
    assert {e.name for e in copy.extract(doc).entities} == {
        "Sahel Energy Compact",
        "Niger",
        "Mali",
    }
