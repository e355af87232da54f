"""Extraction in worker processes, streamed in input order into the caller's merge.

Extracting a document is a pure function of the document and the extractor, but the
cross-document merge that follows depends on the order documents arrive in. So the work
is split this way:

- each worker process holds one :class:`Extractor` (spaCy model, gazetteer, rules),
  given to it once by the pool's initializer: on Linux the pool forks, so the parent's
  loaded gazetteer and rules are shared and not loaded again;
- documents are read from the input lazily and sent in small batches, with at most
  ``window`` batches in flight, so memory holds a few batches, never the whole input
  (the first version pickled every document out at once and returned results a quarter
  of the input at a time, and the merge waited between those chunks);
- a worker sends back plain rows (the entities and relationships of each document, or the
  error that names it), never spaCy objects, and never the document's text again;
- results are yielded in input order as they come, so the caller merges while the
  workers extract the next batches, and the graph is the one one process would build.

A worker that dies (killed, out of memory, a crash in native code) breaks the whole pool;
the documents of the batch it was on are then extracted again one at a time in a new
pool, so the one that kills it is named in an :class:`InputError` and every other
document is still extracted.
"""

from __future__ import annotations

import itertools
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING

from docgraph.errors import InputError
from docgraph.graph.model import Document, DocumentGraph, Entity, Relation

if TYPE_CHECKING:
    from docgraph.loaders.extract import Extractor

__all__ = ["BATCH_SIZE", "extract_in_processes"]

#: documents per task: enough for spaCy to batch, few enough that both workers start at
#: once and the merge gets its first results early
BATCH_SIZE = 8

#: what one document becomes in a worker: its entities and relationships, or its error
Row = tuple[list[Entity], list[Relation]] | InputError

_WORKER: Extractor | None = None


def extract_in_processes(
    extractor: Extractor,
    documents: Iterable[Document],
    processes: int,
    *,
    errors: list[InputError] | None = None,
    batch_size: int = BATCH_SIZE,
    window: int | None = None,
) -> Iterator[DocumentGraph]:
    """The graphs of ``documents`` in their order, extracted by ``processes`` workers.

    ``window`` caps the batches in flight (default ``2 * processes``: one running and one
    waiting per worker, so no worker idles while the caller merges). ``errors`` as in
    :meth:`Extractor.pipe`; without it, the first failure is raised as the
    :class:`InputError` that names the document, after the documents before it.
    """
    window = window or 2 * processes
    batches = _batches(iter(documents), batch_size)
    pool = _pool(extractor, processes)
    pending: deque[tuple[list[Document], Future[list[Row]]]] = deque()
    try:
        while True:
            for batch in itertools.islice(batches, window - len(pending)):
                pending.append((batch, _submit(pool, batch)))
            if not pending:
                return
            batch, future = pending.popleft()
            try:
                rows = future.result()
            except BrokenProcessPool:
                pool.shutdown(wait=True, cancel_futures=True)
                pool, rows = _isolate(extractor, processes, batch)
                pending = deque(_resubmit(pool, pending))
            for document, row in zip(batch, rows, strict=True):
                if isinstance(row, InputError):
                    if errors is None:
                        raise row
                    errors.append(row)
                else:
                    yield DocumentGraph(document, *row)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _batches(documents: Iterator[Document], size: int) -> Iterator[list[Document]]:
    while batch := list(itertools.islice(documents, size)):
        yield batch


def _pool(extractor: Extractor, processes: int) -> ProcessPoolExecutor:
    """A pool whose workers each hold ``extractor``: forked where the system can (the
    parent's gazetteer, rules and registered components come for free), else spawned with
    the extractor rebuilt from its settings (``Extractor.__reduce__``)."""
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    return ProcessPoolExecutor(
        processes, mp_context=context, initializer=_start_worker, initargs=(extractor,)
    )


def _submit(pool: ProcessPoolExecutor, batch: list[Document]) -> Future[list[Row]]:
    """``batch`` sent to the pool; when a worker has died since the last look, the pool
    refuses new work, and the future carries that refusal like the batches it broke."""
    try:
        return pool.submit(_extract_batch, batch)
    except BrokenProcessPool as exc:
        refused: Future[list[Row]] = Future()
        refused.set_exception(exc)
        return refused


def _resubmit(
    pool: ProcessPoolExecutor, pending: Iterable[tuple[list[Document], Future[list[Row]]]]
) -> Iterator[tuple[list[Document], Future[list[Row]]]]:
    """The batches in flight when the pool broke: those finished keep their results, the
    others go to the new pool."""
    for batch, future in pending:
        if future.done() and not future.cancelled() and future.exception() is None:
            yield batch, future
        else:
            yield batch, _submit(pool, batch)


def _isolate(
    extractor: Extractor, processes: int, batch: list[Document]
) -> tuple[ProcessPoolExecutor, list[Row]]:
    """``batch`` extracted one document at a time, a new pool after each that kills its
    worker, so that document is the one named; the pool left is for the rest."""
    pool = _pool(extractor, processes)
    rows: list[Row] = []
    for document in batch:
        try:
            rows.extend(_submit(pool, [document]).result())
        except BrokenProcessPool:
            pool.shutdown(wait=True, cancel_futures=True)
            pool = _pool(extractor, processes)
            rows.append(
                InputError(
                    document.source,
                    "the extraction worker process died on this document (killed, out of "
                    "memory, or a crash in native code); the other documents were extracted",
                )
            )
    return pool, rows


def _start_worker(extractor: Extractor) -> None:
    """Keep the extractor and load its spaCy model before the first batch arrives."""
    global _WORKER
    _WORKER = extractor
    extractor.nlp  # noqa: B018 - loads the model


def _extract_batch(documents: list[Document]) -> list[Row]:
    """One row per document of ``documents``, in order."""
    assert _WORKER is not None, "the pool initializer sets the worker's extractor"
    failures: list[InputError] = []
    graphs = {id(g.document): g for g in _WORKER.pipe(documents, errors=failures)}
    failed = iter(failures)
    rows: list[Row] = []
    for document in documents:
        graph = graphs.get(id(document))
        rows.append(next(failed) if graph is None else (graph.entities, graph.relations))
    return rows
