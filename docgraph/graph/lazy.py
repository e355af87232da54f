"""The part of a stored graph that a build touches, read as the merge asks for it.

An incremental build used to read the whole graph back, copy it, merge the new documents
into the copy and diff the two: every step cost what the store held (adding ten documents
to a 3,000-document store took 21 s, 90 % of it reading, copying and diffing). A
:class:`TouchedGraph` starts from the names alone (for the resolution index, one compact
query), fetches an entity or a relationship the first time the merge looks at it, keeps
the fetched state to diff against, and gives the diff of what changed. Removing
documents reads only the entities they mention and the relationships of those entities
that cite them (every relationship's ends are entities its documents mention).

It answers the merge (:class:`~docgraph.loaders.merge.Merger`) exactly as the whole
graph would: the same entities by id, the entities documents mention and the relations
they cite, and the relations of entities whose ids change.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from collections.abc import Set as AbstractSet
from typing import Any

from docgraph.graph.diff import GraphDiff, diff_graphs
from docgraph.graph.model import (
    Document,
    Entity,
    GraphData,
    Relation,
    RelationKey,
    namings_from_json,
    relation_from_row,
)
from docgraph.graph.schema import check_type
from docgraph.graph.stores.base import ENGINE_NODE_KEYS, ENTITY_OWN_KEYS, GraphStore

__all__ = ["DOCUMENT_ROWS", "TouchedGraph"]

#: the stored documents as a build compares them with its input
DOCUMENT_ROWS = (
    "MATCH (d:Document) RETURN d.id AS id, d.source AS source, d.sha256 AS sha256, d.chars AS chars"
)


def entity_from_row(eid: str, labels: list[str], props: dict[str, Any]) -> Entity:
    """An :class:`Entity` from a stored node's labels and properties (mentions apart)."""
    labels = [label for label in labels if label != "Entity"]
    extra = {k: v for k, v in props.items() if k not in ENTITY_OWN_KEYS | ENGINE_NODE_KEYS}
    return Entity(
        eid,
        props.get("name", eid),
        labels[0] if labels else "Entity",
        set(props.get("aliases") or []),
        extra,
    )


class _Entities:
    """``graph.entities`` for the merge: every stored id is known, entities load on use."""

    def __init__(
        self, store: GraphStore, names: list[Entity], stored_ids: Iterable[str] | None = None
    ) -> None:
        self.store = store
        #: every stored entity's id, name, label and aliases, in the store's order (empty
        #: when only the ids are known: then values() gives the loaded entities only)
        self.names = {e.id: e for e in names}
        #: a set-like of ids kept beside the store is asked, not copied
        self.stored: dict[str, Any] | AbstractSet[str] = (
            self.names
            if stored_ids is None
            else stored_ids
            if isinstance(stored_ids, AbstractSet)
            else set(stored_ids)
        )
        self.loaded: dict[str, Entity] = {}
        self.before: dict[str, Entity] = {}  # as read, to diff against
        self.deleted: set[str] = set()

    def load(self, ids: Iterable[str]) -> None:
        wanted = [
            i for i in ids if i in self.stored and i not in self.loaded and i not in self.deleted
        ]
        if not wanted:
            return
        rows = self.store.query(
            "UNWIND $ids AS id MATCH (n:Entity {id: id}) "
            "OPTIONAL MATCH (n)-[m:MENTIONED_IN]->(d:Document) "
            "RETURN n.id AS id, labels(n) AS labels, properties(n) AS props, "
            "collect([d.id, m.count, m.namings]) AS mentions",
            {"ids": wanted},
        )
        for row in rows:
            entity = entity_from_row(row["id"], row["labels"], row["props"])
            for doc_id, count, namings in row["mentions"]:
                if doc_id is not None:
                    entity.mentions[doc_id] = int(count or 0)
                    if namings:
                        entity.namings[doc_id] = namings_from_json(namings)
            self.loaded[entity.id] = entity
            self.before[entity.id] = entity.copy()

    def __contains__(self, eid: object) -> bool:
        return eid in self.loaded or (eid in self.stored and eid not in self.deleted)

    def __getitem__(self, eid: str) -> Entity:
        if eid not in self.loaded:
            self.load([eid])
        if eid not in self.loaded:
            raise KeyError(eid)
        return self.loaded[eid]

    def get(self, eid: str, default: Any = None) -> Any:
        if eid not in self:  # noqa: SIM401 - self is no dict: get would recurse
            return default
        return self[eid]

    def __setitem__(self, eid: str, entity: Entity) -> None:
        self.loaded[eid] = entity
        self.deleted.discard(eid)

    def __delitem__(self, eid: str) -> None:
        self.loaded.pop(eid, None)
        if eid in self.stored:
            self.deleted.add(eid)

    def __len__(self) -> int:
        new = sum(1 for eid in self.loaded if eid not in self.stored)
        return len(self.stored) - len(self.deleted) + new

    def ids(self) -> Iterator[str]:
        """Every entity's id: the stored ones left, then the new ones."""
        for eid in self.stored:
            if eid not in self.deleted:
                yield eid
        for eid in self.loaded:
            if eid not in self.stored:
                yield eid

    def added(self) -> list[str]:
        """Ids of the entities that are not stored yet."""
        return [eid for eid in self.loaded if eid not in self.stored]

    def removed(self) -> list[str]:
        """Ids of the stored entities that go."""
        return sorted(self.deleted)

    def values(self) -> Iterator[Entity]:
        """Every entity as far as its names go (what the resolution index reads), in the
        store's order then the new ones: loaded ones as they are now, others as named."""
        for eid, named in self.names.items():
            if eid not in self.deleted:
                yield self.loaded.get(eid, named)
        for eid, entity in self.loaded.items():
            if eid not in self.names:
                yield entity


class _Relations:
    """``graph.relations`` for the merge: a relationship loads the first time it is asked for."""

    def __init__(self, store: GraphStore, stored_ids: dict[str, Any]) -> None:
        self.store = store
        #: the stored entities: a relationship with an end outside them is not stored
        self.stored_ids = stored_ids
        self.loaded: dict[RelationKey, Relation | None] = {}  # None: not in the store
        self.before: dict[RelationKey, Relation] = {}

    def _fetch(self, key: RelationKey) -> Relation | None:
        source, rel_type, target = key
        if source not in self.stored_ids or target not in self.stored_ids:
            return None  # a first build asks this of every fact: no query for it
        rows = self.store.query(
            f"MATCH (a:Entity {{id: $source}})-[r:`{check_type(rel_type)}`]->"
            "(b:Entity {id: $target}) RETURN properties(r) AS props",
            {"source": source, "target": target},
        )
        if not rows:
            return None
        props = {k: v for k, v in rows[0]["props"].items() if k != "type"}
        return relation_from_row(source, rel_type, target, props)

    def prefetch(self, keys: Iterable[RelationKey]) -> None:
        """Read the stored ones of ``keys`` in one query (a document's facts at once,
        instead of a query per fact: a round trip each on Neo4j)."""
        wanted = [
            list(key)
            for key in dict.fromkeys(keys)
            if key not in self.loaded and key[0] in self.stored_ids and key[2] in self.stored_ids
        ]
        if not wanted:
            return
        found: dict[RelationKey, Relation] = {}
        for row in self.store.query(
            "UNWIND $keys AS k MATCH (a:Entity {id: k[0]})-[r]->(b:Entity {id: k[2]}) "
            "WHERE type(r) = k[1] RETURN k[0] AS source, k[1] AS type, k[2] AS target, "
            "properties(r) AS props",
            {"keys": wanted},
        ):
            key = (row["source"], row["type"], row["target"])
            props = {k: v for k, v in row["props"].items() if k != "type"}
            found[key] = relation_from_row(*key, props)
        for source, rel_type, target in wanted:
            key = (source, rel_type, target)
            if key in found:
                self.remember(found[key])
            else:
                self.loaded[key] = None

    def remember(self, relation: Relation) -> None:
        if relation.key not in self.loaded:
            self.loaded[relation.key] = relation
            self.before[relation.key] = relation.copy()

    def get(self, key: RelationKey, default: Any = None) -> Any:
        if key not in self.loaded:
            found = self._fetch(key)
            self.loaded[key] = found
            if found is not None:
                self.before[key] = found.copy()
        value = self.loaded[key]
        return default if value is None else value

    def __contains__(self, key: object) -> bool:
        return self.get(key) is not None  # type: ignore[arg-type]

    def __getitem__(self, key: RelationKey) -> Relation:
        value = self.get(key)
        if value is None:
            raise KeyError(key)
        return value

    def __setitem__(self, key: RelationKey, relation: Relation) -> None:
        self.loaded[key] = relation

    def __delitem__(self, key: RelationKey) -> None:
        self.loaded[key] = None


class TouchedGraph(GraphData):
    """A :class:`GraphData` over a store that reads what a merge touches, and no more."""

    def __init__(
        self,
        store: GraphStore,
        documents: Iterable[dict[str, Any]] | None = None,
        stored_ids: Iterable[str] | None = None,
    ) -> None:
        """``documents``: the store's document rows (id, source, sha256, chars) when the
        caller has read them already; ``stored_ids``: every stored entity's id, when
        known (kept by the last build, with the name index): then the names are not read
        and ``entities.values()`` gives only the entities loaded."""
        names: list[Entity] = []
        if stored_ids is None:
            rows = store.query(
                "MATCH (n:Entity) RETURN n.id AS id, n.name AS name, labels(n) AS labels, "
                "n.aliases AS aliases"
            )
            names = [
                entity_from_row(r["id"], r["labels"], {"name": r["name"], "aliases": r["aliases"]})
                for r in rows
            ]
        if documents is None:
            documents = store.query(DOCUMENT_ROWS)
        documents = {
            r["id"]: Document(
                r["id"], r["source"] or "", "", r["sha256"] or "", int(r["chars"] or 0)
            )
            for r in documents
        }
        entities = _Entities(store, names, stored_ids)
        super().__init__(
            documents=dict(documents),
            entities=entities,  # type: ignore[arg-type]
            relations=_Relations(store, entities.stored),  # type: ignore[arg-type]
        )
        self.store = store
        self.documents_before = documents

    def mentioning(self, doc_ids: set[str]) -> list[str]:
        """Ids of the entities ``doc_ids`` mention, read with their namings."""
        stored = [
            row["id"]
            for row in self.store.query(
                # one index lookup per document, not a scan of every mention
                "UNWIND $gone AS doc MATCH (d:Document {id: doc}) "
                "MATCH (e:Entity)-[:MENTIONED_IN]->(d) RETURN DISTINCT e.id AS id",
                {"gone": sorted(doc_ids)},
            )
        ]
        entities: _Entities = self.entities  # type: ignore[assignment]
        entities.load(stored)
        new = [
            eid
            for eid, e in entities.loaded.items()
            if eid not in entities.stored and not doc_ids.isdisjoint(e.mentions)
        ]
        return [eid for eid in dict.fromkeys([*stored, *new]) if eid in entities]

    def citing(self, doc_ids: set[str], mentioned: list[str] | None = None) -> list[RelationKey]:
        """Keys of the relations with evidence from ``doc_ids`` (every relation a document
        states runs between entities it mentions: ``mentioned``, if already read)."""
        relations: _Relations = self.relations  # type: ignore[assignment]
        if mentioned is None:
            mentioned = self.mentioning(doc_ids)
        ids = [eid for eid in mentioned if eid in relations.stored_ids]
        self._remember(
            "UNWIND $ids AS id MATCH (a:Entity {id: id})-[r]->(b:Entity) "
            "WHERE type(r) <> 'MENTIONED_IN' AND any(d IN r.documents WHERE d IN $gone) ",
            {"ids": ids, "gone": sorted(doc_ids)},
        )
        return [
            key
            for key, rel in relations.loaded.items()
            if rel is not None and any(e.document in doc_ids for e in rel.evidence)
        ]

    def incident(self, entity_ids: set[str]) -> list[RelationKey]:
        """Keys of the relations with an end among ``entity_ids``, stored or new."""
        relations: _Relations = self.relations  # type: ignore[assignment]
        ids = sorted(i for i in entity_ids if i in relations.stored_ids)
        if ids:
            for pattern in (
                "(a:Entity {id: id})-[r]->(b:Entity)",
                "(a:Entity)-[r]->(b:Entity {id: id})",
            ):
                self._remember(
                    f"UNWIND $ids AS id MATCH {pattern} WHERE type(r) <> 'MENTIONED_IN' ",
                    {"ids": ids},
                )
        return [
            key
            for key, rel in relations.loaded.items()
            if rel is not None and (key[0] in entity_ids or key[2] in entity_ids)
        ]

    def _remember(self, match: str, params: dict[str, Any]) -> None:
        relations: _Relations = self.relations  # type: ignore[assignment]
        for row in self.store.query(
            match + "RETURN a.id AS source, type(r) AS type, b.id AS target, "
            "properties(r) AS props",
            params,
        ):
            key = (row["source"], row["type"], row["target"])
            if key not in relations.loaded:
                props = {k: v for k, v in row["props"].items() if k != "type"}
                relations.remember(relation_from_row(*key, props))

    def diff(self) -> GraphDiff:
        """What the store must change: the touched part as read against as it is now."""
        entities: _Entities = self.entities  # type: ignore[assignment]
        relations: _Relations = self.relations  # type: ignore[assignment]
        old = GraphData(
            documents=dict(self.documents_before),
            entities=dict(entities.before),
            relations=dict(relations.before),
        )
        new = GraphData(
            documents=dict(self.documents),
            entities={eid: e for eid, e in entities.loaded.items() if eid not in entities.deleted},
            relations={k: r for k, r in relations.loaded.items() if r is not None},
        )
        # entities only read to answer the merge keep their state: no diff for them
        return diff_graphs(old, new)
