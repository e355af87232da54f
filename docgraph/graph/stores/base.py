"""The interface every store implements, and the Cypher they share to apply a diff.

Both stores speak Neo4j-5 Cypher, so the statements that write a :class:`GraphDiff` live
here once; a store only says how to run a batch of them (``_write_batches``) and a query
(``query``). Labels and types are checked before they are spliced into a statement.
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from docgraph.graph.diff import GraphDiff
from docgraph.graph.model import (
    Document,
    Entity,
    GraphData,
    Relation,
    namings_from_json,
    namings_to_json,
    relation_from_row,
)
from docgraph.graph.results import QueryResult
from docgraph.graph.schema import (
    DOCUMENT_LABEL,
    ENTITY_LABEL,
    MENTIONED_IN,
    check_label,
    check_type,
    quote,
)

__all__ = ["GraphStore", "Statement", "WriteSummary"]

#: the write counters both stores report after a load
WRITE_COUNTERS = (
    "nodes_created",
    "nodes_deleted",
    "relationships_created",
    "relationships_deleted",
    "properties_set",
)
#: Node properties some engines add on their own; never part of docgraph's data.
ENGINE_NODE_KEYS = frozenset({"title", "type"})
ENTITY_OWN_KEYS = frozenset({"id", "name", "aliases"})

ProgressCallback = Callable[[int], None]


@dataclass(slots=True)
class Statement:
    """One parameterised statement and the rows it unwinds."""

    cypher: str
    rows: list[dict[str, Any]]


@dataclass(slots=True)
class WriteSummary:
    """What a write changed, for the CLI's closing line."""

    counts: dict[str, int] = field(default_factory=dict)
    rows: int = 0
    seconds: float = 0.0

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


def _batches(
    cypher: str, items: list[Any], to_row: Callable[[Any], dict[str, Any]], size: int | None
) -> Iterator[Statement]:
    """``cypher`` with the rows of ``items`` in batches of ``size`` (all in one if None);
    each batch's rows are made as it is written, so a first load of a large graph never
    holds every row at once (the rows carry evidence lists and JSON: they cost as much
    memory again as the graph)."""
    step = size or max(len(items), 1)
    for i in range(0, len(items), step):
        yield Statement(cypher, [to_row(item) for item in items[i : i + step]])


def diff_statements(diff: GraphDiff, batch_size: int | None = None) -> Iterator[Statement]:
    """The statements that apply ``diff``, deletions first, in dependency order, in
    batches of ``batch_size`` rows (one statement per kind if None)."""
    ent, doc, men = quote(ENTITY_LABEL), quote(DOCUMENT_LABEL), quote(MENTIONED_IN)

    # every label and type is checked before the first batch goes out: a hostile one
    # must stop the load before anything is written, not half-way through it
    deleted_by_type: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for key in diff.deleted_relations:
        deleted_by_type[check_type(key[1])].append(key)
    by_label: dict[str, list[Entity]] = defaultdict(list)
    for entity in diff.entities:
        by_label[check_label(entity.label)].append(entity)
    rels_by_type: dict[str, list[Relation]] = defaultdict(list)
    for rel in diff.relations:
        rels_by_type[check_type(rel.type)].append(rel)
    for rel_type, keys in sorted(deleted_by_type.items()):
        yield from _batches(
            f"UNWIND $rows AS r MATCH (a:{ent} {{id: r.source}})-[e:{quote(rel_type)}]->"
            f"(b:{ent} {{id: r.target}}) DELETE e",
            keys,
            lambda key: {"source": key[0], "target": key[2]},
            batch_size,
        )
    yield from _batches(
        f"UNWIND $rows AS r MATCH (n:{ent} {{id: r.entity}})-[m:{men}]->"
        f"(d:{doc} {{id: r.document}}) DELETE m",
        diff.deleted_mentions,
        lambda mention: {"entity": mention[0], "document": mention[1]},
        batch_size,
    )
    yield from _batches(
        f"UNWIND $rows AS r MATCH (n:{ent} {{id: r.id}}) DETACH DELETE n",
        diff.deleted_entities,
        lambda entity_id: {"id": entity_id},
        batch_size,
    )
    yield from _batches(
        f"UNWIND $rows AS r MATCH (d:{doc} {{id: r.id}}) DETACH DELETE d",
        diff.deleted_documents,
        lambda doc_id: {"id": doc_id},
        batch_size,
    )
    # the content hash is written last (below): it marks the document as fully loaded,
    # so a load that dies half-way is redone by the next run instead of skipped
    yield from _batches(
        f"UNWIND $rows AS r MERGE (d:{doc} {{id: r.id}}) "
        "SET d.source = r.source, d.chars = r.chars, d.sha256 = null",
        diff.documents,
        lambda d: {"id": d.id, "source": d.source, "chars": d.chars},
        batch_size,
    )
    for label, entities in sorted(by_label.items()):
        yield from _batches(
            f"UNWIND $rows AS r MERGE (n:{ent}:{quote(label)} {{id: r.id}}) SET n += r.props",
            entities,
            lambda e: {"id": e.id, "props": e.to_row()},
            batch_size,
        )
    yield from _batches(
        f"UNWIND $rows AS r MATCH (n:{ent} {{id: r.entity}}), (d:{doc} {{id: r.document}}) "
        f"MERGE (n)-[m:{men}]->(d) SET m.count = r.count, m.namings = r.namings",
        diff.mentions,
        lambda m: {
            "entity": m[0],
            "document": m[1],
            "count": m[2],
            "namings": namings_to_json(m[3]) if m[3] else None,
        },
        batch_size,
    )
    for rel_type, rels in sorted(rels_by_type.items()):
        yield from _batches(
            f"UNWIND $rows AS r MATCH (a:{ent} {{id: r.source}}), (b:{ent} {{id: r.target}}) "
            f"MERGE (a)-[e:{quote(rel_type)}]->(b) SET e = r.props",
            rels,
            lambda rel: {"source": rel.source, "target": rel.target, "props": rel.to_row()},
            batch_size,
        )
    yield from _batches(
        f"UNWIND $rows AS r MATCH (d:{doc} {{id: r.id}}) SET d.sha256 = r.sha256",
        diff.documents,
        lambda d: {"id": d.id, "sha256": d.sha256},
        batch_size,
    )


class GraphStore(ABC):
    """A property-graph store that answers Cypher: the embedded kglite or a Neo4j server.

    The rest of docgraph talks to this interface only.
    """

    #: rows per UNWIND batch
    batch_size: int = 5_000
    name: str = "store"

    @abstractmethod
    def query(
        self,
        cypher: str,
        params: dict[str, Any] | None = None,
        *,
        write: bool = False,
        timeout: float | None = None,
        echo_warnings: bool = True,
    ) -> QueryResult:
        """Run one Cypher statement; read-only unless ``write``.

        The engine's warnings are kept in :attr:`QueryResult.warnings` and, unless
        ``echo_warnings`` is false, printed on standard error.
        """

    def state_token(self) -> str | None:
        """A value that changes whenever anything writes to the store, if the store can
        give one cheaply (the embedded store: its files' sizes and times); None if not.
        Lets a build reuse what it kept of the last build's state."""
        return None

    @abstractmethod
    def _write_batches(
        self, batches: Iterable[Statement], progress: ProgressCallback | None
    ) -> dict[str, int]:
        """Run each statement with its rows; return counters of what changed."""

    def close(self) -> None:  # noqa: B027 - optional for stores with nothing to release
        """Release the store (files, locks, connections)."""

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def describe(self) -> str:
        return self.name

    def apply(
        self,
        diff: GraphDiff,
        progress: ProgressCallback | None = None,
        *,
        checkpoint: bool = True,
    ) -> WriteSummary:
        """Write ``diff``; idempotent, so a retry after a failure converges. Then
        :meth:`save`, unless ``checkpoint`` is false (the caller saves, once it has let
        go of what it no longer needs)."""
        started = time.perf_counter()
        rows = 0

        def counted() -> Iterator[Statement]:
            nonlocal rows
            for batch in diff_statements(diff, self.batch_size):
                rows += len(batch.rows)
                yield batch

        counts = self._write_batches(counted(), progress) if not diff.is_empty else {}
        if checkpoint:
            self.save()
        return WriteSummary(counts, rows, time.perf_counter() - started)

    def save(self, *, force: bool = False) -> None:  # noqa: B027 - a server needs nothing
        """Fold what was written into the store's own files, where the store has such a
        step (the embedded store's log); every write is durable before this already."""

    def incomplete_documents(self) -> list[str]:
        """Ids of documents whose load did not finish (no content hash yet), sorted.

        A document's ``sha256`` is written last (see :func:`diff_statements`), so a
        write killed part-way leaves exactly these; the next build redoes them.
        """
        rows = self.query("MATCH (d:Document) WHERE d.sha256 IS NULL RETURN d.id AS id ORDER BY id")
        return [row["id"] for row in rows]

    def read_graph(self) -> GraphData:
        """Everything docgraph wrote, back as a :class:`GraphData` (document texts excluded)."""
        graph = GraphData()
        for row in self.query(
            "MATCH (d:Document) "
            "RETURN d.id AS id, d.source AS source, d.sha256 AS sha256, d.chars AS chars"
        ):
            graph.documents[row["id"]] = Document(
                row["id"], row["source"] or "", "", row["sha256"] or "", int(row["chars"] or 0)
            )
        for row in self.query(
            "MATCH (n:Entity) RETURN n.id AS id, labels(n) AS labels, properties(n) AS props"
        ):
            labels = [lab for lab in row["labels"] if lab != ENTITY_LABEL]
            props = row["props"]
            extra = {
                k: v
                for k, v in props.items()
                if k not in ENTITY_OWN_KEYS and k not in ENGINE_NODE_KEYS
            }
            graph.entities[row["id"]] = Entity(
                row["id"],
                props.get("name", row["id"]),
                labels[0] if labels else "Entity",
                set(props.get("aliases") or []),
                extra,
            )
        for row in self.query(
            "MATCH (n:Entity)-[m:MENTIONED_IN]->(d:Document) "
            "RETURN n.id AS entity, d.id AS document, m.count AS count, m.namings AS namings"
        ):
            entity = graph.entities.get(row["entity"])
            if entity is not None:
                entity.mentions[row["document"]] = int(row["count"] or 0)
                if row["namings"]:
                    entity.namings[row["document"]] = namings_from_json(row["namings"])
        for row in self.query(
            "MATCH (a:Entity)-[e]->(b:Entity) "
            "RETURN a.id AS source, type(e) AS type, b.id AS target, properties(e) AS props"
        ):
            props = {k: v for k, v in row["props"].items() if k != "type"}
            rel = relation_from_row(row["source"], row["type"], row["target"], props)
            graph.relations[rel.key] = rel
        return graph
