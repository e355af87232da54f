"""Interactive HTML views: one self-contained file, built from the NetworkX graph.

Pyvis builds the network (nodes, edges, options); docgraph renders it with its own page
template so that (1) vis-network's JavaScript and CSS are inlined from Pyvis's own copy,
so the page needs no network, and (2) every string from the text reaches the page as JSON
data and is put on screen with ``textContent``, never as HTML, so an entity named
``<img src=x onerror=alert(1)>`` shows as text and runs nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["LABEL_STYLES", "render_html", "show", "write_view"]

DEFAULT_VIEW = "docgraph-view.html"
#: colour and vis.js shape per label
LABEL_STYLES: dict[str, tuple[str, str]] = {
    "Country": ("#2f6fb0", "dot"),
    "Organization": ("#d9822b", "diamond"),
    "Person": ("#3a9d5d", "star"),
    "Location": ("#8e6bbf", "triangle"),
    "Event": ("#c23b3b", "square"),
    "Program": ("#b5a02a", "triangleDown"),
}
TYPE_COLOURS = [
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
    "#393b79",
    "#637939",
    "#8c6d31",
    "#843c39",
]


def _safe_json(value: Any) -> str:
    """JSON that cannot close a <script> element or open a comment."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _select(
    graph: nx.MultiDiGraph, max_nodes: int, focus: str | None, depth: int, min_degree: int
) -> tuple[nx.MultiDiGraph, str]:
    import networkx as nx

    note = ""
    g = graph
    if focus:
        match = [
            n
            for n, d in g.nodes(data=True)
            if focus in (n, d.get("name")) or focus in (d.get("aliases") or [])
        ]
        if not match:
            from docgraph.errors import DocgraphError

            raise DocgraphError(f"no entity named {focus!r} in the graph")
        g = nx.ego_graph(g.to_undirected(as_view=True), match[0], radius=depth)
        g = graph.subgraph(g.nodes).copy()
        note = f"Entities within {depth} hop(s) of {graph.nodes[match[0]].get('name', focus)}."
    if min_degree > 0:
        g = g.subgraph([n for n, d in g.degree() if d >= min_degree]).copy()
    if g.number_of_nodes() > max_nodes:
        rank = nx.pagerank(nx.DiGraph(g)) if g.number_of_edges() else {n: 0 for n in g}
        keep = sorted(rank, key=lambda n: (-rank[n], n))[:max_nodes]
        note = (
            f"Showing the {max_nodes} most central of {g.number_of_nodes()} entities "
            "(PageRank); use --max-nodes or --focus to see others."
        )
        g = g.subgraph(keep).copy()
    return g, note


def _layout(g: nx.MultiDiGraph, seed: int) -> dict[str, tuple[float, float]]:
    import networkx as nx

    if g.number_of_nodes() == 0:
        return {}
    simple = nx.Graph(g)
    n = simple.number_of_nodes()
    iterations = 50 if n < 500 else 15
    pos = nx.spring_layout(simple, seed=seed, iterations=iterations, k=None)
    scale = 120 * max(4.0, n**0.5)
    return {node: (float(x) * scale, float(y) * scale) for node, (x, y) in pos.items()}


def _year(value: Any) -> int | None:
    text = str(value or "")
    return int(text[:4]) if text[:4].isdigit() else None


def render_html(
    graph: nx.MultiDiGraph,
    *,
    title: str = "docgraph",
    max_nodes: int = 500,
    focus: str | None = None,
    depth: int = 1,
    min_degree: int = 0,
    include_related: bool = True,
    seed: int = 7,
) -> str:
    """The whole page as a string (see :func:`write_view`)."""
    import networkx as nx
    from pyvis.network import Network

    if not include_related:
        graph = (
            nx.MultiDiGraph(
                (u, v, k, d)
                for u, v, k, d in graph.edges(keys=True, data=True)
                if k != "RELATED_TO"
            )
            if graph.number_of_edges()
            else graph
        )
    g, note = _select(graph, max_nodes, focus, depth, min_degree)
    positions = _layout(g, seed)
    degree = dict(g.degree())
    top = max(degree.values(), default=1) or 1
    net = Network(directed=True, cdn_resources="remote")
    for node, data in g.nodes(data=True):
        label = data.get("label", "")
        colour, shape = LABEL_STYLES.get(label, ("#888888", "dot"))
        x, y = positions.get(node, (0.0, 0.0))
        net.add_node(
            node,
            label=str(data.get("name", node)),
            title="\n".join(
                filter(
                    None,
                    [
                        str(data.get("name", node)),
                        f"Label: {label}",
                        "Aliases: " + ", ".join(map(str, data.get("aliases") or []))
                        if data.get("aliases")
                        else "",
                    ],
                )
            ),
            color=colour,
            shape=shape,
            size=10 + 30 * degree.get(node, 0) / top,
            x=x,
            y=y,
            group=label,
        )
    types = sorted({k for _, _, k in g.edges(keys=True)})
    type_colour = {t: TYPE_COLOURS[i % len(TYPE_COLOURS)] for i, t in enumerate(types)}
    for u, v, key, data in g.edges(keys=True, data=True):
        evidence = data.get("evidence") or []
        lines = [key] + [f"“{e['sentence']}” ({e['document']})" for e in evidence[:5]]
        if len(evidence) > 5:
            lines.append(f"… and {len(evidence) - 5} more")
        years = [y for y in (_year(data.get(k)) for k in ("since", "date", "year", "until")) if y]
        net.add_edge(
            u,
            v,
            title="\n".join(lines),
            label="" if key == "RELATED_TO" else key,
            color=type_colour[key],
            arrows="" if key in ("RELATED_TO", "DIPLOMATIC_RELATIONS") else "to",
            relType=key,
            year=min(years) if years else None,
            dashes=key == "RELATED_TO",
            width=1 + min(4, len(evidence)) * 0.5,
        )
    nodes = [{k: v for k, v in n.items()} for n in net.nodes]
    edges = [{k: v for k, v in e.items()} for e in net.edges]
    for i, e in enumerate(edges):
        e["id"] = f"e{i}"
    labels_present = sorted({n.get("group", "") for n in nodes})
    legend = [
        {
            "label": lab,
            "color": LABEL_STYLES.get(lab, ("#888888", "dot"))[0],
            "shape": LABEL_STYLES.get(lab, ("#888888", "dot"))[1],
        }
        for lab in labels_present
    ]
    payload = {
        "title": title,
        "note": note,
        "nodes": nodes,
        "edges": edges,
        "legend": legend,
        "types": [{"type": t, "color": type_colour[t]} for t in types],
        "physics": len(nodes) <= 300,
    }
    return (
        _TEMPLATE.replace("/*VIS_CSS*/", _asset("vis-network.css"))
        .replace("/*VIS_JS*/", _asset("vis-network.min.js").replace("</script", "<\\/script"))
        .replace("/*DATA*/", _safe_json(payload))
        .replace("<!--TITLE-->", _html_escape(title))
    )


def _html_escape(text: str) -> str:
    import html

    return html.escape(text, quote=True)


def _asset(name: str) -> str:
    import pyvis

    folder = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    return (folder / name).read_text(encoding="utf-8")


def write_view(graph: nx.MultiDiGraph, path: str | Path | None = None, **options: Any) -> Path:
    """Write the self-contained HTML view of ``graph`` to ``path``."""
    path = Path(path or DEFAULT_VIEW)
    path.write_text(render_html(graph, **options), encoding="utf-8")
    return path


def show(graph: nx.MultiDiGraph, path: str | Path | None = None, **options: Any) -> Any:
    """Write the view; in a notebook, return an inline frame that displays it."""
    written = write_view(graph, path, **options)
    try:
        from IPython import get_ipython

        if get_ipython() is not None:
            from IPython.display import HTML

            html_text = written.read_text(encoding="utf-8")
            srcdoc = _html_escape(html_text)
            return HTML(
                f'<iframe srcdoc="{srcdoc}" style="width:100%;height:640px;border:0"></iframe>'
            )
    except ImportError:
        pass
    return written


def labels_of(graph: nx.MultiDiGraph) -> Iterable[str]:
    return sorted({d.get("label", "") for _, d in graph.nodes(data=True)})


_TEMPLATE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title><!--TITLE--></title>
<style>/*VIS_CSS*/</style>
<style>
body{margin:0;font:14px system-ui,sans-serif;color:#222;display:flex;height:100vh}
#side{width:260px;padding:10px;overflow:auto;border-right:1px solid #ddd;background:#fafafa}
#net{flex:1;height:100vh}
h1{font-size:16px;margin:0 0 6px} .note{color:#555;font-size:12px;margin:4px 0 8px}
fieldset{border:1px solid #ddd;margin:6px 0;padding:4px 6px} legend{font-weight:600}
label{display:block;font-size:13px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.sw{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:4px}
input[type=search]{width:100%;box-sizing:border-box}
div.vis-tooltip{white-space:pre-wrap;max-width:420px}
</style></head><body>
<div id="side"><h1 id="title"></h1><div class="note" id="note"></div>
<input type="search" id="search" placeholder="Search entities…">
<fieldset id="legend"><legend>Labels</legend></fieldset>
<fieldset id="types"><legend>Relationships</legend></fieldset>
<fieldset><legend>Years</legend><label>from <input type="number" id="ymin" style="width:70px"></label>
<label>to <input type="number" id="ymax" style="width:70px"></label>
<label><input type="checkbox" id="undated" checked> undated edges</label></fieldset>
<div class="note" id="counts"></div></div>
<div id="net"></div>
<script>/*VIS_JS*/</script>
<script>
(function(){
"use strict";
var DATA = /*DATA*/;
function tip(text){var d=document.createElement("div");d.textContent=text;return d;}
document.getElementById("title").textContent = DATA.title;
document.getElementById("note").textContent = DATA.note;
var nodes = new vis.DataSet(DATA.nodes.map(function(n){var c=Object.assign({},n);c.title=tip(n.title||"");return c;}));
var edges = new vis.DataSet(DATA.edges.map(function(e){var c=Object.assign({},e);c.title=tip(e.title||"");return c;}));
var hiddenLabels = {}, hiddenTypes = {};
function box(parent, text, color, key, store){
  var l=document.createElement("label"), i=document.createElement("input"), s=document.createElement("span");
  i.type="checkbox"; i.checked=true; i.dataset.key=key; s.className="sw"; s.style.background=color;
  i.addEventListener("change", function(){ if(i.checked){delete store[key];} else {store[key]=true;} refresh(); });
  l.appendChild(i); l.appendChild(s); l.appendChild(document.createTextNode(text)); parent.appendChild(l);
}
DATA.legend.forEach(function(x){ box(document.getElementById("legend"), x.label, x.color, x.label, hiddenLabels); });
DATA.types.forEach(function(x){ box(document.getElementById("types"), x.type, x.color, x.type, hiddenTypes); });
var nodeView = new vis.DataView(nodes, {filter: function(n){ return !hiddenLabels[n.group]; }});
function yearOk(e){
  var lo=parseInt(document.getElementById("ymin").value,10), hi=parseInt(document.getElementById("ymax").value,10);
  if(e.year===null||e.year===undefined){ return document.getElementById("undated").checked; }
  return (isNaN(lo)||e.year>=lo)&&(isNaN(hi)||e.year<=hi);
}
var edgeView = new vis.DataView(edges, {filter: function(e){ return !hiddenTypes[e.relType] && yearOk(e); }});
var network = new vis.Network(document.getElementById("net"), {nodes: nodeView, edges: edgeView}, {
  physics: {enabled: DATA.physics, stabilization: {iterations: 80}},
  interaction: {hover: true, tooltipDelay: 120},
  edges: {font: {size: 9, align: "middle"}, smooth: false},
  nodes: {font: {size: 12}}
});
network.once("stabilizationIterationsDone", function(){ network.setOptions({physics: false}); });
function refresh(){ nodeView.refresh(); edgeView.refresh(); count(); }
function count(){ document.getElementById("counts").textContent =
  nodeView.length + " entities, " + edgeView.length + " relationships shown"; }
["ymin","ymax","undated"].forEach(function(id){ document.getElementById(id).addEventListener("input", refresh); document.getElementById(id).addEventListener("change", refresh); });
document.getElementById("search").addEventListener("input", function(ev){
  var q = ev.target.value.trim().toLowerCase(); if(!q){ network.unselectAll(); return; }
  var hit = nodes.get({filter: function(n){ return String(n.label).toLowerCase().indexOf(q) >= 0; }});
  network.selectNodes(hit.map(function(n){return n.id;}));
  if(hit.length){ network.focus(hit[0].id, {scale: 1.2, animation: false}); }
});
window.docgraph = {network: network, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView};
count();
})();
</script></body></html>
"""
