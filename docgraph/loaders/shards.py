"""Document graphs as JSONL shards: extraction apart from resolution and loading.

Extraction of a document is a pure function of its text and the extraction options, so it
can run anywhere (``docgraph extract PATH --out DIR``, a Dask bag, a Spark job) and the
single resolver/writer (``docgraph build DIR`` or ``load DIR``) merges the results later.
A shard folder holds:

- ``docgraph-shards.json``, the manifest: the document ids in the order they were read
  (resolution is order-dependent: a build merges them in this order, so the graph equals
  a serial build of the same input), the options used and the contents of any extra
  gazetteer (resolution needs the same names), and the shard files;
- ``shard-NNNNN.jsonl``: one document per line, as ``docgraph extract --format jsonl``
  prints it plus the text, its sha256 and each entity's mentions.

On a cluster, fix the documents and their ids once on the driver
(:func:`~docgraph.loaders.read.read_documents`), map :func:`extract_partition` over them
and write the records with :func:`write_shards` (README: "Scaling out").
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from docgraph.errors import DocgraphError
from docgraph.graph.model import Document, DocumentGraph, Entity, Evidence, Relation

__all__ = [
    "MANIFEST",
    "extract_partition",
    "graph_of",
    "is_shard_folder",
    "iter_shard_graphs",
    "record_of",
    "write_shards",
]

MANIFEST = "docgraph-shards.json"
FORMAT = 1
SHARD_DOCUMENTS = 1000


def record_of(graph: DocumentGraph) -> dict[str, Any]:
    """One document's extraction as a JSON-ready dict (all that a merge reads)."""
    doc = graph.document
    return {
        "document": {
            "id": doc.id,
            "source": doc.source,
            "sha256": doc.sha256,
            "chars": doc.chars,
            "text": doc.text,
        },
        "entities": [{**e.to_dict(), "mentions": dict(e.mentions)} for e in graph.entities],
        "relations": [r.to_dict() for r in graph.relations],
    }


def graph_of(record: dict[str, Any]) -> DocumentGraph:
    """The :class:`DocumentGraph` a :func:`record_of` dict (or an extract line) holds."""
    meta = record["document"]
    text = meta.get("text", "")
    sha = meta.get("sha256") or hashlib.sha256(text.encode("utf-8")).hexdigest()
    doc = Document(meta["id"], meta["source"], text, sha, meta.get("chars", len(text)))
    entities = []
    for row in record["entities"]:
        row = dict(row)
        eid, name, label = row.pop("id"), row.pop("name"), row.pop("label")
        aliases = set(row.pop("aliases", ())) | {name}
        mentions = row.pop("mentions", None) or {doc.id: 1}
        entities.append(Entity(eid, name, label, aliases, row, dict(mentions)))
    relations = [
        Relation(
            r["source"],
            r["type"],
            r["target"],
            dict(r.get("properties", {})),
            sorted(Evidence.from_dict(e) for e in r["evidence"]),
        )
        for r in record["relations"]
    ]
    return DocumentGraph(doc, entities, relations)


def extract_partition(
    documents: Iterable[Document], options: dict[str, Any] | None = None
) -> Iterator[dict[str, Any]]:
    """Extract ``documents`` with one extractor: the function a Dask
    ``map_partitions`` or a Spark ``mapPartitions`` runs on each worker.

    ``options`` are :class:`~docgraph.loaders.extract.Extractor`'s (``fast``,
    ``gazetteers``, ``patterns``, ``infer_places``); a document that fails is skipped
    with its error in a record of its own (``{"error": …}``), so one bad file does not
    stop the partition.
    """
    from docgraph.errors import InputError
    from docgraph.loaders.extract import Extractor

    extractor = Extractor(**(options or {}))
    errors: list[InputError] = []
    for graph in extractor.pipe(documents, errors=errors):
        yield record_of(graph)
        while errors:
            yield {"error": str(errors.pop(0))}
    for error in errors:
        yield {"error": str(error)}


def _manifest_options(options: dict[str, Any]) -> dict[str, Any]:
    """The options as the manifest keeps them: extra gazetteers by content."""
    kept = {k: v for k, v in options.items() if k not in ("gazetteers", "patterns")}
    kept["gazetteers"] = [
        {"name": Path(p).name, "content": Path(p).read_text(encoding="utf-8")}
        for p in options.get("gazetteers", ())
    ]
    kept["patterns"] = [Path(p).name for p in options.get("patterns", ())]
    return kept


def write_shards(
    records: Iterable[dict[str, Any]],
    folder: str | Path,
    options: dict[str, Any] | None = None,
    *,
    shard_documents: int = SHARD_DOCUMENTS,
) -> dict[str, Any]:
    """Write ``records`` (in document order) as shards and the manifest; return it.

    Error records (from :func:`extract_partition`) go into the manifest's ``errors``.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    if (folder / MANIFEST).exists() or any(folder.glob("shard-*.jsonl")):
        raise DocgraphError(f"{folder} already holds shards; write them into an empty folder")
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "options": _manifest_options(options or {}),
        "documents": [],
        "shards": [],
        "errors": [],
    }
    out = None
    try:
        for record in records:
            if "error" in record:
                manifest["errors"].append(record["error"])
                continue
            if out is None or len(manifest["documents"]) % shard_documents == 0:
                if out is not None:
                    out.close()
                name = f"shard-{len(manifest['shards']):05d}.jsonl"
                manifest["shards"].append(name)
                out = (folder / name).open("w", encoding="utf-8")
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            manifest["documents"].append(record["document"]["id"])
    finally:
        if out is not None:
            out.close()
    # the manifest last: a folder without one is an extraction that did not finish
    (folder / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), "utf-8")
    return manifest


def is_shard_folder(path: str | Path) -> bool:
    """Whether ``path`` is a folder written by :func:`write_shards` (an unreadable or
    impossible path is not: reading it reports why)."""
    try:
        return Path(path).is_dir() and (Path(path) / MANIFEST).is_file()
    except OSError:
        return False


def read_manifest(folder: str | Path) -> dict[str, Any]:
    path = Path(folder) / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DocgraphError(f"cannot read the shard manifest {path}: {exc}") from exc
    if manifest.get("format") != FORMAT:
        raise DocgraphError(f"{path}: shard format {manifest.get('format')!r}, expected {FORMAT}")
    missing = [name for name in manifest["shards"] if not (Path(folder) / name).is_file()]
    if missing:
        raise DocgraphError(f"{folder} lacks shard file(s) {', '.join(missing)}: extract again")
    return manifest


def iter_shard_graphs(folder: str | Path) -> Iterator[DocumentGraph]:
    """The document graphs of a shard folder, in the manifest's document order."""
    folder = Path(folder)
    manifest = read_manifest(folder)
    seen = 0
    for name in manifest["shards"]:
        with (folder / name).open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                if not line.strip():
                    continue
                try:
                    graph = graph_of(json.loads(line))
                except (ValueError, KeyError, TypeError) as exc:
                    raise DocgraphError(f"{folder / name}, line {number}: {exc}") from exc
                expected = (
                    manifest["documents"][seen] if seen < len(manifest["documents"]) else None
                )
                if graph.document.id != expected:
                    raise DocgraphError(
                        f"{folder / name}, line {number}: document {graph.document.id!r} where "
                        f"the manifest has {expected!r}"
                    )
                seen += 1
                yield graph
    if seen != len(manifest["documents"]):
        raise DocgraphError(
            f"{folder}: {seen} documents in the shards, manifest lists {len(manifest['documents'])}"
        )


def shard_extractor_options(folder: str | Path, scratch: str | Path) -> dict[str, Any]:
    """The extraction options of a shard folder, its gazetteers written under ``scratch``
    (the merge resolves names with the same gazetteer the extraction used)."""
    options = dict(read_manifest(folder)["options"])
    paths = []
    for number, gazetteer in enumerate(options.pop("gazetteers", [])):
        path = Path(scratch) / f"{number}-{Path(gazetteer['name']).name}"
        path.write_text(gazetteer["content"], encoding="utf-8")
        paths.append(str(path))
    options.pop("patterns", None)  # relation rules matter to extraction only
    return {**options, "gazetteers": paths}
