"""Extraction as a pipeline of named components, spaCy-style.

A component takes the :class:`DocState` in progress and returns it. Components are
registered by name with :func:`component`; a :class:`Pipeline` is a list of names, so a
user adds a step (``pipeline.add("my_step", after="typed_relations")``) without touching
docgraph's code. The state flows one way: text → mentions → entities → relations.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from docgraph.errors import ExtractionError
from docgraph.graph.model import Document, Entity, Evidence, Relation

__all__ = ["COMPONENTS", "DocState", "Mention", "Pipeline", "component"]


@dataclass(slots=True)
class Mention:
    """A span of the document that names an entity."""

    start: int
    end: int
    text: str
    label: str
    source: str  # gazetteer | ner | pattern | acronym | coref
    gazetteer_id: str | None = None
    demonym: bool = False
    entity: str | None = None  # entity id, set by resolution
    sentence: int = -1


@dataclass(slots=True)
class Value:
    """A date, amount or count the text states (spaCy's DATE, MONEY, CARDINAL spans)."""

    start: int
    end: int
    text: str
    kind: str  # DATE | MONEY | CARDINAL | PERCENT | QUANTITY
    sentence: int = -1


@dataclass(slots=True)
class DocState:
    """Everything known about one document while it moves through the pipeline."""

    document: Document
    text: str = ""  # the analysed text: same length as document.text, citations blanked
    sentences: list[tuple[int, int]] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    values: list[Value] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    spacy_doc: Any = None
    settings: dict[str, Any] = field(default_factory=dict)
    _by_sentence: tuple[tuple[int, ...], dict[int, list[Mention]]] | None = field(
        default=None, repr=False
    )

    def sentence_text(self, index: int) -> str:
        start, end = self.sentences[index]
        return self.text[start:end]

    def evidence(self, index: int, method: str, confidence: float) -> Evidence:
        """Sentence ``index`` as evidence: offsets into the original text, trimmed of the
        whitespace and blanked citation markers around it, so they slice the document to
        exactly the sentence shown."""
        start, end = self.sentences[index]
        text = self.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        original = self.document.text
        return Evidence(self.document.id, start, end, original[start:end], method, confidence)

    def main_country(self, *, dominant: bool = False) -> Mention | None:
        """The first mention of the country the document names most often (ties: the
        earliest); with ``dominant``, only if it holds at least half of the country
        mentions, so a survey of many countries has none."""
        counts: dict[str, int] = {}
        first: dict[str, Mention] = {}
        for m in self.mentions:
            if m.label == "Country" and m.entity and m.source != "coref":
                counts[m.entity] = counts.get(m.entity, 0) + 1
                first.setdefault(m.entity, m)
        if not counts:
            return None
        best = max(counts, key=lambda k: (counts[k], -first[k].start))
        if dominant and counts[best] * 2 < sum(counts.values()):
            return None
        return first[best]

    def mentions_in(self, index: int) -> list[Mention]:
        """The resolved mentions of sentence ``index``, from an index rebuilt only when the
        mention list changes (a scan per sentence would be quadratic on long documents)."""
        mentions = self.mentions
        key = (
            id(mentions),
            len(mentions),
            id(mentions[0]) if mentions else 0,
            id(mentions[-1]) if mentions else 0,
        )
        if self._by_sentence is None or self._by_sentence[0] != key:
            by_sentence: dict[int, list[Mention]] = {}
            for m in self.mentions:
                if m.entity:
                    by_sentence.setdefault(m.sentence, []).append(m)
            self._by_sentence = (key, by_sentence)
        return list(self._by_sentence[1].get(index, []))

    def values_in(self, index: int, kind: str | None = None) -> list[Value]:
        return [v for v in self.values if v.sentence == index and (kind is None or v.kind == kind)]


ComponentFn = Callable[[DocState], DocState]
COMPONENTS: dict[str, ComponentFn] = {}


def component(name: str) -> Callable[[ComponentFn], ComponentFn]:
    """Register ``fn`` as the pipeline component ``name``."""

    def register(fn: ComponentFn) -> ComponentFn:
        COMPONENTS[name] = fn
        return fn

    return register


class Pipeline:
    """An ordered list of component names, checked when it is built."""

    def __init__(self, names: list[str]) -> None:
        missing = [n for n in names if n not in COMPONENTS]
        if missing:
            raise ExtractionError(
                f"unknown pipeline component(s) {missing}; registered: {sorted(COMPONENTS)}"
            )
        self.names = list(names)

    def add(self, name: str, *, before: str | None = None, after: str | None = None) -> None:
        if name not in COMPONENTS:
            raise ExtractionError(f"unknown component {name!r}; register it with @component")
        anchor = before or after
        if anchor is None:
            self.names.append(name)
            return
        if anchor not in self.names:
            raise ExtractionError(f"no component {anchor!r} in the pipeline {self.names}")
        index = self.names.index(anchor) + (0 if before else 1)
        self.names.insert(index, name)

    def __call__(self, state: DocState) -> DocState:
        for name in self.names:
            state = COMPONENTS[name](state)
        return state

    def __repr__(self) -> str:
        return f"Pipeline({self.names})"
