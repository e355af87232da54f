"""One eager result type for every store, valid after the store is closed."""

from __future__ import annotations

import html
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from docgraph.printable import printable

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

__all__ = ["NodeValue", "QueryResult", "RelationshipValue"]


class NodeValue(dict):
    """A node in a result: ``{"element_id", "labels", "properties"}``, the same on every store."""


class RelationshipValue(dict):
    """A relationship in a result: ``{"element_id", "type", "start", "end", "properties"}``."""


def _plain(value: Any) -> Any:
    if isinstance(value, NodeValue):
        return {"labels": value["labels"], **value["properties"]}
    if isinstance(value, RelationshipValue):
        return {"type": value["type"], **value["properties"]}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if hasattr(value, "iso_format"):  # neo4j.time types
        return value.iso_format()
    return value


#: rows shown by ``repr()`` and in a notebook's table; the rest are counted
REPR_ROWS = 5
HTML_ROWS = 50
_CELL_CHARS = 80


def _cell(value: Any) -> str:
    """One value as short text: strings bare, the rest as JSON, long ones cut."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    text = printable(text, one_line=True)
    return text if len(text) <= _CELL_CHARS else text[: _CELL_CHARS - 1] + "…"


@dataclass(slots=True)
class QueryResult:
    """Rows of a Cypher query: ``keys`` in order, ``records`` as dicts.

    ``warnings`` holds what the engine said about the query (an unknown label, a
    pattern it cut short): the answer may not be what Neo4j would give, so it is kept
    with the rows instead of being dropped.
    """

    keys: list[str]
    records: list[dict[str, Any]] = field(default_factory=list)
    stats: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.records)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self.records)

    def __getitem__(self, index: int) -> dict[str, Any]:
        return self.records[index]

    def __repr__(self) -> str:
        """The first rows as text, so a result is readable where it is printed."""
        lines = [f"<QueryResult {len(self.records)} row(s), keys {self.keys}>"]
        for row in self.data()[:REPR_ROWS]:
            lines.append("  " + ", ".join(f"{k}={_cell(row.get(k))}" for k in self.keys))
        if len(self.records) > REPR_ROWS:
            lines.append(f"  … {len(self.records) - REPR_ROWS} more")
        lines += [f"  warning: {w}" for w in self.warnings]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        """A table in Jupyter; every value is escaped (names come from documents)."""
        shown = self.data()[:HTML_ROWS]
        head = "".join(f"<th>{html.escape(k)}</th>" for k in self.keys)
        body = "".join(
            "<tr>"
            + "".join(f"<td>{html.escape(_cell(row.get(k)))}</td>" for k in self.keys)
            + "</tr>"
            for row in shown
        )
        more = len(self.records) - len(shown)
        foot = f"<p>… {more} more row(s) of {len(self.records)}</p>" if more > 0 else ""
        warnings = "".join(f"<p>warning: {html.escape(w)}</p>" for w in self.warnings)
        rows = f"{len(self.records)} row(s)"
        return (
            f"<div><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
            f"<p>{rows}</p>{foot}{warnings}</div>"
        )

    def data(self) -> list[dict[str, Any]]:
        """Rows as plain JSON-ready dicts (nodes flattened to their properties)."""
        return [{k: _plain(row.get(k)) for k in self.keys} for row in self.records]

    to_records = data

    def single(self) -> dict[str, Any] | None:
        """The only row, or ``None`` when there is none; more than one is an error."""
        if len(self.records) > 1:
            raise ValueError(f"expected at most one row, got {len(self.records)}")
        return self.records[0] if self.records else None

    def value(self, key: str | None = None) -> list[Any]:
        """One column as a list (the first by default)."""
        key = key or self.keys[0]
        return [row.get(key) for row in self.records]

    def to_df(self) -> pd.DataFrame:
        import pandas as pd

        return pd.DataFrame(self.data(), columns=self.keys)

    def to_json(self) -> str:
        from docgraph.output import json_text

        return json_text(self.data())

    def to_csv(self) -> str:
        from docgraph.output import csv_text

        return csv_text(self.data(), self.keys)

    def to_networkx(self) -> nx.MultiDiGraph:
        """The nodes and relationships the query returned, as a NetworkX multigraph."""
        import networkx as nx

        graph = nx.MultiDiGraph()
        element_to_id: dict[str, str] = {}
        rels: list[RelationshipValue] = []

        def visit(value: Any) -> None:
            if isinstance(value, NodeValue):
                props = value["properties"]
                node_id = props.get("id", value["element_id"])
                element_to_id[value["element_id"]] = node_id
                labels = [lab for lab in value["labels"] if lab != "Entity"]
                graph.add_node(node_id, label=labels[0] if labels else "", **props)
            elif isinstance(value, RelationshipValue):
                rels.append(value)
            elif isinstance(value, dict):
                for v in value.values():
                    visit(v)
            elif isinstance(value, (list, tuple)):
                for v in value:
                    visit(v)

        for row in self.records:
            for v in row.values():
                visit(v)
        for rel in rels:
            u = element_to_id.get(rel["start"], rel["start"])
            v = element_to_id.get(rel["end"], rel["end"])
            graph.add_edge(u, v, key=rel["type"], type=rel["type"], **rel["properties"])
        return graph


def rows_from(keys: Sequence[str], rows: Sequence[dict[str, Any]]) -> QueryResult:
    return QueryResult(list(keys), [dict(r) for r in rows])
