"""What a store must change to go from the graph it holds to the graph it should hold.

Stores apply a :class:`GraphDiff` instead of rewriting everything, which is what makes
``build`` and ``load`` idempotent: the second run computes an empty diff and writes
nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from docgraph.graph.model import (
    Document,
    Entity,
    GraphData,
    Naming,
    Relation,
    RelationKey,
)

__all__ = ["GraphDiff", "diff_graphs"]


@dataclass(slots=True)
class GraphDiff:
    documents: list[Document] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    #: (entity id, document id, count, the document's namings or None), made JSON only as
    #: each batch is written
    mentions: list[tuple[str, str, int, list[Naming] | None]] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    deleted_relations: list[RelationKey] = field(default_factory=list)
    deleted_mentions: list[tuple[str, str]] = field(default_factory=list)
    deleted_entities: list[str] = field(default_factory=list)
    deleted_documents: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not any(getattr(self, name) for name in self.__slots__)

    def counts(self) -> dict[str, int]:
        return {name: len(getattr(self, name)) for name in self.__slots__}


def _entity_state(entity: Entity) -> tuple:
    return (entity.label, entity.to_row())


def diff_graphs(old: GraphData, new: GraphData) -> GraphDiff:
    """The changes that turn ``old`` into ``new``; unchanged items are left out."""
    diff = GraphDiff()
    for doc_id, doc in new.documents.items():
        before = old.documents.get(doc_id)
        if before is None or (before.sha256, before.source, before.chars) != (
            doc.sha256,
            doc.source,
            doc.chars,
        ):
            diff.documents.append(doc)
    diff.deleted_documents = sorted(set(old.documents) - set(new.documents))

    for eid, entity in new.entities.items():
        before = old.entities.get(eid)
        if before is None or _entity_state(before) != _entity_state(entity):
            diff.entities.append(entity)
        old_mentions = before.mentions if before else {}
        old_namings = before.namings if before else {}
        for doc_id, count in entity.mentions.items():
            names = entity.namings.get(doc_id)
            if old_mentions.get(doc_id) != count or old_namings.get(doc_id) != names:
                diff.mentions.append((eid, doc_id, count, names or None))
        for doc_id in sorted(set(old_mentions) - set(entity.mentions)):
            diff.deleted_mentions.append((eid, doc_id))
    diff.deleted_entities = sorted(set(old.entities) - set(new.entities))

    for key, rel in new.relations.items():
        before = old.relations.get(key)
        if before is None or before.to_row() != rel.to_row():
            diff.relations.append(rel)
    diff.deleted_relations = sorted(set(old.relations) - set(new.relations))
    return diff
