"""The public face of docgraph: :func:`build`, :func:`open` and :class:`Graph`.

g = docgraph.build(["docs/"])           # documents → graph in the embedded store
g.query("MATCH (c:Country) RETURN c.name").to_df()
g.to_networkx(); g.view()
"""

from __future__ import annotations

import dataclasses
import os
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from docgraph.errors import AuthenticationError, DocgraphError, InputError, QueryError, StoreError
from docgraph.graph.diff import GraphDiff, diff_graphs
from docgraph.graph.model import DocumentGraph, GraphData
from docgraph.graph.nx import to_networkx
from docgraph.graph.results import QueryResult
from docgraph.graph.stores import GraphStore, WriteSummary, open_store
from docgraph.progress import Progress, progress_report

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["BuildReport", "Graph", "PushReport", "build", "check_location", "open"]


#: the URI schemes of the Neo4j driver that docgraph supports (its http:// is a preview
#: that needs another package and speaks another protocol)
NEO4J_SCHEMES = frozenset({"bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"})


@dataclass(slots=True)
class BuildReport:
    """What a build read, skipped, failed on and wrote."""

    documents: int = 0
    unchanged: int = 0
    errors: list[InputError] = field(default_factory=list)
    #: what the user should know but is no error (a document id that was taken)
    notes: list[str] = field(default_factory=list)
    write: WriteSummary = field(default_factory=WriteSummary)
    seconds: float = 0.0
    words: int = 0
    #: ids of the stored documents taken away (``prune``: no longer in the input)
    removed: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(slots=True)
class PushReport:
    """What :meth:`Graph.push` wrote and what the target holds afterwards."""

    target: str
    write: WriteSummary
    stats: dict[str, Any]
    seconds: float = 0.0


class Graph:
    """A docgraph graph in a store (embedded or Neo4j); a context manager.

    Every method goes through the :class:`GraphStore` interface, so the same notebook
    runs on the embedded store and on Neo4j.
    """

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.last_build: BuildReport | None = None

    def __repr__(self) -> str:
        return f"<docgraph.Graph on {self.store.describe()}>"

    def __enter__(self) -> Graph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    # --- writing ------------------------------------------------------------------------

    def add(
        self,
        paths: Iterable[str | Path] | str | Path,
        *,
        fast: bool = False,
        patterns: Iterable[str | Path] = (),
        gazetteers: Iterable[str | Path] = (),
        processes: int = 1,
        progress: Progress | bool = True,
        infer_places: bool = False,
        prune: bool = False,
    ) -> BuildReport:
        """Read, extract and resolve ``paths`` and write the result to the store.

        Documents whose text is unchanged since the last build are not extracted again; a
        changed document replaces its own evidence. Running it twice changes nothing.
        ``infer_places`` adds place facts the text does not state (from the gazetteer,
        from names, from the document's topic), marked ``inferred`` in their evidence.
        ``progress`` shows how far reading, extracting and writing have got (a bar in a
        notebook or on a terminal, a line every few seconds on a redirected stderr);
        ``False`` shows nothing, a callable ``(stage, done, total)`` is called instead.
        ``prune`` takes away the stored documents that are not among ``paths`` any more
        (as :meth:`remove` does), unless some input could not be read.
        """
        report_to, finish = progress_report(progress)
        try:
            return self._add(
                paths, fast, patterns, gazetteers, processes, report_to, infer_places, prune
            )
        finally:
            finish()

    def _add(
        self,
        paths: Iterable[str | Path] | str | Path,
        fast: bool,
        patterns: Iterable[str | Path],
        gazetteers: Iterable[str | Path],
        processes: int,
        progress: Progress | None,
        infer_places: bool,
        prune: bool = False,
    ) -> BuildReport:
        from docgraph.graph.lazy import DOCUMENT_ROWS, TouchedGraph
        from docgraph.loaders.extract import Extractor
        from docgraph.loaders.index_cache import keep_names, load_kept_names
        from docgraph.loaders.merge import Merger
        from docgraph.loaders.read import ReadReport, iter_documents, normal_source
        from docgraph.loaders.shards import (
            iter_shard_graphs,
            shard_extractor_options,
        )

        started = time.perf_counter()
        if isinstance(paths, (str, Path)):
            paths = [paths]
        paths = list(paths)
        rows = self.store.query(DOCUMENT_ROWS).records
        # the store's documents keep their ids, and a new file never takes one of them
        known = {row["id"]: row["source"] or "" for row in rows}
        loaded = {row["id"]: (row["sha256"], normal_source(row["source"] or "")) for row in rows}
        # The documents are read twice, a file at a time, and never held all at once. The
        # first pass finds which ones changed: their old namings and evidence leave the
        # graph before the first merge. The second pass streams them into extraction.
        read = ReadReport()
        todo: dict[str, str] = {}  # id → source, of the documents to extract
        stdin = None
        report = BuildReport(errors=read.errors, notes=read.notes)
        # shard folders (docgraph extract --out) hold documents already extracted
        shards = _shard_folders(paths, fast, patterns, gazetteers, infer_places)
        first_pass = (
            (graph.document for folder in shards for graph in iter_shard_graphs(folder))
            if shards
            else iter_documents(paths, known=known, report=read)
        )
        seen: set[str] = set()
        for doc in first_pass:
            seen.add(doc.id)
            report.documents += 1
            if doc.source.startswith("<stdin>"):
                stdin = doc  # standard input cannot be read a second time
            # documents already loaded with the same text need nothing
            if loaded.get(doc.id) != (doc.sha256, doc.source):
                todo[doc.id] = doc.source
                report.words += len(doc.text.split())
        # a document with no content hash was half written by a build that was stopped
        half = sorted(row["id"] for row in rows if row["sha256"] is None)
        if half:
            redone = set(todo).intersection(half)
            left = [i for i in half if i not in redone]
            report.notes.append(
                f"{len(half)} document(s) were half loaded by a build that stopped; "
                + (f"redone: {', '.join(sorted(redone))}" if redone else "none is in this build")
                + (f"; still incomplete (not in this build): {', '.join(left)}" if left else "")
            )
        report.unchanged = report.documents - len(todo)
        if prune and not report.errors:  # a file that could not be read is not gone
            report.removed = sorted(set(loaded) - seen)
        if (
            not todo and not report.removed
        ):  # skip reading the whole graph back (the slow part of a no-op rebuild)
            report.seconds = time.perf_counter() - started
            self.last_build = report
            return report
        unseen = dict(todo)
        if shards:
            # the merge resolves names with the gazetteer the extraction used
            with tempfile.TemporaryDirectory(prefix="docgraph-shards-") as scratch:
                extractor = Extractor(**shard_extractor_options(shards[0], scratch))
            results: Iterable[DocumentGraph] = (
                graph
                for folder in shards
                for graph in iter_shard_graphs(folder)
                if unseen.pop(graph.document.id, None) is not None
            )
        else:
            extractor = Extractor(
                fast=fast, patterns=patterns, gazetteers=gazetteers, infer_places=infer_places
            )
            again = (
                doc
                for doc in iter_documents(paths, known=known, stdin=stdin)
                if unseen.pop(doc.id, None) is not None
            )
            # a document that fails to extract is reported and the others are stored
            results = (
                extractor.pipe_parallel(again, processes, errors=report.errors)
                if processes > 1
                else extractor.pipe(again, errors=report.errors)
            )
        if progress:
            progress("read store", 0, 1)
        # the stored graph as far as the merge touches it: the stored ids and the name
        # index (kept by the last build if nothing wrote since, else read and built),
        # then entities and relationships read as the merge asks for them; one merger
        # for the whole build (the graph it ends with does not depend on document order)
        kept = load_kept_names(self.store, extractor.gazetteer)
        try:
            updated = TouchedGraph(self.store, rows, stored_ids=kept.ids if kept else None)
            merger = Merger(updated, extractor.gazetteer, kept.index if kept else None)
            if progress:
                progress("read store", 1, 1)
            merger.remove([*report.removed, *(doc_id for doc_id in todo if doc_id in loaded)])
            if progress:
                progress("extract", 0, len(todo))
            for done, doc_graph in enumerate(results, 1):
                # the store keeps no document text: the merge need not hold 100,000 of them
                doc_graph.document = dataclasses.replace(doc_graph.document, text="")
                merger.add(doc_graph)
                if progress:
                    progress("extract", done, len(todo))
            merger.finish()
            report.errors.extend(
                InputError(
                    source,
                    "could not be read again (it moved or changed while the build read it); build again",
                )
                for source in unseen.values()
            )
            report.write = _apply(self.store, updated.diff(), progress, checkpoint=False)
            index = merger.index if merger.index_built else None
            entities = updated.entities
            # every id only when the kept file is written whole (no file, or a stale one)
            ids = list(entities.ids()) if index is not None and kept is None else []
            added, removed = entities.added(), entities.removed()
            # the merge's graph goes before the store folds its log: a first build's
            # checkpoint holds a serialised copy of the whole store, and need not hold it on
            # top of the graph (10,000 documents: peak 1.37 -> 1.24 GB)
            del entities, updated, merger
            self.store.save()
            if index is not None:
                keep_names(
                    self.store,
                    extractor.gazetteer,
                    ids,
                    index,
                    kept=kept,
                    added=added,
                    removed=removed,
                )
        finally:
            if kept is not None:
                kept.close()  # the kept file's connection, whether or not the build got through
        report.seconds = time.perf_counter() - started
        self.last_build = report
        return report

    def remove(self, documents: Iterable[str]) -> BuildReport:
        """Take documents out of the graph, by id or by source path: their evidence goes,
        and the entities and relationships no other document supports go with it.

        The graph ends as a build of the documents left would make it: names that only
        a removed document joined come apart again, and entities take the names the
        documents left give them.
        """
        started = time.perf_counter()
        from docgraph.graph.lazy import DOCUMENT_ROWS, TouchedGraph
        from docgraph.loaders.gazetteer import load_gazetteer
        from docgraph.loaders.index_cache import keep_names, load_kept_names
        from docgraph.loaders.read import normal_source

        rows = self.store.query(DOCUMENT_ROWS).records
        by_name = {normal_source(r["source"] or ""): r["id"] for r in rows}
        by_name.update({r["id"]: r["id"] for r in rows})  # an id is a name too
        found, missing = set(), []
        for wanted in {str(d) for d in documents}:
            doc_id = by_name.get(wanted) or by_name.get(normal_source(wanted))
            if doc_id is None:
                missing.append(wanted)
            else:
                found.add(doc_id)
        report = BuildReport(documents=len(found), removed=sorted(found))
        report.errors.extend(
            InputError(w, "no such document in the store") for w in sorted(missing)
        )
        if found:
            # with the name index the last build kept (default gazetteer, as the removal
            # resolves with it): the stored ids come from it and its changes go back in,
            # so removing costs what it touches and the next build keeps the fast path
            gazetteer = load_gazetteer()
            kept = load_kept_names(self.store, gazetteer)
            try:
                graph = TouchedGraph(self.store, rows, stored_ids=kept.ids if kept else None)
                graph.remove_documents(found, gazetteer, kept.index if kept else None)
                report.write = self.store.apply(graph.diff())
                if kept is not None:
                    entities = graph.entities
                    keep_names(
                        self.store,
                        gazetteer,
                        [],
                        kept.index,
                        kept=kept,
                        added=entities.added(),
                        removed=entities.removed(),
                    )
            finally:
                if kept is not None:
                    kept.close()
        report.seconds = time.perf_counter() - started
        return report

    def push(
        self,
        target: str | Path | Graph,
        *,
        username: str | None = None,
        password: str | None = None,
        database: str | None = None,
        progress: Progress | bool = True,
    ) -> PushReport:
        """Copy this graph into ``target`` (a Neo4j URI, a store folder, made when missing,
        or an open :class:`Graph`), writing only what differs: pushing twice writes nothing the
        second time, and what the target holds that this graph does not is removed.

        A location is opened with the credentials given (else ``NEO4J_USERNAME`` and
        ``NEO4J_PASSWORD``) and closed again; an open graph is left open."""
        started = time.perf_counter()
        data = self.read()
        report_to, finish = progress_report(progress)
        into = (
            target
            if isinstance(target, Graph)
            else open(target, create=True, username=username, password=password, database=database)
        )
        try:
            summary = _apply(into.store, diff_graphs(into.read(), data), report_to)
            return PushReport(
                into.store.describe(), summary, into.stats(), time.perf_counter() - started
            )
        finally:
            finish()
            if into is not target:
                into.close()

    # --- reading ------------------------------------------------------------------------

    def query(
        self,
        cypher: str,
        params: dict[str, Any] | None = None,
        /,
        *,
        write: bool = False,
        timeout: float | None = None,
        **kwargs: Any,
    ) -> QueryResult:
        """Run ad-hoc Cypher or a named query (``g.query("members-of", org="G5 Sahel")``).

        Read-only unless ``write=True``; values always travel as parameters.
        """
        from docgraph.queries import run_query

        return run_query(
            self.store, cypher, {**(params or {}), **kwargs}, write=write, timeout=timeout
        )

    def stats(self) -> dict[str, Any]:
        """Documents, entities by label and relationships by type, and the ids of the
        documents whose load did not finish."""
        q = self.store.query
        documents = q("MATCH (d:Document) RETURN count(d) AS n").value()[0]
        labels = q(
            "MATCH (n:Entity) UNWIND labels(n) AS label WITH label WHERE label <> 'Entity' "
            "RETURN label, count(*) AS n ORDER BY label"
        )
        types = q(
            "MATCH (:Entity)-[r]->(:Entity) RETURN type(r) AS type, count(r) AS n ORDER BY type"
        )
        entities = {row["label"]: row["n"] for row in labels}
        relationships = {row["type"]: row["n"] for row in types}
        return {
            "documents": documents,
            "entities": sum(entities.values()),
            "relationships": sum(relationships.values()),
            "entities_by_label": entities,
            "relationships_by_type": relationships,
            # documents a killed build or load left half written (no content hash yet)
            "incomplete_documents": self.store.incomplete_documents(),
        }

    def read(self) -> GraphData:
        """The whole graph in memory (entities, relationships with evidence, documents)."""
        return self.store.read_graph()

    def write_metrics(self, metrics: dict[str, dict[str, Any]]) -> int:
        """Store per-entity metrics (``{"pagerank": {entity_id: value}}``) as node
        properties, so views can colour by them and queries can filter on them."""
        from docgraph.graph.schema import check_property, quote

        written = 0
        for name, values in metrics.items():
            prop = quote(check_property(name))
            rows = [{"id": k, "value": v} for k, v in values.items()]
            for i in range(0, len(rows), 5_000):
                self.store.query(
                    f"UNWIND $rows AS r MATCH (n:Entity {{id: r.id}}) SET n.{prop} = r.value",
                    {"rows": rows[i : i + 5_000]},
                    write=True,
                )
            written += len(rows)
        self.store.save()
        return written

    def to_networkx(self, *, include_related: bool = True) -> nx.MultiDiGraph:
        """The graph as a NetworkX ``MultiDiGraph`` keyed by entity id."""
        return to_networkx(self.read(), include_related=include_related)

    def view(
        self,
        path: str | Path | None = None,
        *,
        title: str | None = None,
        focus: str | None = None,
        depth: int = 1,
        min_degree: int = 0,
        max_nodes: int | None = 5000,
        related: bool = False,
        progress: Progress | bool = False,
        **options: Any,
    ) -> Any:
        """Write an interactive HTML view; in a notebook, also display it inline.

        ``related=True`` shows the RELATED_TO co-occurrences when the page opens (they are
        in the file either way, one toggle away); ``title`` names the page and its PNG.
        ``progress`` reports its two steps, reading the graph and laying it out, as
        :meth:`add` does (off by default: a notebook shows the view itself)."""
        from docgraph.views import show

        report_to, finish = progress_report(progress)
        try:
            if report_to:
                report_to("view", 0, 2)
            graph = self.to_networkx()
            if report_to:
                report_to("view", 1, 2)
            shown = show(
                graph,
                path,
                title=title or "docgraph",
                focus=focus,
                depth=depth,
                min_degree=min_degree,
                max_nodes=max_nodes,
                related=related,
                **options,
            )
            if report_to:
                report_to("view", 2, 2)
            return shown
        finally:
            finish()

    def export(self, path: str | Path, format: str = "graphml") -> Path:
        """Write the graph as GraphML, GEXF or JSON for Gephi and friends, or as
        ``neo4j-csv``: a folder of files for ``neo4j-admin database import``."""
        if format == "neo4j-csv":
            from docgraph.graph.neo4j_csv import write_neo4j_csv

            return write_neo4j_csv(self.read(), path).folder
        from docgraph.export import export_graph

        return export_graph(self.to_networkx(), path, format)


def _apply(
    store: GraphStore, diff: GraphDiff, progress: Progress | None, *, checkpoint: bool = True
) -> WriteSummary:
    """Write ``diff`` to ``store``, telling ``progress`` how many rows are written."""
    total = sum(diff.counts().values())
    written = 0
    if progress and total:
        progress("write", 0, total)  # the stage's clock starts before the first batch

    def on_rows(n: int) -> None:
        nonlocal written
        written += n
        if progress:
            progress("write", written, total)

    return store.apply(diff, on_rows, checkpoint=checkpoint)


def _shard_folders(
    paths: list[str | Path],
    fast: bool,
    patterns: Iterable[str | Path],
    gazetteers: Iterable[str | Path],
    infer_places: bool,
) -> list[Path]:
    """The shard folders among ``paths`` (all of them or none), checked to agree."""
    from docgraph.loaders.shards import is_shard_folder, read_manifest

    shards = [Path(p) for p in paths if is_shard_folder(p)]
    if not shards:
        return []
    if len(shards) < len(paths):
        raise DocgraphError("give either shard folders (docgraph extract --out) or documents")
    if fast or infer_places or list(patterns) or list(gazetteers):
        raise DocgraphError(
            "shards were extracted with their own options (in their manifest): build them "
            "without --fast, --patterns, --gazetteer or --infer-places"
        )
    options = [read_manifest(folder)["options"] for folder in shards]
    if any(other != options[0] for other in options[1:]):
        raise DocgraphError("these shard folders were extracted with different options")
    return shards


def check_location(location: str | Path | None) -> None:
    """Refuse a store location that is neither a folder nor a Neo4j URI docgraph can use,
    with a message that says so (``http://…``, a port that is not a number), before the
    driver answers with something stranger. The password in a URI is never repeated."""
    text = str(location or os.environ.get("DOCGRAPH_STORE") or "")
    if "://" not in text:
        return
    parts = urlsplit(text)
    shown = text.replace(f":{parts.password}@", ":***@") if parts.password else text
    if parts.scheme.lower() not in NEO4J_SCHEMES:
        raise StoreError(
            f"cannot use {shown!r} as a store: give a folder or a bolt:// or neo4j:// URI "
            f"(also bolt+s, bolt+ssc, neo4j+s, neo4j+ssc), not {parts.scheme}://"
        )
    try:
        parts.port  # noqa: B018 - urllib checks the port when it is read
    except ValueError:
        raise StoreError(f"cannot use {shown!r} as a store: the port is not a number") from None


def open(  # noqa: A001 - docgraph.open reads like the built-in, on a store
    location: str | Path | None = None,
    *,
    create: bool = False,
    username: str | None = None,
    password: str | None = None,
    database: str | None = None,
    allow_file_access: bool = False,
) -> Graph:
    """Open the graph in a store: a folder (embedded) or a ``bolt://``/``neo4j://`` URI.

    An embedded store must exist (a typo must not give an empty graph that answers every
    query with nothing); ``create=True`` or :func:`build` makes a new one. Neo4j
    credentials default to ``NEO4J_USERNAME``/``NEO4J_PASSWORD``. ``allow_file_access``
    lets read-only queries use ``LOAD CSV`` (it reads files on the machine running it).
    """
    check_location(location)
    try:
        store = open_store(
            location,
            create=create,
            username=username,
            password=password,
            database=database,
            allow_file_access=allow_file_access,
        )
        return Graph(store)
    except QueryError as exc:
        # Neo4j's security refusals other than a wrong password (too many failed logins
        # in a row: AuthenticationRateLimit) are credentials problems too: exit code 3
        code = str(getattr(exc.__cause__, "code", "") or "")
        if code.startswith("Neo.ClientError.Security."):
            raise AuthenticationError(
                f"Neo4j refused to log in ({code.rsplit('.', 1)[-1]}): {exc}"
            ) from exc
        raise


def build(
    paths: Iterable[str | Path] | str | Path,
    store: str | Path | None = None,
    *,
    fast: bool = False,
    patterns: Iterable[str | Path] = (),
    gazetteers: Iterable[str | Path] = (),
    processes: int = 1,
    progress: Progress | bool = True,
    infer_places: bool = False,
    prune: bool = False,
    username: str | None = None,
    password: str | None = None,
    database: str | None = None,
) -> Graph:
    """Documents → graph in one call; returns the open :class:`Graph`.

    The store is created when it does not exist. The extraction options are those of
    :meth:`Graph.add`; the build report is on ``graph.last_build``. A progress bar shows
    in a notebook or on a terminal; ``progress=False`` turns it off.
    """
    graph = open(store, create=True, username=username, password=password, database=database)
    try:
        graph.add(
            paths,
            fast=fast,
            patterns=patterns,
            gazetteers=gazetteers,
            processes=processes,
            progress=progress,
            infer_places=infer_places,
            prune=prune,
        )
    except BaseException:
        graph.close()
        raise
    return graph
