"""Files for ``neo4j-admin database import``: a first load of a large graph into Neo4j.

``docgraph load`` writes through Cypher, batch by batch; for a first load of 100,000
documents the offline import tool is far faster. The files hold exactly the rows
``docgraph load`` writes (the same :func:`~docgraph.graph.diff.diff_graphs` rows), so the
imported database is the graph a load gives:

- ``documents.csv``: ``:Document`` nodes (``id``, ``source``, ``chars``, ``sha256``);
- ``entities-N.csv``: ``:Entity:<Label>`` nodes (``id``, ``name``, ``aliases`` and the
  entity's own properties), one file per set of typed columns;
- ``mentions.csv``: ``MENTIONED_IN {count, namings}`` from an entity to a document;
- ``relationships-N.csv``: the typed and co-occurrence edges with their evidence lists;
- ``import.sh``: the ``neo4j-admin`` command for these files, and the constraints
  ``docgraph load`` creates, to run once the database is up.

Array values are split by a delimiter chosen to appear in none of them (evidence
sentences hold ``;``, the tool's default). Neo4j stores no empty list from an import:
an entity without aliases has no ``aliases`` property (docgraph reads both as none).
"""

from __future__ import annotations

import csv
import shlex
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from docgraph.errors import DocgraphError
from docgraph.graph.diff import diff_graphs
from docgraph.graph.model import GraphData, namings_to_json
from docgraph.graph.schema import (
    DOCUMENT_LABEL,
    ENTITY_LABEL,
    MENTIONED_IN,
    check_label,
    check_type,
)

__all__ = ["BulkFiles", "write_neo4j_csv"]

#: candidates for the array delimiter, most unlikely in text first
DELIMITERS = ("\x1f", "\x1e", "\x1d", "\x1c", "¦", "|")
#: a property key that the header syntax (``name:type``, comma separated) can carry
_UNSAFE_KEY = set(':,"\n\r')


@dataclass
class BulkFiles:
    """What :func:`write_neo4j_csv` wrote, and the command that imports it."""

    folder: Path
    nodes: list[Path] = field(default_factory=list)
    relationships: list[Path] = field(default_factory=list)
    delimiter: str = DELIMITERS[0]
    database: str = "neo4j"

    def command(self, *, relative: bool = False) -> list[str]:
        """``neo4j-admin database import full`` for these files, as arguments (file names
        relative to the folder when ``relative``)."""

        def name(path: Path) -> str:
            return path.name if relative else str(path)

        return [
            "neo4j-admin",
            "database",
            "import",
            "full",
            self.database,
            *[f"--nodes={name(p)}" for p in self.nodes],
            *[f"--relationships={name(p)}" for p in self.relationships],
            f"--array-delimiter=U+{ord(self.delimiter):04X}",
            "--multiline-fields=true",
            # the tool writes its report to the working directory unless told otherwise
            f"--report-file={name(self.folder / 'import.report')}",
        ]


_SCALARS = {bool: "boolean", int: "long", float: "double", str: "string"}


def _type(value: Any) -> str | None:
    """The import tool's type for ``value``; None for no value (the cell stays empty)."""
    if value is None:
        return None
    kind = _SCALARS.get(type(value))
    if kind is not None:
        return kind
    if isinstance(value, (list, tuple)):
        kinds = {_SCALARS.get(type(v)) for v in value}
        if not kinds:
            return None  # an empty list: the import tool cannot store one
        if kinds <= {"long", "double"}:
            return "double[]" if "double" in kinds else "long[]"
        if len(kinds) == 1 and None not in kinds:
            return f"{kinds.pop()}[]"
    raise DocgraphError(f"cannot write {value!r} for neo4j-admin import (mixed or nested values)")


def _cell(value: Any, kind: str | None, delimiter: str) -> str:
    if kind is None:
        return ""
    if kind == "boolean":
        return "true" if value else "false"
    if kind.endswith("[]"):
        if kind == "boolean[]":
            return delimiter.join("true" if v else "false" for v in value)
        return delimiter.join(repr(float(v)) if kind == "double[]" else str(v) for v in value)
    if kind == "double":
        return repr(float(value))
    return str(value)


@lru_cache(maxsize=4096)
def _check_key(key: str) -> str:
    if not key or _UNSAFE_KEY & set(key):
        raise DocgraphError(f"the property name {key!r} cannot be written as an import header")
    return key


def _delimiter(entities: list[Any], relation_rows: list[dict[str, Any]]) -> str:
    """The first candidate found in no string that goes into an array cell."""
    strings: set[str] = set()
    for entity in entities:
        strings.update(entity.aliases)
        strings.add(entity.label)
        strings.update(v for v in entity.properties.values() if isinstance(v, str))
    for row in relation_rows:
        for value in row.values():
            if isinstance(value, list):
                strings.update(v for v in value if isinstance(v, str))
    text = "\n".join(strings)
    for candidate in DELIMITERS:
        if candidate not in text:
            return candidate
    raise DocgraphError("every array delimiter the import tool takes occurs in the graph's text")


class _Files:
    """Rows grouped by their typed columns, one CSV file per group."""

    def __init__(self, folder: Path, stem: str, fixed: list[str], delimiter: str) -> None:
        self.folder, self.stem, self.fixed, self.delimiter = folder, stem, fixed, delimiter
        self.groups: dict[tuple[tuple[str, str], ...], list[tuple[list[str], dict]]] = defaultdict(
            list
        )

    def add(self, fixed: list[str], props: dict[str, Any]) -> None:
        typed = {_check_key(k): _type(v) for k, v in props.items()}
        signature = tuple(sorted((k, t) for k, t in typed.items() if t is not None))
        self.groups[signature].append((fixed, props))

    def write(self) -> list[Path]:
        paths = []
        for number, (signature, rows) in enumerate(sorted(self.groups.items()), 1):
            path = self.folder / f"{self.stem}-{number}.csv"
            with path.open("w", encoding="utf-8", newline="") as out:
                writer = csv.writer(out)
                writer.writerow(self.fixed + [f"{key}:{kind}" for key, kind in signature])
                for fixed, props in rows:
                    writer.writerow(
                        fixed
                        + [_cell(props.get(key), kind, self.delimiter) for key, kind in signature]
                    )
            paths.append(path)
        return paths


def write_neo4j_csv(graph: GraphData, folder: str | Path, *, database: str = "neo4j") -> BulkFiles:
    """Write ``graph`` into ``folder`` as node and relationship files for neo4j-admin."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    stale = sorted(folder.glob("*.csv"))
    if stale:
        raise DocgraphError(
            f"{folder} already holds {len(stale)} CSV file(s); the import reads every file it "
            "is given, so write into an empty folder"
        )
    diff = diff_graphs(GraphData(), graph)  # the rows `docgraph load` would write
    relation_rows = [(rel, rel.to_row()) for rel in sorted(diff.relations, key=lambda r: r.key)]
    delimiter = _delimiter(diff.entities, [row for _, row in relation_rows])
    files = BulkFiles(folder, delimiter=delimiter, database=database)

    documents = folder / "documents.csv"
    with documents.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow([f"id:ID({DOCUMENT_LABEL})", ":LABEL", "source", "chars:long", "sha256"])
        for doc in sorted(diff.documents, key=lambda d: d.id):
            writer.writerow([doc.id, DOCUMENT_LABEL, doc.source, doc.chars, doc.sha256])
    files.nodes.append(documents)

    entities = _Files(folder, "entities", [f"id:ID({ENTITY_LABEL})", ":LABEL"], delimiter)
    for entity in sorted(diff.entities, key=lambda e: e.id):
        props = {k: v for k, v in entity.to_row().items() if k != "id"}
        labels = delimiter.join([ENTITY_LABEL, check_label(entity.label)])
        entities.add([entity.id, labels], props)
    files.nodes += entities.write()

    mentions = folder / "mentions.csv"
    with mentions.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(
            [
                f":START_ID({ENTITY_LABEL})",
                f":END_ID({DOCUMENT_LABEL})",
                ":TYPE",
                "count:long",
                "namings:string",
            ]
        )
        for entity_id, document_id, count, namings in sorted(diff.mentions, key=lambda m: m[:2]):
            namings_json = namings_to_json(namings) if namings else ""
            writer.writerow([entity_id, document_id, MENTIONED_IN, count, namings_json])
    files.relationships.append(mentions)

    relations = _Files(
        folder,
        "relationships",
        [f":START_ID({ENTITY_LABEL})", f":END_ID({ENTITY_LABEL})", ":TYPE"],
        delimiter,
    )
    for rel, row in relation_rows:
        relations.add([rel.source, rel.target, check_type(rel.type)], row)
    files.relationships += relations.write()

    _write_script(files)
    return files


def _write_script(files: BulkFiles) -> None:
    from docgraph.graph.stores.neo4j_store import CONSTRAINTS

    command = [shlex.quote(arg) for arg in files.command(relative=True)]
    lines = [
        "#!/bin/sh",
        "# Import these files into a new, stopped Neo4j database (written by docgraph export).",
        "# Run from this folder, as the user that owns Neo4j's data directory.",
        "set -e",
        'cd "$(dirname "$0")"',
        " \\\n  ".join(command),
        "# Then, with the database started, create the constraints docgraph load makes:",
        *[f"#   {statement};" for statement in CONSTRAINTS],
        "",
    ]
    script = files.folder / "import.sh"
    script.write_text("\n".join(lines), encoding="utf-8")
    script.chmod(0o755)
