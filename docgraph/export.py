"""Exports for Gephi and friends: GraphML, GEXF and node-link JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docgraph.errors import DocgraphError

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["FORMATS", "export_graph"]

FORMATS = ("graphml", "gexf", "json")


def _flat(value: Any) -> Any:
    """GraphML and GEXF take scalars only: lists and dicts travel as JSON text."""
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False)
    if value is None:
        return ""
    return value


def flatten(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    flat = graph.__class__()
    for node, data in graph.nodes(data=True):
        flat.add_node(node, **{k: _flat(v) for k, v in data.items()})
    for u, v, key, data in graph.edges(keys=True, data=True):
        flat.add_edge(u, v, key=key, **{k: _flat(x) for k, x in data.items()})
    return flat


def _gexf_ready(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """GEXF reserves ``label`` (what Gephi displays) and an edge's ``type`` (directedness):
    show names and relationship types there, and keep docgraph's values as ``category``
    and ``rel_type``."""
    for _, data in graph.nodes(data=True):
        data["category"] = data.pop("label", "")
        data["label"] = data.get("name", "")
    for _, _, data in graph.edges(data=True):
        data["rel_type"] = data.pop("type", "")
        data["label"] = data["rel_type"]
    return graph


def export_graph(graph: nx.MultiDiGraph, path: str | Path, format: str = "graphml") -> Path:
    """Write ``graph`` to ``path`` in ``format`` (graphml, gexf or json)."""
    import networkx as nx

    path = Path(path)
    if format not in FORMATS:
        raise DocgraphError(f"unknown export format {format!r}; choose one of {', '.join(FORMATS)}")
    if format == "json":
        data = nx.node_link_data(graph, edges="edges")
        path.write_text(
            json.dumps(data, ensure_ascii=False, indent=1, default=str), encoding="utf-8"
        )
    elif format == "graphml":
        nx.write_graphml(flatten(graph), path)
    else:
        nx.write_gexf(_gexf_ready(flatten(graph)), path)
    return path
