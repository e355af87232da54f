"""Cross-document resolution: one node per real entity across documents, whatever order
the documents come in.

Each document's own graph (resolved within the document by ``resolve_mentions``) names
entities; this module joins them across documents. Two entities of one label are one when
they share a name (folded, or as an id slug) or when rapidfuzz finds two of their names
near-identical (``_similar``); a gazetteer entity is one entity per gazetteer id and joins
no other by name. The merged entities are the connected groups of that relation, so the
graph is a function of the *set* of documents: a build in any order, and any sequence of
adds, changes and removals, end with the graph a clean build of the documents present
gives. (Joining each document to the first entity that matched, as docgraph did before,
made the graph depend on the order: shuffling 60 documents changed 1–3 entities.)

For that, an entity keeps each document's :class:`~docgraph.graph.model.Naming` and a
relation each document's :class:`~docgraph.graph.model.Statement`: the entity's name is its
most frequent name (ties to the longest, then the last in alphabetical order), its aliases
every name a document used, a relation's properties its statements folded in document
order. Removing a document drops its namings and statements and groups what is left
again: an entity that only the removed document joined falls apart into its parts, and
relations follow their ends by the local names the statements keep.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from sys import intern

from anyascii import anyascii
from rapidfuzz import fuzz, process

from docgraph.graph.model import (
    DocumentGraph,
    Entity,
    Evidence,
    GraphData,
    Naming,
    Relation,
    RelationKey,
    Statement,
    slugify,
)
from docgraph.loaders.gazetteer import Gazetteer, fold
from docgraph.loaders.resolve import FUZZY_CUTOFF, _one_line, _similar

__all__ = ["Merger", "NameIndex", "merge_document"]

#: shortest folded name rapidfuzz compares (``_similar`` refuses shorter ones)
_FUZZY_MIN = 9


def key_text(surface: str) -> str:
    """What names are compared as: folded, or for a name with no Latin letters its
    transliteration folded ("Россия" is "rossiya")."""
    return fold(surface) or fold(anyascii(surface))


def name_keys(surface: str) -> list[str]:
    """The exact key a name joins on: its :func:`key_text`, or for a name even
    transliteration leaves empty its id slug (a digest of the text)."""
    text = key_text(surface)
    return ["f:" + text] if text else ["s:" + slugify(surface)]


@dataclass(slots=True)
class _Candidates:
    """One label's names for rapidfuzz: folded name → entity id, and the names by length
    (each a name → name mapping, which rapidfuzz scans as it is)."""

    target: dict[str, str] = field(default_factory=dict)
    by_length: dict[int, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))

    def put(self, folded: str, eid: str) -> None:
        self.by_length[len(folded)][folded] = folded
        self.target[folded] = eid

    def drop(self, folded: str, eid: str) -> None:
        if self.target.get(folded) == eid:
            del self.target[folded]
            del self.by_length[len(folded)][folded]

    def bucket(self, length: int) -> dict[str, str] | None:
        """The names of ``length`` characters (a kept index reads them on first use)."""
        return self.by_length.get(length)


def _length_window(n: int, cutoff: float) -> range:
    """Lengths ``m`` for which ``fuzz.ratio`` of an ``n``- and an ``m``-character string
    can reach ``cutoff``: ``100 * (1 - |n - m| / (n + m)) >= cutoff`` (the indel distance
    is at least the difference in length). One character of slack either side."""
    share = (100 - cutoff) / 100
    low = int(n * (1 - share) / (1 + share)) - 1
    high = int(n * (1 + share) / (1 - share)) + 2
    return range(max(low, 0), high)


def near_names(query: str, candidates: _Candidates, cutoff: float = FUZZY_CUTOFF) -> list[str]:
    """Every candidate name ``_similar`` to ``query``, scanning only the lengths that
    can reach ``cutoff``."""
    found = []
    for length in _length_window(len(query), cutoff):
        bucket = candidates.bucket(length)
        if not bucket:
            continue
        for name, _, _ in process.extract(
            query, bucket, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
        ):
            if _similar(query, name):
                found.append(name)
    return found


def fuzzy_length(key: str) -> int | None:
    """The length of the folded name an index key gives rapidfuzz, or None when the key
    is no name (``id:``, ``s:``) or one too short to compare."""
    return len(key) - 2 if key.startswith("f:") and len(key) - 2 >= _FUZZY_MIN else None


class NameIndex:
    """The names of a graph's entities that are not gazetteer entities, to find which
    entities a new document's entity joins: exact keys and rapidfuzz candidates, by label.

    Kept up to date by :class:`Merger` as entities gain, lose and change names, so a
    document costs what it names, not what the graph holds. The keys live in a dict
    here; :class:`~docgraph.loaders.index_cache.KeptIndex` keeps them in a file beside
    the store and reads only the ones a build asks for (``_key``, ``_set``, ``_fuzzy``).
    """

    __slots__ = ("keys", "candidates")

    def __init__(self) -> None:
        self.keys: dict[tuple[str, str], str] = {}
        self.candidates: dict[str, _Candidates] = defaultdict(_Candidates)

    def _key(self, label: str, key: str) -> str | None:
        return self.keys.get((label, key))

    def _set(self, label: str, key: str, eid: str | None) -> None:
        """Point ``key`` at ``eid``, or forget it (None); the fuzzy candidates follow."""
        length = fuzzy_length(key)
        if eid is None:
            old = self.keys.pop((label, key), None)
            if length is not None and old is not None:
                self._fuzzy(label).drop(key[2:], old)
        else:
            self.keys[(label, key)] = eid
            if length is not None:
                self._fuzzy(label).put(key[2:], eid)

    def _fuzzy(self, label: str) -> _Candidates:
        return self.candidates[label]

    def put(self, label: str, surfaces: Iterable[str], eid: str, ids: Iterable[str] = ()) -> None:
        """``eid`` holds ``surfaces`` and the local ids ``ids`` (its own id always)."""
        for local in (eid, *ids):
            self._set(label, "id:" + local, eid)
        for surface in surfaces:
            for key in name_keys(surface):
                self._set(label, key, eid)

    def drop(self, label: str, surfaces: Iterable[str], eid: str, ids: Iterable[str] = ()) -> None:
        """Forget ``surfaces`` and ``ids`` as names of ``eid`` (a name another entity
        holds stays)."""
        keys = ["id:" + local for local in ids]
        keys += [key for surface in surfaces for key in name_keys(surface)]
        for key in keys:
            if self._key(label, key) == eid:
                self._set(label, key, None)

    def matches(self, label: str, surfaces: Iterable[str], local: str = "") -> set[str]:
        """Ids of the entities of ``label`` that share a name with ``surfaces`` or the
        local id ``local``, or hold a name near-identical to one of ``surfaces``."""
        found = set()
        held = self._key(label, "id:" + local) if local else None
        if held is not None:
            found.add(held)
        for surface in surfaces:
            for key in name_keys(surface):
                eid = self._key(label, key)
                if eid is not None:
                    found.add(eid)
            text = key_text(surface)
            if len(text) >= _FUZZY_MIN:
                candidates = self._fuzzy(label)
                found.update(candidates.target[n] for n in near_names(text, candidates))
        return found

    def to_rows(self) -> list[list[str]]:
        """The index as ``[label, key, entity id]`` rows (what is kept beside a store)."""
        return [[label, key, eid] for (label, key), eid in self.keys.items()]

    @classmethod
    def from_rows(cls, rows: Iterable[list[str]]) -> NameIndex:
        """The index :meth:`to_rows` gave (the fuzzy candidates are the keys' texts)."""
        index = cls()
        for label, key, eid in rows:
            index._set(label, key, eid)
        return index


def surfaces_of(entity: Entity) -> set[str]:
    return {entity.name, *entity.aliases}


def local_ids(entity: Entity) -> set[str]:
    return {n.local for names in entity.namings.values() for n in names}


def canonical_naming(namings: dict[str, list[Naming]]) -> Naming:
    """The naming whose name the entity takes: the name most documents use, ties to the
    longest, then the last alphabetically (any fixed rule would do: it only has to be
    the same whatever order the documents came in)."""
    all_namings = [n for names in namings.values() for n in names]
    counts = Counter(n.name for n in all_namings)
    best = max(counts, key=lambda name: (counts[name], len(name), name))
    return min((n for n in all_namings if n.name == best), key=lambda n: n.local)


def components(namings: dict[str, list[Naming]]) -> list[dict[str, list[Naming]]]:
    """The namings grouped as the join relation groups them (shared key or near-identical
    name), each group in document order."""
    items = [(doc, n) for doc in sorted(namings) for n in namings[doc]]
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)

    first: dict[str, int] = {}
    by_folded: dict[str, int] = {}
    for i, (_, naming) in enumerate(items):
        union(i, first.setdefault("id:" + naming.local, i))
        for surface in naming.surfaces:
            for key in name_keys(surface):
                union(i, first.setdefault(key, i))
            text = key_text(surface)
            if len(text) >= _FUZZY_MIN:
                by_folded.setdefault(text, i)
    names = list(by_folded)
    candidates = _Candidates()
    for name in names:
        candidates.put(name, name)
    for name in names:
        for other in near_names(name, candidates):
            union(by_folded[name], by_folded[other])
    groups: dict[int, dict[str, list[Naming]]] = defaultdict(lambda: defaultdict(list))
    for i, (doc, naming) in enumerate(items):
        groups[find(i)][doc].append(naming)
    return [dict(groups[root]) for root in sorted(groups)]


@dataclass(slots=True)
class _Pending:
    """A statement on its way to the relation its ends resolve to. ``source``/``target``
    are the entity ids it was stored under (None for a new document's statement)."""

    type: str
    statement: Statement
    evidence: list[Evidence]
    source: str | None = None
    target: str | None = None


class Merger:
    """Folds document graphs into ``graph`` and takes documents out of it.

    ``add`` and ``remove`` change namings, statements and the name index at once;
    ``finish`` then regroups the entities that lost namings, settles every changed
    entity's name, id, aliases and mentions, and moves the relations whose ends changed.
    The graph is only consistent after ``finish``.

    ``graph`` may be a :class:`~docgraph.graph.lazy.TouchedGraph`: the merger asks it for
    entities and relations by id, and for the ones that documents mention or cite, so a
    store is read for what the documents touch.
    """

    def __init__(
        self, graph: GraphData, gazetteer: Gazetteer, index: NameIndex | None = None
    ) -> None:
        """``index``: the graph's name index if it is at hand (kept beside the store
        since the last build); otherwise it is built from the graph's names when the
        first document is added."""
        self.graph = graph
        self.gazetteer = gazetteer
        self._index: NameIndex | None = index
        self.dirty: set[str] = set()  # entities whose namings changed
        self.regroup: set[str] = set()  # ... that lost some: they may fall apart
        #: ids whose relations must be placed again: they went, changed, or fell apart
        #: (a part may keep the id, so an id here may still be in the graph)
        self.moved: set[str] = set()
        self.pending: list[_Pending] = []
        self.refold: set[RelationKey] = set()

    # -- names ---------------------------------------------------------------------

    def anchored(self, entity: Entity) -> bool:
        if entity.id in self.gazetteer.entries:
            return True
        return any(n.anchored for names in entity.namings.values() for n in names)

    @property
    def index_built(self) -> bool:
        return self._index is not None

    @property
    def index(self) -> NameIndex:
        if self._index is None:
            self._index = NameIndex()
            for entity in self.graph.entities.values():
                if not self.anchored(entity):
                    self._index.put(entity.label, surfaces_of(entity), entity.id)
        return self._index

    def _entity(self, eid: str) -> Entity:
        entity = self.graph.entities[eid]
        entity.own_namings(eid in self.gazetteer.entries)
        return entity

    # -- documents in ----------------------------------------------------------------

    def add(self, doc_graph: DocumentGraph) -> None:
        """Fold one document's graph in (it must not be in the graph already)."""
        graph, index = self.graph, self.index
        doc_id = doc_graph.document.id
        entries = self.gazetteer.entries
        locals_ = sorted(doc_graph.entities, key=lambda e: e.id)
        surfaces = {
            # interned: the same names recur in thousands of documents' namings
            e.id: tuple(sorted({intern(_one_line(n)) for n in (e.name, *e.aliases)}))
            for e in locals_
        }
        load = getattr(graph.entities, "load", None)
        if load is not None:  # a store's entities: read the ones this document joins at once
            found = {
                i
                for e in locals_
                if e.id not in entries
                for i in index.matches(e.label, surfaces[e.id], e.id)
            }
            load([e.id for e in locals_ if e.id in entries] + sorted(found))
        for local in locals_:
            anchored = local.id in entries
            naming = Naming(
                local.id,
                intern(local.name),
                surfaces[local.id],
                local.mentions.get(doc_id, 0) or sum(local.mentions.values()),
                anchored,
                dict(local.properties),
            )
            # an earlier entity of this document may have joined or moved a match
            hits = (
                set()
                if anchored
                else {
                    i
                    for i in index.matches(local.label, naming.surfaces, local.id)
                    if i in graph.entities
                }
            )
            if anchored and local.id in graph.entities:
                entity = self._entity(local.id)
            elif hits:
                entity = self._entity(min(hits))
                for other in sorted(hits - {entity.id}):
                    self._absorb(entity, self._entity(other))
            else:
                entity = Entity(local.id, local.name, local.label, set(), dict(local.properties))
                graph.entities[entity.id] = entity
            entity.namings.setdefault(doc_id, []).append(naming)
            entity.mentions[doc_id] = entity.mentions.get(doc_id, 0) + naming.count
            entity.aliases.update(naming.surfaces)
            if not anchored:
                index.put(entity.label, naming.surfaces, entity.id, [local.id])
            self.dirty.add(entity.id)
        for rel in doc_graph.relations:
            evidence = sorted(rel.evidence)
            statement = Statement(
                doc_id,
                rel.source,
                rel.target,
                dict(rel.properties),
                tuple((e.start, e.end) for e in evidence),
            )
            self.pending.append(_Pending(rel.type, statement, evidence))
        graph.documents[doc_id] = doc_graph.document

    def _absorb(self, into: Entity, other: Entity) -> None:
        """``other`` and ``into`` are one entity: ``into`` takes its namings."""
        for doc, names in other.namings.items():
            into.namings.setdefault(doc, []).extend(names)
        for doc, count in other.mentions.items():
            into.mentions[doc] = into.mentions.get(doc, 0) + count
        into.aliases |= surfaces_of(other)
        self.index.put(into.label, surfaces_of(other), into.id, local_ids(other))
        del self.graph.entities[other.id]
        self.moved.add(other.id)
        self.dirty.discard(other.id)
        self.dirty.add(into.id)
        if other.id in self.regroup:
            self.regroup.add(into.id)

    # -- documents out ---------------------------------------------------------------

    def remove(self, doc_ids: Iterable[str]) -> None:
        """Take documents out: their namings, statements and evidence go now; what is
        left of their entities is regrouped by ``finish``."""
        graph = self.graph
        gone = set(doc_ids)
        if not gone:
            return
        mentioned = graph.mentioning(gone)
        for eid in mentioned:
            entity = self._entity(eid)
            before, before_ids = surfaces_of(entity), local_ids(entity)
            for doc in gone:
                entity.namings.pop(doc, None)
                entity.mentions.pop(doc, None)
            entity.aliases = {
                s for names in entity.namings.values() for n in names for s in n.surfaces
            }
            if self._index is not None and not self.anchored(entity):
                lost_ids = before_ids - local_ids(entity) - {eid}
                self._index.drop(entity.label, before - surfaces_of(entity), eid, lost_ids)
            self.dirty.add(eid)
            if not self.anchored(entity):
                self.regroup.add(eid)
        for key in graph.citing(gone, mentioned):
            rel = graph.relations[key]
            rel.own_statements()
            rel.evidence = [e for e in rel.evidence if e.document not in gone]
            rel.statements = [s for s in rel.statements if s.document not in gone]
            if rel.evidence:
                self.refold.add(key)
            else:
                del graph.relations[key]
        for doc in gone:
            graph.documents.pop(doc, None)

    # -- settling --------------------------------------------------------------------

    def finish(self) -> None:
        """Regroup, settle names and ids, and move relations to the ends they resolve to."""
        graph = self.graph
        for eid in sorted(self.regroup):
            entity = graph.entities.get(eid)
            if entity is None or not entity.namings:
                continue
            groups = components(entity.namings)
            if len(groups) == 1:
                continue
            self._drop_names(entity)
            del graph.entities[eid]
            self.moved.add(eid)
            self.dirty.discard(eid)
            for i, namings in enumerate(groups):
                piece = Entity(
                    f"{eid}#{i}", entity.name, entity.label, set(), dict(entity.properties)
                )
                piece.namings = namings
                graph.entities[piece.id] = piece
                self.dirty.add(piece.id)

        settled: list[tuple[Entity, str]] = []
        for eid in sorted(self.dirty):
            entity = graph.entities.get(eid)
            if entity is None:
                continue
            if not entity.namings:
                self._drop_names(entity)
                del graph.entities[eid]
                self.moved.add(eid)
                continue
            settled.append((entity, self._settle(entity)))
        # ids change in two steps: one entity may take the id another is leaving
        for entity, new_id in settled:
            if new_id != entity.id:
                del graph.entities[entity.id]
                self.moved.add(entity.id)
        owner: dict[tuple[str, str], str] = {}
        for entity, new_id in settled:
            if new_id != entity.id:
                entity.id = new_id
                graph.entities[new_id] = entity
            if self._index is not None and not self.anchored(entity):
                self._index.put(entity.label, surfaces_of(entity), entity.id, local_ids(entity))
            for doc, names in entity.namings.items():
                for i, naming in enumerate(names):
                    owner[(doc, naming.local)] = entity.id
                    if naming.held:  # placed again below: its ends may have come apart
                        self.pending.extend(_Pending(t, st, list(ev)) for t, st, ev in naming.held)
                        names[i] = dataclasses.replace(naming, held=())
        self._move_relations(owner)
        for key in sorted(self.refold):
            rel = graph.relations.get(key)
            if rel is not None:
                rel.settle()
        self.dirty.clear()
        self.regroup.clear()
        self.moved.clear()
        self.refold.clear()

    def _drop_names(self, entity: Entity) -> None:
        if self._index is not None and not self.anchored(entity):
            ids = local_ids(entity) | {entity.id}
            self._index.drop(entity.label, surfaces_of(entity), entity.id, ids)

    def _settle(self, entity: Entity) -> str:
        """Name, aliases, mentions and properties from the namings; the id it should have."""
        namings = sorted(
            ((doc, n) for doc, names in entity.namings.items() for n in names),
            key=lambda item: (item[0], item[1].local),
        )
        entity.mentions = {
            doc: sum(n.count for n in names) for doc, names in sorted(entity.namings.items())
        }
        entity.properties = {}
        for _, naming in namings:
            for key, value in naming.properties.items():
                entity.properties.setdefault(key, value)
        surfaces = {s for _, n in namings for s in n.surfaces}
        if self.anchored(entity):
            entity.aliases = surfaces
            return entity.id
        self._drop_names(entity)
        naming = canonical_naming(entity.namings)
        entity.name = naming.name
        entity.aliases = surfaces
        return naming.local

    def _move_relations(self, owner: dict[tuple[str, str], str]) -> None:
        graph = self.graph
        moved = self.moved
        if moved:
            for key in graph.incident(moved):
                rel = graph.relations.get(key)
                if rel is None:
                    continue
                by_span = {(e.document, e.start, e.end): e for e in rel.evidence}
                for statement in rel.own_statements():
                    evidence = [
                        by_span[(statement.document, a, b)]
                        for a, b in statement.spans
                        if (statement.document, a, b) in by_span
                    ]
                    self.pending.append(
                        _Pending(rel.type, statement, evidence, rel.source, rel.target)
                    )
                del graph.relations[key]
                self.refold.discard(key)

        placed: list[tuple[Relation, _Pending]] = []
        for item in self.pending:
            st = item.statement
            source = owner.get((st.document, st.source))
            target = owner.get((st.document, st.target))
            if source is None or target is None:
                # an end that did not change keeps its stored id: the one stored end that
                # did not move (a symmetric relation may store its ends the other way)
                found = source or target
                kept = [
                    e
                    for e in (item.source, item.target)
                    if e is not None and e not in moved and e != found
                ]
                if len(kept) == 1:
                    source, target = source or kept[0], target or kept[0]
            if source is None or target is None:
                continue
            if source == target:  # a fact of an entity with itself once their names joined
                self._hold(graph.entities[source], item)
                continue
            placed.append((Relation(source, item.type, target), item))
        self.pending = []
        prefetch = getattr(graph.relations, "prefetch", None)
        if prefetch is not None:  # a store's relations: read the ones these join at once
            prefetch(rel.key for rel, _ in placed)
        for rel, item in placed:
            known = graph.relations.get(rel.key)
            if known is None:
                known = rel
                graph.relations[rel.key] = rel
            else:
                known.own_statements()
            known.statements.append(item.statement)
            known.add_evidence(item.evidence)
            self.refold.add(rel.key)

    def _hold(self, entity: Entity, item: _Pending) -> None:
        """Keep a fact whose ends joined with the naming of its source."""
        names = entity.namings.get(item.statement.document, [])
        for i, naming in enumerate(names):
            if naming.local == item.statement.source:
                held = (item.type, item.statement, tuple(item.evidence))
                names[i] = dataclasses.replace(naming, held=(*naming.held, held))
                return
        if names:  # a statement stored before namings were kept: the first naming holds it
            held = (item.type, item.statement, tuple(item.evidence))
            names[0] = dataclasses.replace(names[0], held=(*names[0].held, held))


def merge_document(graph: GraphData, state: DocumentGraph, gazetteer: Gazetteer) -> None:
    """Fold one document's graph into ``graph`` (a :class:`Merger` for one document; a
    build keeps one merger for all its documents)."""
    merger = Merger(graph, gazetteer)
    merger.add(state)
    merger.finish()
