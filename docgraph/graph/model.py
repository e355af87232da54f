"""The property-graph model that every stage hands to the next.

Extraction produces a :class:`DocumentGraph` per document; resolution merges them into one
:class:`GraphData`; stores write a ``GraphData`` and read one back. Keeping this model free
of spaCy, kglite and neo4j lets each stage be tested on hand-built graphs.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from anyascii import anyascii

if TYPE_CHECKING:
    from docgraph.loaders.gazetteer import Gazetteer
    from docgraph.loaders.merge import NameIndex

__all__ = [
    "SYMMETRIC_TYPES",
    "merge_properties",
    "Document",
    "DocumentGraph",
    "Entity",
    "Evidence",
    "GraphData",
    "Naming",
    "Relation",
    "RelationKey",
    "Statement",
    "entity_id",
    "slugify",
]

#: Relationship types whose direction carries no meaning; stored with ends in id order.
SYMMETRIC_TYPES = frozenset({"DIPLOMATIC_RELATIONS", "RELATED_TO"})

RelationKey = tuple[str, str, str]  # (source id, type, target id)


def slugify(text: str) -> str:
    """A lowercase ASCII slug: stable across runs, safe in URLs and Cypher values.

    >>> slugify("Côte d'Ivoire")
    'cote-d-ivoire'
    >>> slugify("G-5 Sahel")
    'g-5-sahel'

    A name with no Latin letters is transliterated, so it gets the same id in every
    process (Python's ``hash()`` of a string differs per process); what even
    transliteration leaves empty gets a digest of the text:

    >>> slugify("Россия")
    'rossiya'
    >>> slugify("***")
    'x-596f4162'
    """
    slug = _slug(unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode())
    # accents are dropped, not transliterated, when any letter survives: the ids of
    # names like "Côte d'Ivoire" stay what stores already hold
    return (
        slug or _slug(anyascii(text)) or "x-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    )


def _slug(ascii_text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def entity_id(label: str, name: str) -> str:
    """The stable id of an entity: its label and canonical name, slugged.

    >>> entity_id("Country", "United States")
    'country:united-states'
    """
    # interned: an entity's id is repeated in every document's naming and statement of
    # it, one string for them all (a build of 10,000 documents held ~700,000 copies)
    return sys.intern(f"{label.lower()}:{slugify(name)}")


@dataclass(frozen=True, slots=True)
class Document:
    """One source document; ``text`` is what offsets in evidence refer to."""

    id: str
    source: str
    text: str
    sha256: str
    #: length of the text; kept apart so a document read back from a store (without its
    #: text) still knows it
    chars: int = -1

    def __post_init__(self) -> None:
        if self.chars < 0:
            object.__setattr__(self, "chars", len(self.text))


@dataclass(frozen=True, slots=True, order=True)
class Evidence:
    """Why an edge exists: the sentence that states it and where it stands."""

    document: str
    start: int
    end: int
    sentence: str
    method: str = "pattern"
    confidence: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        """As ``docgraph extract`` prints it (and score.py reads it)."""
        return {
            "document": self.document,
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "method": self.method,
            "confidence": self.confidence,
        }

    @classmethod
    def from_dict(cls, row: dict[str, Any]) -> Evidence:
        return cls(
            row["document"],
            int(row["start"]),
            int(row["end"]),
            row["sentence"],
            row.get("method", "pattern"),
            float(row.get("confidence", 1.0)),
        )


@dataclass(frozen=True, slots=True)
class Naming:
    """How one document named an entity: one entity of that document's own graph.

    Cross-document resolution keeps these so that the merged entity is a function of the
    documents present, not of the order they came in: its name, aliases and mentions are
    derived from its namings, and removing a document re-resolves from the namings left.
    """

    local: str  #: the id the document's own graph gave it
    name: str
    surfaces: tuple[str, ...]  #: every name the document used for it, sorted
    count: int = 1
    anchored: bool = False  #: a gazetteer entity (never joined to others by name)
    properties: dict[str, Any] = field(default_factory=dict, hash=False)
    #: facts the document states from this entity to another of its names that joined
    #: it: no edge while they are one entity, an edge again if they come apart
    held: tuple[tuple[str, Statement, tuple[Evidence, ...]], ...] = field(default=(), hash=False)

    def to_dict(self) -> dict[str, Any]:
        row: dict[str, Any] = {"local": self.local, "name": self.name, "surfaces": self.surfaces}
        row["count"] = self.count
        if self.anchored:
            row["anchored"] = True
        if self.properties:
            row["properties"] = self.properties
        if self.held:
            row["held"] = [
                {"type": t, "statement": st.to_dict(), "evidence": [e.to_dict() for e in ev]}
                for t, st, ev in self.held
            ]
        return row

    @classmethod
    def from_dict(cls, row: dict[str, Any]) -> Naming:
        return cls(
            row["local"],
            row["name"],
            tuple(row.get("surfaces") or ()),
            int(row.get("count", 1)),
            bool(row.get("anchored", False)),
            dict(row.get("properties") or {}),
            tuple(
                (
                    item["type"],
                    Statement.from_dict(item["statement"]),
                    tuple(Evidence.from_dict(e) for e in item["evidence"]),
                )
                for item in row.get("held") or ()
            ),
        )


def namings_to_json(namings: Iterable[Naming]) -> str:
    return json.dumps([n.to_dict() for n in namings], ensure_ascii=False, sort_keys=True)


def namings_from_json(text: str | None) -> list[Naming]:
    return [Naming.from_dict(row) for row in json.loads(text)] if text else []


@dataclass(slots=True)
class Entity:
    """A node: one real-world thing, however many names the text gives it."""

    id: str
    name: str
    label: str
    aliases: set[str] = field(default_factory=set)
    properties: dict[str, Any] = field(default_factory=dict)
    #: document id → number of mentions in that document
    mentions: dict[str, int] = field(default_factory=dict)
    #: document id → how that document named it (kept by cross-document resolution)
    namings: dict[str, list[Naming]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """As ``docgraph extract`` prints it: id, name, label, the other names sorted, then
        the properties (the format score.py reads)."""
        return {
            "id": self.id,
            "name": self.name,
            "label": self.label,
            "aliases": sorted(self.aliases - {self.name}),
            **self.properties,
        }

    def copy(self) -> Entity:
        """A copy that can change without touching this one (property values are JSON)."""
        return Entity(
            self.id,
            self.name,
            self.label,
            set(self.aliases),
            {k: _copy_value(v) for k, v in self.properties.items()},
            dict(self.mentions),
            {doc: list(names) for doc, names in self.namings.items()},
        )

    def own_namings(self, anchored: bool = False) -> dict[str, list[Naming]]:
        """The namings, or, for an entity built by hand or stored before namings were
        kept, one per document standing for the names it holds."""
        if self.namings or not self.mentions:
            return self.namings
        surfaces = tuple(sorted({self.name, *self.aliases}))
        self.namings = {
            doc: [Naming(self.id, self.name, surfaces, count, anchored, dict(self.properties))]
            for doc, count in self.mentions.items()
        }
        return self.namings

    def to_row(self) -> dict[str, Any]:
        aliases = sorted(a for a in self.aliases if a != self.name)
        return {**self.properties, "id": self.id, "name": self.name, "aliases": aliases}


@dataclass(frozen=True, slots=True)
class Statement:
    """One document's statement of a fact: the ends as that document's own graph named
    them, the properties it gave, and where its evidence stands.

    A relation's properties are folded from its statements in document order, so they do
    not depend on the order documents were merged in, and a removed document's statement
    goes without leaving its properties behind. The local ends let a relation follow an
    entity that splits when the document that joined two names is removed.
    """

    document: str
    source: str
    target: str
    properties: dict[str, Any] = field(default_factory=dict, hash=False)
    spans: tuple[tuple[int, int], ...] = ()

    def sort_key(self) -> tuple:
        return (self.document, self.spans, self.source, self.target)

    def to_dict(self) -> dict[str, Any]:
        return {
            "document": self.document,
            "source": self.source,
            "target": self.target,
            "properties": self.properties,
            "spans": [list(span) for span in self.spans],
        }

    @classmethod
    def from_dict(cls, row: dict[str, Any]) -> Statement:
        return cls(
            row["document"],
            row["source"],
            row["target"],
            dict(row.get("properties") or {}),
            tuple((int(a), int(b)) for a, b in row.get("spans") or ()),
        )


#: evidence lists up to this long are searched, not indexed by a set
_SHORT_EVIDENCE = 16


@dataclass(slots=True)
class Relation:
    """An edge: one fact, with every sentence (in any document) that states it."""

    source: str
    type: str
    target: str
    properties: dict[str, Any] = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)
    #: each document's statement of it (kept by cross-document resolution)
    statements: list[Statement] = field(default_factory=list)
    #: the evidence already held, as a set, and the list it indexes: merging a fact that
    #: 100,000 documents repeat must not rebuild it on every merge
    _seen: set[Evidence] | None = field(default=None, init=False, repr=False, compare=False)
    _seen_list: list[Evidence] | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.type in SYMMETRIC_TYPES and self.target < self.source:
            self.source, self.target = self.target, self.source

    @property
    def key(self) -> RelationKey:
        return (self.source, self.type, self.target)

    @property
    def confidence(self) -> float:
        return max((e.confidence for e in self.evidence), default=0.0)

    @property
    def documents(self) -> list[str]:
        return sorted({e.document for e in self.evidence})

    def add_evidence(self, items: Iterable[Evidence]) -> None:
        """Add the evidence not held yet, keeping the list sorted.

        Linear in the new items: past a few items, the set of held evidence is kept
        between calls (rebuilt only when ``evidence`` was replaced or changed from
        outside), and an item that sorts after the last one (documents merged in order)
        is appended, not sorted in.
        """
        evidence = self.evidence
        items = list(items)
        if len(evidence) + len(items) <= _SHORT_EVIDENCE:
            # most facts have a sentence or two: a set per relation would cost more
            # memory than the evidence (a build of 100,000 documents holds millions)
            self._seen = self._seen_list = None
            evidence.sort()  # it may have been replaced or changed from outside
            for item in items:
                if item not in evidence:
                    bisect.insort(evidence, item)
            return
        seen = self._seen
        if seen is None or self._seen_list is not evidence or len(seen) != len(evidence):
            evidence.sort()
            seen = self._seen = set(evidence)
            self._seen_list = evidence
        for item in items:
            if item in seen:
                continue
            seen.add(item)
            if not evidence or not item < evidence[-1]:
                evidence.append(item)
            else:
                bisect.insort(evidence, item)

    def to_dict(self) -> dict[str, Any]:
        """As ``docgraph extract`` prints it: ends, type, properties, the best evidence's
        confidence and every piece of evidence in its order (the format score.py reads)."""
        return {
            "source": self.source,
            "target": self.target,
            "type": self.type,
            "properties": dict(self.properties),
            "confidence": round(self.confidence, 3),
            "evidence": [e.to_dict() for e in self.evidence],
        }

    def copy(self) -> Relation:
        """A copy that can change without touching this one (evidence is immutable)."""
        return Relation(
            self.source,
            self.type,
            self.target,
            {k: _copy_value(v) for k, v in self.properties.items()},
            list(self.evidence),
            list(self.statements),
        )

    def to_row(self) -> dict[str, Any]:
        """Properties as a store keeps them: evidence as parallel lists (Neo4j has no maps)."""
        ev = sorted(self.evidence)
        row = dict(self.properties)
        if self.type == "RELATED_TO":
            row["weight"] = len({(e.document, e.start) for e in ev})
        row.update(
            confidence=round(self.confidence, 3),
            documents=self.documents,
            evidence_document=[e.document for e in ev],
            evidence_sentence=[e.sentence for e in ev],
            evidence_start=[e.start for e in ev],
            evidence_end=[e.end for e in ev],
            evidence_method=[e.method for e in ev],
            evidence_confidence=[round(e.confidence, 3) for e in ev],
        )
        if self.statements:
            row["statements"] = json.dumps(
                [st.to_dict() for st in sorted(self.statements, key=Statement.sort_key)],
                ensure_ascii=False,
                sort_keys=True,
            )
        return row

    def own_statements(self) -> list[Statement]:
        """The statements, or, for a relation built by hand or stored before statements
        were kept, one per document standing for what the relation holds."""
        if self.statements or not self.evidence:
            return self.statements
        by_doc: dict[str, list[tuple[int, int]]] = {}
        for e in sorted(self.evidence):
            by_doc.setdefault(e.document, []).append((e.start, e.end))
        self.statements = [
            Statement(
                doc, self.source, self.target, dict(self.properties) if i == 0 else {}, tuple(spans)
            )
            for i, (doc, spans) in enumerate(sorted(by_doc.items()))
        ]
        return self.statements

    def settle(self) -> None:
        """Properties folded from the statements in document order (what a build of the
        documents present, in any order, gives)."""
        if not self.statements:
            return
        self.statements.sort(key=Statement.sort_key)
        props: dict[str, Any] = {}
        for statement in self.statements:
            merge_properties(props, statement.properties)
        self.properties = props


EVIDENCE_KEYS = (
    "evidence_document",
    "evidence_start",
    "evidence_end",
    "evidence_sentence",
    "evidence_method",
    "evidence_confidence",
)
DERIVED_KEYS = frozenset({"confidence", "documents", "weight", "statements", *EVIDENCE_KEYS})


def relation_from_row(source: str, rel_type: str, target: str, props: dict[str, Any]) -> Relation:
    """Rebuild a :class:`Relation` from the properties a store returned."""
    columns = [props.get(k) or [] for k in EVIDENCE_KEYS]
    evidence = [
        Evidence(d, int(s), int(e), sent, m, float(c))
        for d, s, e, sent, m, c in zip(*columns, strict=False)
    ]
    own = {k: v for k, v in props.items() if k not in DERIVED_KEYS}
    statements = [Statement.from_dict(row) for row in json.loads(props.get("statements") or "[]")]
    return Relation(source, rel_type, target, own, evidence, statements)


_STATUS_RANK = {"former": 2, "current": 1}


_DATE_KEYS = frozenset({"since", "until", "date"})


def merge_properties(into: dict[str, Any], new: dict[str, Any]) -> None:
    """Fold the properties another sentence states about the same fact into ``into``.

    Conflicts are settled the way a reader would: a membership stated as former anywhere is
    former (documents that call it current are older), a date stated more precisely
    replaces the same date stated loosely, the earliest ``since`` and the latest ``until``
    win, and otherwise the first statement stands.
    """
    for key, value in new.items():
        old = into.get(key)
        if old is None:
            into[key] = value
        elif key == "status" and _STATUS_RANK.get(value, 0) > _STATUS_RANK.get(old, 0):
            into[key] = value
        elif key in _DATE_KEYS and str(value).startswith(str(old)):
            into[key] = value  # the same date, more precisely: "1995" then "1995-07-28"
        elif key in _DATE_KEYS and str(old).startswith(str(value)):
            continue  # the same date, less precisely: keep the precise one
        elif key == "since" and str(value) < str(old):
            into[key] = value
        elif key == "until" and str(value) > str(old):
            into[key] = value


def _copy_value(value: Any) -> Any:
    if isinstance(value, list):
        return [_copy_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _copy_value(v) for k, v in value.items()}
    return value


@dataclass(slots=True)
class DocumentGraph:
    """What extraction found in one document, before resolution across documents."""

    document: Document
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)


@dataclass(slots=True)
class GraphData:
    """A whole graph in memory: what a store writes and what ``to_networkx`` reads."""

    documents: dict[str, Document] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    relations: dict[RelationKey, Relation] = field(default_factory=dict)

    def copy(self) -> GraphData:
        """A copy whose entities and relations can change without touching this graph.

        What a build merges into while the store's graph stays as read, to diff against.
        Documents and evidence are immutable and shared; property values are plain JSON
        (copied as such). ``copy.deepcopy`` did the same in 9 of the 21 s of adding ten
        documents to a 3,000-document store.
        """
        return GraphData(
            documents=dict(self.documents),
            entities={eid: e.copy() for eid, e in self.entities.items()},
            relations={key: r.copy() for key, r in self.relations.items()},
        )

    def add_entity(self, entity: Entity) -> Entity:
        """Add ``entity`` or fold it into the one with the same id (aliases, mentions)."""
        known = self.entities.get(entity.id)
        if known is None:
            self.entities[entity.id] = entity
            return entity
        known.aliases |= entity.aliases
        for doc, count in entity.mentions.items():
            known.mentions[doc] = known.mentions.get(doc, 0) + count
        for key, value in entity.properties.items():
            known.properties.setdefault(key, value)
        return known

    def add_relation(self, relation: Relation) -> Relation:
        """Add ``relation`` or fold its evidence and properties into the same fact."""
        known = self.relations.get(relation.key)
        if known is None:
            self.relations[relation.key] = relation
            return relation
        known.add_evidence(relation.evidence)
        merge_properties(known.properties, relation.properties)
        return known

    def remove_document(self, doc_id: str) -> None:
        """Forget everything that only ``doc_id`` stated, so a changed document replaces
        its own evidence and leaves the rest alone."""
        self.remove_documents([doc_id])

    def remove_documents(
        self,
        doc_ids: Iterable[str],
        gazetteer: Gazetteer | None = None,
        index: NameIndex | None = None,
    ) -> None:
        """:meth:`remove_document` for many documents at once: their evidence goes, the
        entities and facts no other document supports go, and the names they joined are
        resolved again from the documents left (as a build of those documents would).
        ``gazetteer``: the one the graph was built with (the default one if None);
        ``index``: the graph's name index, kept up to date with the removal, if at hand."""
        from docgraph.loaders.gazetteer import load_gazetteer
        from docgraph.loaders.merge import Merger

        merger = Merger(self, gazetteer if gazetteer is not None else load_gazetteer(), index)
        merger.remove(doc_ids)
        merger.finish()

    def mentioning(self, doc_ids: set[str]) -> list[str]:
        """Ids of the entities that ``doc_ids`` mention."""
        return [eid for eid, e in self.entities.items() if not doc_ids.isdisjoint(e.mentions)]

    def incident(self, entity_ids: set[str]) -> list[RelationKey]:
        """Keys of the relations with an end among ``entity_ids``."""
        return [key for key in self.relations if key[0] in entity_ids or key[2] in entity_ids]

    def citing(self, doc_ids: set[str], mentioned: list[str] | None = None) -> list[RelationKey]:
        """Keys of the relations with evidence from ``doc_ids`` (``mentioned``, the
        entities they mention, is for stores that read by entity)."""
        return [
            key
            for key, rel in self.relations.items()
            if any(e.document in doc_ids for e in rel.evidence)
        ]

    def iter_relations(self, *, include_related: bool = True) -> Iterator[Relation]:
        for rel in self.relations.values():
            if include_related or rel.type != "RELATED_TO":
                yield rel
