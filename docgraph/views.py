"""Interactive HTML views: one self-contained file, built from the NetworkX graph.

The page is docgraph's own template with vis-network's JavaScript and CSS inlined from
Pyvis's copy of the library, so it needs no network (a Content-Security-Policy forbids every
fetch as well). Everything that comes from the documents (names, aliases, sentences,
document names, property values, even label and type names) reaches the page as JSON in a
``<script type="application/json">`` element with ``<``, ``>`` and ``&`` escaped, and is put
on screen with ``textContent`` or drawn on the canvas, never parsed as HTML: an entity named
``<img src=x onerror=alert(1)>`` shows as text and runs nothing. (Pyvis's own template puts
``title`` tooltips into the page as HTML, which is why it is not used.)

Layout and centrality are computed here with NumPy (no SciPy needed) and sent as positions,
with physics off, so that the browser only draws: a force-directed layout whose repulsion is
exact for small graphs and computed on a grid with FFTs for big ones (a particle-mesh
Fruchterman-Reingold), and an undirected PageRank for node sizes and for choosing the
``max_nodes`` most central entities when the graph is bigger than that.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx
    import numpy as np

__all__ = [
    "LABEL_STYLES",
    "TYPE_COLOURS",
    "ViewFile",
    "render_html",
    "select",
    "show",
    "write_view",
]

DEFAULT_VIEW = "docgraph-view.html"
DEFAULT_MAX_NODES = 5000
#: colour and vis-network shape per label
LABEL_STYLES: dict[str, tuple[str, str]] = {
    "Country": ("#2f6fb0", "dot"),
    "Organization": ("#d9822b", "diamond"),
    "Person": ("#3a9d5d", "star"),
    "Location": ("#8e6bbf", "triangle"),
    "Event": ("#c23b3b", "square"),
    "Program": ("#b5a02a", "triangleDown"),
}
_OTHER_STYLE = ("#888888", "hexagon")
#: a fixed colour per relationship type, so a type looks the same in every view
TYPE_COLOURS: dict[str, str] = {
    "DIPLOMATIC_RELATIONS": "#1f77b4",
    "MEMBER_OF": "#ff7f0e",
    "LEADER_OF": "#2ca02c",
    "AMBASSADOR_OF": "#17becf",
    "AMBASSADOR_TO": "#0e8a99",
    "FUNDED": "#bcbd22",
    "DEPLOYED_TROOPS_IN": "#d62728",
    "EXPELLED": "#8c1c1c",
    "CONDUCTED": "#9467bd",
    "PARTICIPATED_IN": "#c5b0d5",
    "IMPLEMENTED": "#8c564b",
    "PART_OF": "#e377c2",
    "LOCATED_IN": "#7f7f7f",
    "CITIZEN_OF": "#393b79",
    "RELATED_TO": "#b8b8b8",
}
_EXTRA_COLOURS = ["#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd", "#e6550d", "#31a354"]
#: relationship types drawn without an arrow (they hold both ways)
SYMMETRIC_TYPES = frozenset({"DIPLOMATIC_RELATIONS", "RELATED_TO"})
_YEAR_KEYS = ("since", "date", "year", "start", "until", "end")
_HIDDEN_EDGE_KEYS = {"type", "evidence", "weight", "documents"}
_HIDDEN_NODE_KEYS = {"name", "label", "aliases", "documents", "mentions"}
#: per edge, at most this many evidence sentences go into the page (the count is always shown)
MAX_EVIDENCE = 8
MAX_SENTENCE = 400
#: above this many nodes the layout's repulsion is computed on a grid
_EXACT_LIMIT = 150
#: above this many entities the view opens with its communities collapsed into cluster nodes
CLUSTER_ABOVE = 2000
#: communities smaller than this stay open
MIN_CLUSTER = 5
#: components smaller than this go into one "small unconnected groups" cluster
_ISLAND = 8


# --- selection -------------------------------------------------------------------------


def _find(graph: nx.MultiDiGraph, focus: str) -> str:
    """The node ``focus`` names (id, name or alias, any case or accents); the same
    matcher as ``docgraph analyze``, so an unknown name gets the same suggestions."""
    from docgraph.analysis import find_node

    return find_node(graph, focus)


def pagerank(
    n: int, src: np.ndarray, dst: np.ndarray, *, damping: float = 0.85, iterations: int = 60
) -> np.ndarray:
    """Undirected PageRank of nodes ``0..n-1`` over the edges ``src[i] -- dst[i]`` (NumPy).

    >>> import numpy as np
    >>> r = pagerank(4, np.array([0, 0, 0]), np.array([1, 2, 3]))
    >>> bool(r[0] > r[1] == r[2] == r[3]) and round(float(r.sum()), 6) == 1.0
    True
    """
    import numpy as np

    if n == 0:
        return np.zeros(0)
    a = np.concatenate([src, dst])
    b = np.concatenate([dst, src])
    out_degree = np.bincount(a, minlength=n).astype(float)
    dangling = out_degree == 0
    share = np.divide(1.0, out_degree, out=np.zeros(n), where=~dangling)
    rank = np.full(n, 1.0 / n)
    for _ in range(iterations):
        flow = np.bincount(b, weights=(rank * share)[a], minlength=n)
        new = (1 - damping) / n + damping * (flow + rank[dangling].sum() / n)
        done = np.abs(new - rank).sum() < 1e-10
        rank = new
        if done:
            break
    return rank


def _index(graph: nx.MultiDiGraph) -> tuple[list[Any], np.ndarray, np.ndarray]:
    import numpy as np

    nodes = list(graph.nodes)
    where = {node: i for i, node in enumerate(nodes)}
    pairs = [(where[u], where[v]) for u, v in graph.edges()]
    src = np.fromiter((p[0] for p in pairs), dtype=np.int64, count=len(pairs))
    dst = np.fromiter((p[1] for p in pairs), dtype=np.int64, count=len(pairs))
    return nodes, src, dst


def select(
    graph: nx.MultiDiGraph,
    *,
    max_nodes: int | None = DEFAULT_MAX_NODES,
    focus: str | None = None,
    depth: int = 1,
    min_degree: int = 0,
    include_related: bool = True,
) -> tuple[nx.MultiDiGraph, str]:
    """The part of ``graph`` a view shows, and a note saying how it was chosen.

    ``focus`` (an id, name or alias) keeps the entities within ``depth`` hops of it;
    ``min_degree`` keeps entities related to at least that many others (the focus always
    stays); when more than ``max_nodes`` remain, the most central (PageRank) are kept and
    the note says so. ``include_related=False`` drops the ``RELATED_TO`` co-occurrences.
    """
    import networkx as nx

    notes: list[str] = []
    g = graph
    if not include_related:
        g = graph.copy()
        g.remove_edges_from([e for e in g.edges(keys=True) if e[2] == "RELATED_TO"])
    centre = None
    if focus:
        centre = _find(g, focus)
        around = nx.single_source_shortest_path_length(
            g.to_undirected(as_view=True), centre, cutoff=max(0, depth)
        )
        g = g.subgraph(around)
        name = g.nodes[centre].get("name", centre)
        notes.append(f"Entities within {depth} hop(s) of {name}.")
    if min_degree > 0:
        keep = [
            n
            for n in g
            if n == centre or len(set(g.successors(n)) | set(g.predecessors(n))) >= min_degree
        ]
        notes.append(f"Entities related to at least {min_degree} others.")
        g = g.subgraph(keep)
    total = g.number_of_nodes()
    if max_nodes is not None and 0 < max_nodes < total:
        nodes, src, dst = _index(g)
        rank = pagerank(len(nodes), src, dst)
        order = sorted(range(len(nodes)), key=lambda i: (-rank[i], str(nodes[i])))
        keep = [nodes[i] for i in order[:max_nodes]]
        if centre is not None and centre not in keep:
            keep[-1] = centre
        notes.append(
            f"Showing the {max_nodes:,} most central of {total:,} entities (by PageRank); "
            "raise max_nodes (--max-nodes), or use --focus or --min-degree, to see others."
        )
        g = g.subgraph(keep)
    return nx.MultiDiGraph(g), " ".join(notes)


# --- layout ----------------------------------------------------------------------------


class _Pairs:
    """Exact repulsion k²/d between the given pairs of nodes (those of one component)."""

    def __init__(self, a: np.ndarray, b: np.ndarray):
        self.a, self.b = a, b

    def __call__(self, pos: np.ndarray) -> np.ndarray:
        import numpy as np

        n = len(pos)
        delta = pos[self.a] - pos[self.b]
        f = delta / ((delta**2).sum(1) + 1e-4)[:, None]
        out = np.empty_like(pos)
        for axis in (0, 1):
            out[:, axis] = np.bincount(self.a, weights=f[:, axis], minlength=n) - np.bincount(
                self.b, weights=f[:, axis], minlength=n
            )
        return out


class _Mesh:
    """Repulsion k²/d from every node, on a grid: deposit, convolve by FFT, interpolate."""

    def __init__(self, h: float = 0.6, max_cells: int = 256):
        self.h = h
        self.max_cells = max_cells
        self.kernels: dict[tuple[int, float], tuple[np.ndarray, np.ndarray]] = {}

    def _kernel(self, cells: int, h: float) -> tuple[np.ndarray, np.ndarray]:
        import numpy as np

        key = (cells, h)
        if key not in self.kernels:
            size = 2 * cells
            off = np.fft.fftfreq(size, 1.0 / size)  # 0, 1, …, -1 in cells
            dx, dy = np.meshgrid(off, off, indexing="ij")
            r2 = dx**2 + dy**2 + 0.5  # softened inside a cell
            self.kernels[key] = (np.fft.rfft2(dx / r2 / h), np.fft.rfft2(dy / r2 / h))
        return self.kernels[key]

    def __call__(self, pos: np.ndarray) -> np.ndarray:
        import numpy as np

        lo = pos.min(0) - 2 * self.h
        extent = float((pos.max(0) - lo).max()) + 2 * self.h
        h = self.h
        if extent / h > self.max_cells - 2:  # coarsen in steps, so kernels are reused
            h *= 1.25 ** math.ceil(math.log(extent / (h * (self.max_cells - 2)), 1.25))
        cells = 1 << max(5, math.ceil(math.log2(extent / h + 2)))
        u = (pos - lo) / h
        i0 = np.floor(u).astype(np.int64)
        f = u - i0
        ix, iy = i0[:, 0], i0[:, 1]
        fx, fy = f[:, 0], f[:, 1]
        size = 2 * cells
        corners = [
            (ix * size + iy, (1 - fx) * (1 - fy)),
            ((ix + 1) * size + iy, fx * (1 - fy)),
            (ix * size + iy + 1, (1 - fx) * fy),
            ((ix + 1) * size + iy + 1, fx * fy),
        ]
        rho = np.zeros(size * size)
        for flat, w in corners:
            rho += np.bincount(flat, weights=w, minlength=size * size)
        spectrum = np.fft.rfft2(rho.reshape(size, size))
        kx, ky = self._kernel(cells, h)
        grid_x = np.fft.irfft2(spectrum * kx, s=(size, size)).ravel()
        grid_y = np.fft.irfft2(spectrum * ky, s=(size, size)).ravel()
        force = np.zeros_like(pos)
        for flat, w in corners:
            force[:, 0] += grid_x[flat] * w
            force[:, 1] += grid_y[flat] * w
        return force


def _force(
    pos: np.ndarray,
    i: np.ndarray,
    j: np.ndarray,
    group: np.ndarray,
    repulse: Any,
    iterations: int,
) -> np.ndarray:
    """Fruchterman-Reingold (ideal length 1) with a pull to each group's centre."""
    import numpy as np

    n = len(pos)
    groups = int(group.max()) + 1
    per_group = np.bincount(group, minlength=groups)
    degree = np.bincount(i, minlength=n) + np.bincount(j, minlength=n)
    weight = (1 + np.sqrt(degree))[:, None]
    start = math.sqrt(per_group.max()) * 0.15 + 1.0
    early = iterations // 4
    for step in range(iterations):
        disp = repulse(pos)
        delta = pos[i] - pos[j]
        dist = np.sqrt((delta**2).sum(1))
        # FR attraction d²/k; a stronger pull at first untangles
        pull = delta * (dist * (3.0 if step < early else 1.0))[:, None]
        centre = np.empty_like(pos)
        for axis in (0, 1):
            disp[:, axis] -= np.bincount(i, weights=pull[:, axis], minlength=n)
            disp[:, axis] += np.bincount(j, weights=pull[:, axis], minlength=n)
            centre[:, axis] = (
                np.bincount(group, weights=pos[:, axis], minlength=groups) / per_group
            )[group]
        disp -= 0.08 * weight * (pos - centre)
        length = np.sqrt((disp**2).sum(1)) + 1e-9
        temperature = start * (1 - step / iterations) + 0.05
        pos += disp * (np.minimum(length, temperature) / length)[:, None]
    return pos


def _components(n: int, i: np.ndarray, j: np.ndarray) -> list[np.ndarray]:
    import networkx as nx
    import numpy as np

    g = nx.Graph()
    g.add_nodes_from(range(n))
    g.add_edges_from(zip(i.tolist(), j.tolist(), strict=True))
    found = [np.array(sorted(c), dtype=np.int64) for c in nx.connected_components(g)]
    return sorted(found, key=lambda c: (-len(c), int(c[0])))


def _pack(parts: list[tuple[np.ndarray, np.ndarray]], n: int) -> np.ndarray:
    """Place laid-out components, biggest first: the small ones shelf-packed in a band beside
    the biggest and centred on it, so "fit" frames the main component, not a stray pair in a
    far corner. When the small ones outweigh the biggest, all go in one square-ish block."""
    import numpy as np

    gap = 1.0
    boxes = []
    for nodes, local in parts:
        local = local - (local.min(0) + local.max(0)) / 2
        boxes.append((nodes, local, local.max(0) - local.min(0) + gap))
    pos = np.zeros((n, 2))
    (w0, h0), rest = boxes[0][2], boxes[1:]
    area = sum(float(w * h) for _, _, (w, h) in rest)
    beside = bool(rest) and area <= w0 * h0
    if beside:
        pos[boxes[0][0]] = boxes[0][1] + (w0 / 2, h0 / 2)
        left, width = float(w0), max(max(float(w) for _, _, (w, _) in rest), area / h0 * 1.15)
    else:
        rest = boxes
        left, width = 0.0, max(float(w0), math.sqrt(area + w0 * h0) * 1.2)
    x, y, row = left, 0.0, 0.0
    for nodes, local, (w, h) in rest:
        if x > left and x + w > left + width:
            x, y, row = left, y + row, 0.0
        pos[nodes] = local + (x + w / 2, y + h / 2)
        x, row = x + w, max(row, h)
    if beside and y + row < h0:  # centre the band on the main component
        for nodes, _, _ in rest:
            pos[nodes, 1] += (h0 - y - row) / 2
    return pos


def layout(n: int, src: np.ndarray, dst: np.ndarray, *, seed: int = 7) -> np.ndarray:
    """Positions (ideal edge length 1) for nodes ``0..n-1`` joined by ``src[k]--dst[k]``.

    Each connected component is laid out on its own with Fruchterman-Reingold: the small
    ones all together with exact repulsion inside each, the big ones with a particle-mesh
    repulsion (grid + FFT, so a 20,000-node graph takes seconds); the components are then
    packed side by side, biggest first. NumPy only, deterministic for a given ``seed``.

    >>> import numpy as np
    >>> p = layout(3, np.array([0, 1]), np.array([1, 2]))
    >>> p.shape, bool(np.isfinite(p).all())
    ((3, 2), True)
    """
    import numpy as np

    if n == 0:
        return np.zeros((0, 2))
    rng = np.random.default_rng(seed)
    a, b = np.minimum(src, dst), np.maximum(src, dst)
    keep = a != b
    if keep.any():
        pairs = np.unique(np.stack([a[keep], b[keep]], 1), axis=0)
        i, j = pairs[:, 0], pairs[:, 1]
    else:
        i = j = np.zeros(0, dtype=np.int64)
    comps = _components(n, i, j)
    parts: list[tuple[np.ndarray, np.ndarray]] = []

    def run(members: list[np.ndarray], big: bool) -> None:
        nodes = np.concatenate(members)
        local = np.full(n, -1, dtype=np.int64)
        local[nodes] = np.arange(len(nodes))
        inside = local[i] >= 0
        li, lj = local[i[inside]], local[j[inside]]
        group = np.concatenate([np.full(len(m), k) for k, m in enumerate(members)])
        if big:
            repulse: Any = _Mesh()
            iterations = 160 if len(nodes) <= 5000 else 90
        else:
            pa, pb = [], []
            for m in members:
                u, v = np.triu_indices(len(m), 1)
                pa.append(local[m[u]])
                pb.append(local[m[v]])
            repulse = _Pairs(np.concatenate(pa), np.concatenate(pb))
            iterations = 250
        radius = np.sqrt(np.bincount(group).astype(float))[group]
        pos = rng.uniform(-0.5, 0.5, (len(nodes), 2)) * radius[:, None] * 1.5
        pos = _force(pos, li, lj, group, repulse, iterations)
        for k, m in enumerate(members):
            parts.append((m, pos[group == k]))

    small: list[np.ndarray] = []
    for nodes in comps:
        if len(nodes) > _EXACT_LIMIT:
            run([nodes], big=True)
        elif len(nodes) >= 3:
            small.append(nodes)
        else:
            parts.append((nodes, np.array([[-0.5, 0.0], [0.5, 0.0]][: len(nodes)])))
    while small:
        batch, pairs_in = [], 0
        while small and pairs_in < 400_000:
            pairs_in += len(small[0]) ** 2 // 2
            batch.append(small.pop(0))
        run(batch, big=False)
    order = {int(nodes[0]): k for k, nodes in enumerate(comps)}
    parts.sort(key=lambda p: order[int(p[0][0])])
    return _pack(parts, n)


def _spread(pos: np.ndarray, radius: np.ndarray, rounds: int = 40) -> np.ndarray:
    """Push overlapping discs apart (pixels); for views small enough to compare all pairs."""
    import numpy as np

    pos = pos.copy()
    n = len(pos)
    if n < 2 or n > 1200:
        return pos
    need = radius[:, None] + radius[None, :]
    np.fill_diagonal(need, 0)
    for _ in range(rounds):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.sqrt((delta**2).sum(-1)) + 1e-6
        overlap = np.clip(need - dist, 0, None)
        if not overlap.any():
            break
        push = (delta / dist[..., None] * (overlap / 2)[..., None]).sum(1)
        pos += np.clip(push, -40, 40)
    return pos


# --- the page --------------------------------------------------------------------------


def _safe_json(value: Any) -> str:
    """JSON that cannot close a <script> element, open a comment or break a JS string."""
    text = json.dumps(value, ensure_ascii=False, default=str, separators=(",", ":"))
    for raw, escaped in (
        ("&", "\\u0026"),
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, escaped)
    return text


def _year(value: Any) -> int | None:
    text = str(value or "").strip()
    return int(text[:4]) if len(text) >= 4 and text[:4].isdigit() else None


def _scalar(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, bool | int | float | str) or value is None:
        return value
    if isinstance(value, list | tuple | set):
        return ", ".join(map(str, value))
    return str(value)


def _clip(text: Any) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= MAX_SENTENCE else text[: MAX_SENTENCE - 1] + "…"


def payload(
    graph: nx.MultiDiGraph,
    *,
    title: str = "docgraph",
    max_nodes: int | None = DEFAULT_MAX_NODES,
    focus: str | None = None,
    depth: int = 1,
    min_degree: int = 0,
    include_related: bool = True,
    related: bool = False,
    clusters: bool | None = None,
    seed: int = 7,
) -> dict[str, Any]:
    """The data the page draws: selection, positions, sizes, styles, tooltip contents."""
    import numpy as np

    g, note = select(
        graph,
        max_nodes=max_nodes,
        focus=focus,
        depth=depth,
        min_degree=min_degree,
        include_related=include_related,
    )
    nodes, src, dst = _index(g)
    n = len(nodes)
    rank = pagerank(n, src, dst)
    pos = layout(n, *_layout_edges(g, nodes), seed=seed)
    big = n > 2000 or g.number_of_edges() > 4000
    top = float(rank.max()) if n else 1.0
    sizes = 7 + 23 * np.sqrt(rank / top) if n else rank
    # pixels per ideal edge length: tighter for big views, so nodes stay visible zoomed out;
    # the bigger nodes and their labels (about 30 px below) need room
    xy = _spread(pos * (150.0 if n <= 60 else 120.0 if n <= 500 else 55.0), sizes + 18)
    labels = sorted({str(d.get("label") or "") for _, d in g.nodes(data=True)})
    label_index = {label: i for i, label in enumerate(labels)}
    community, cluster_rows = _clusters(g, nodes, rank, label_index, clusters, seed)
    node_rows = []
    for k, node in enumerate(nodes):
        data = g.nodes[node]
        extra = {
            key: _scalar(value)
            for key, value in data.items()
            if key not in _HIDDEN_NODE_KEYS and not isinstance(value, dict)
        }
        node_rows.append(
            [
                str(node),
                str(data.get("name", node)),
                label_index[str(data.get("label") or "")],
                round(float(xy[k, 0]), 1),
                round(float(xy[k, 1]), 1),
                round(float(sizes[k]), 1),
                [str(a) for a in data.get("aliases") or []],
                [str(d) for d in data.get("documents") or []],
                int(data.get("mentions") or 0),
                extra,
                community.get(node, -1),
            ]
        )
    types = sorted({str(k) for _, _, k in g.edges(keys=True)})
    type_index = {t: i for i, t in enumerate(types)}
    spare = iter(_EXTRA_COLOURS * (1 + len(types)))
    type_rows = [
        {
            "name": t,
            "color": TYPE_COLOURS.get(t) or next(spare),
            "directed": t not in SYMMETRIC_TYPES,
        }
        for t in types
    ]
    where = {node: i for i, node in enumerate(nodes)}
    edge_rows = []
    years: list[int] = []
    # co-occurrences first: the page gives edges integer ids in this order, and vis-network
    # draws edges in id order, so RELATED_TO lies under the typed relationships
    ordered = sorted(g.edges(keys=True, data=True), key=lambda e: str(e[2]) != "RELATED_TO")
    for u, v, key, data in ordered:
        evidence = data.get("evidence") or []
        found = [y for y in (_year(data.get(k)) for k in _YEAR_KEYS) if y]
        years.extend(found)
        props = {
            k: _scalar(val)
            for k, val in data.items()
            if k not in _HIDDEN_EDGE_KEYS and not isinstance(val, dict) and val not in (None, "")
        }
        edge_rows.append(
            [
                where[u],
                where[v],
                type_index[str(key)],
                min(found) if found else None,
                max(found) if found else None,
                props,
                [
                    [str(e.get("document", "")), _clip(e.get("sentence"))]
                    for e in evidence[:MAX_EVIDENCE]
                ],
                len(evidence),
            ]
        )
    return {
        "title": title,
        "note": note,
        "labels": [
            dict(
                zip(
                    ("name", "color", "shape"),
                    (lab, *LABEL_STYLES.get(lab, _OTHER_STYLE)),
                    strict=True,
                )
            )
            for lab in labels
        ],
        "types": type_rows,
        "years": [min(years), max(years)] if years else None,
        "big": big,
        "related": related,
        "clusters": cluster_rows,
        "focus": where.get(_find(g, focus)) if focus else None,
        "nodes": node_rows,
        "edges": edge_rows,
    }


def _layout_edges(g: nx.MultiDiGraph, nodes: list[Any]) -> tuple[np.ndarray, np.ndarray]:
    """The edges the layout pulls along: the typed relationships, and for an entity with
    none, its strongest co-occurrence. Laid out on every RELATED_TO, a corpus's view is a
    hairball whose shape says nothing about the typed relationships drawn on it."""
    import numpy as np

    where = {node: i for i, node in enumerate(nodes)}
    pairs = [(where[u], where[v]) for u, v, k in g.edges(keys=True) if k != "RELATED_TO"]
    typed = {i for pair in pairs for i in pair}
    best: dict[int, tuple[float, int]] = {}
    for u, v, k, data in g.edges(keys=True, data=True):
        if k != "RELATED_TO":
            continue
        w = float(data.get("weight") or 1)
        for a, b in ((where[u], where[v]), (where[v], where[u])):
            if a not in typed and (a not in best or w > best[a][0]):
                best[a] = (w, b)
    pairs += [(a, b) for a, (_, b) in sorted(best.items())]
    src = np.fromiter((p[0] for p in pairs), dtype=np.int64, count=len(pairs))
    dst = np.fromiter((p[1] for p in pairs), dtype=np.int64, count=len(pairs))
    return src, dst


def _clusters(
    g: nx.MultiDiGraph,
    nodes: list[Any],
    rank: np.ndarray,
    label_index: dict[str, int],
    enabled: bool | None,
    seed: int,
) -> tuple[dict[Any, int], list[list[Any]]]:
    """Louvain communities the page collapses into cluster nodes (``enabled=None``: when
    there are more than ``CLUSTER_ABOVE`` entities), so a big graph opens as a readable map
    of its groups: ``{node: cluster number}`` and, per cluster, the name and label of its
    most central member and its size."""
    if not (enabled if enabled is not None else len(nodes) > CLUSTER_ABOVE):
        return {}, []
    from docgraph.analysis.communities import communities

    where = {node: i for i, node in enumerate(nodes)}
    import networkx as nx

    found = [c for c in communities(g, seed=seed) if len(c) >= MIN_CLUSTER]
    # entities in components too small for a community of their own: one group, packed below
    islands = set().union(*(c for c in nx.weakly_connected_components(g) if len(c) < _ISLAND))
    found = [c for c in found if not c <= islands]
    if len(islands) >= MIN_CLUSTER:
        found.append(islands)
    index: dict[Any, int] = {}
    rows = []
    for k, members in enumerate(found):
        top = max(members, key=lambda m: (rank[where[m]], str(m)))
        data = g.nodes[top]
        name = "Small unconnected groups" if members is islands else str(data.get("name", top))
        rows.append(
            [name, label_index[str(data.get("label") or "")], len(members), members is islands]
        )
        index.update(dict.fromkeys(members, k))
    return index, rows


def _asset(name: str) -> str:
    import pyvis

    folder = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    return (folder / name).read_text(encoding="utf-8")


def render_html(
    graph: nx.MultiDiGraph,
    *,
    title: str = "docgraph",
    max_nodes: int | None = DEFAULT_MAX_NODES,
    focus: str | None = None,
    depth: int = 1,
    min_degree: int = 0,
    include_related: bool = True,
    related: bool = False,
    clusters: bool | None = None,
    seed: int = 7,
) -> str:
    """The whole page as a string (see :func:`write_view`)."""
    data = payload(
        graph,
        title=title,
        max_nodes=max_nodes,
        focus=focus,
        depth=depth,
        min_degree=min_degree,
        include_related=include_related,
        related=related,
        clusters=clusters,
        seed=seed,
    )
    # neither may close its element early (vis-network has no "</script" today: a guard)
    script = re.sub(r"</(script)", r"<\\/\1", _asset("vis-network.min.js"), flags=re.I)
    css = re.sub(r"</(style)", r"<\\/\1", _asset("vis-network.css"), flags=re.I)
    parts = {
        "<!--TITLE-->": html.escape(title, quote=True),
        "/*VIS_CSS*/": css,
        "/*VIS_JS*/": script,
        "/*DATA*/": _safe_json(data),
    }
    page = _TEMPLATE
    for marker, text in parts.items():
        head, _, tail = page.partition(marker)
        page = head + text + tail
    head, _, tail = page.partition("/*CSP_SCRIPTS*/")
    return head + _script_hashes(tail) + tail


def _script_hashes(page: str) -> str:
    """The CSP sources of the page's own scripts: the hash of each ``<script>`` element
    with no attributes (the data block is JSON, never run). Only these run: a script a
    failed escape let into the page would not, and neither would an inline handler."""
    hashes = []
    for body in re.findall(r"<script>(.*?)</script>", page, flags=re.S):
        # the browser hashes the text as parsed, and HTML parsing turns CR into LF
        if "\r" in body:
            raise ValueError("a view script holds a carriage return; its hash would not match")
        digest = hashlib.sha256(body.encode("utf-8")).digest()
        hashes.append(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")
    return " ".join(hashes)


def write_view(graph: nx.MultiDiGraph, path: str | Path | None = None, **options: Any) -> Path:
    """Write the self-contained HTML view of ``graph`` to ``path``."""
    path = Path(path or DEFAULT_VIEW)
    path.write_text(render_html(graph, **options), encoding="utf-8")
    return ViewFile(path)


class ViewFile(type(Path())):  # type: ignore[misc]
    """The path of a written view; Jupyter displays it inline (an ``<iframe srcdoc>``)."""

    height = 640

    def _repr_html_(self) -> str:
        srcdoc = html.escape(self.read_text(encoding="utf-8"), quote=True)
        return (
            f'<iframe srcdoc="{srcdoc}" title="docgraph view" '
            f'style="width:100%;height:{self.height}px;border:1px solid #ddd"></iframe>'
        )


def show(graph: nx.MultiDiGraph, path: str | Path | None = None, **options: Any) -> ViewFile:
    """Write the view and return its path, which a notebook displays inline."""
    return write_view(graph, path, **options)


_TEMPLATE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src /*CSP_SCRIPTS*/; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><!--TITLE--></title>
<style>/*VIS_CSS*/</style>
<style>
html,body{height:100%}
body{margin:0;font:13px/1.35 system-ui,-apple-system,"Segoe UI",sans-serif;color:#222;display:flex;overflow:hidden}
#side{width:270px;flex:none;padding:10px 12px;overflow:auto;border-right:1px solid #ddd;background:#fafafa;box-sizing:border-box}
#stage{flex:1;position:relative;min-width:0}
#net{position:absolute;inset:0;background:#fff}
h1{font-size:16px;margin:0 0 4px;overflow-wrap:anywhere}
.note{color:#555;font-size:12px;margin:4px 0}
.note:empty{display:none}
#note{background:#fff6db;border:1px solid #f0d98c;border-radius:4px;padding:4px 6px}
fieldset{border:1px solid #ddd;border-radius:4px;margin:8px 0;padding:4px 8px 6px;min-width:0}
legend{font-weight:600;padding:0 4px}
fieldset label{display:flex;align-items:center;gap:5px;margin:2px 0;cursor:pointer;white-space:nowrap;overflow:hidden}
fieldset label .name{overflow:hidden;text-overflow:ellipsis;min-width:0}
fieldset label .count{color:#888;margin-left:auto;font-size:11px}
svg.sw{flex:none}
.years{display:flex;gap:6px;align-items:center}
.years input{width:64px}
input[type=search]{width:100%;box-sizing:border-box;padding:4px 6px;margin:4px 0}
button{font:inherit;font-size:12px}
#tip,#details{white-space:pre-wrap;overflow-wrap:anywhere}
#tip{position:absolute;z-index:10;display:none;max-width:420px;pointer-events:none;background:#fffef5;border:1px solid #bbb;border-radius:4px;padding:6px 8px;box-shadow:0 2px 6px rgba(0,0,0,.15);font-size:12px}
#details{font-size:12px;border-top:1px solid #ddd;margin-top:8px;padding-top:6px}
#details:empty{display:none}
.t-head{font-weight:600;font-size:13px}
.t-sub{color:#666}
.t-ev{margin-top:4px;padding-left:6px;border-left:3px solid #ddd}
.t-doc{color:#666;font-style:italic}
#relbox{border-bottom:1px solid #eee;padding-bottom:3px;margin-bottom:3px}
.r-group{margin-top:8px;font-weight:600}
.r-item{margin:4px 0 0 4px}
button.go{border:0;background:none;padding:0;color:#0b57a3;text-decoration:underline;cursor:pointer;font-size:12px;text-align:left}
details summary{cursor:pointer;margin-top:8px;font-weight:600}
</style></head><body>
<div id="side">
<h1 id="title"></h1>
<div class="note" id="note"></div>
<input type="search" id="search" placeholder="Search names and aliases…" aria-label="Search entities">
<div class="note" id="found"></div>
<fieldset id="labels"><legend>Entities</legend></fieldset>
<fieldset id="types"><legend>Relationships</legend>
<label id="relbox"><input type="checkbox" id="related"><svg class="sw" width="14" height="14"><line x1="1" y1="7" x2="13" y2="7" stroke="#b8b8b8" stroke-width="3" stroke-dasharray="3 2"></line></svg><span class="name">co-occurrence (RELATED_TO)</span><span class="count" id="relcount"></span></label></fieldset>
<fieldset id="yearbox"><legend>Years</legend>
<div class="years"><input type="number" id="ymin" aria-label="from year"> – <input type="number" id="ymax" aria-label="to year"></div>
<label><input type="checkbox" id="undated" checked><span class="name">relationships without a date</span></label></fieldset>
<div class="note" id="counts"></div>
<div class="note">Size: centrality (PageRank). Hover an entity to see its links; click it to list its relationships here.</div>
<button type="button" id="fit">Fit to screen</button> <button type="button" id="png">Save as PNG</button>
<button type="button" id="regroup" hidden>Close all groups</button>
<div id="details"></div>
</div>
<div id="stage"><div id="net"></div><div id="tip" role="tooltip"></div></div>
<script type="application/json" id="docgraph-data">/*DATA*/</script>
<script>/*VIS_JS*/</script>
<script>
(function(){
"use strict";
var T0 = performance.now();
var DATA = JSON.parse(document.getElementById("docgraph-data").textContent);
var $ = function(id){ return document.getElementById(id); };
function el(tag, cls, text){ var e=document.createElement(tag); if(cls){e.className=cls;} if(text!==undefined){e.textContent=String(text);} return e; }
var SVG = "http://www.w3.org/2000/svg";
function swatch(shape, color, line){
  var s=document.createElementNS(SVG,"svg"); s.setAttribute("width","14"); s.setAttribute("height","14"); s.setAttribute("class","sw");
  var p;
  if(line){ p=document.createElementNS(SVG,"line"); p.setAttribute("x1","1"); p.setAttribute("y1","7"); p.setAttribute("x2","13"); p.setAttribute("y2","7"); p.setAttribute("stroke",color); p.setAttribute("stroke-width","3"); if(line==="dash"){p.setAttribute("stroke-dasharray","3 2");} }
  else if(shape==="dot"){ p=document.createElementNS(SVG,"circle"); p.setAttribute("cx","7"); p.setAttribute("cy","7"); p.setAttribute("r","6"); }
  else { p=document.createElementNS(SVG,"polygon"); p.setAttribute("points", ({diamond:"7,0 14,7 7,14 0,7", star:"7,0 8.8,5 14,5 9.8,8.3 11.4,13.5 7,10.4 2.6,13.5 4.2,8.3 0,5 5.2,5", triangle:"7,1 13,13 1,13", triangleDown:"1,1 13,1 7,13", square:"1,1 13,1 13,13 1,13"})[shape] || "3.5,1 10.5,1 14,7 10.5,13 3.5,13 0,7"); }
  if(!line){ p.setAttribute("fill",color); }
  s.appendChild(p); return s;
}
$("title").textContent = DATA.title; document.title = DATA.title;
$("note").textContent = DATA.note;
var L = DATA.labels, T = DATA.types, N = DATA.nodes, E = DATA.edges, big = DATA.big, REL = "RELATED_TO";
var groups = {};
L.forEach(function(l, i){ groups["g"+i] = {shape: l.shape, color: {background: l.color, border: "#ffffff", highlight: {background: l.color, border: "#111111"}, hover: {background: l.color, border: "#444444"}}}; });
var nodeItems = new Array(N.length);
for (var i = 0; i < N.length; i++) { var r = N[i];
  nodeItems[i] = {id: r[0], label: r[1], group: "g"+r[2], x: r[3], y: r[4], size: r[5], kind: L[r[2]].name, row: i, community: r[10]}; }
var edgeItems = new Array(E.length);
for (var j = 0; j < E.length; j++) { var q = E[j], t = T[q[2]], rel = t.name === "RELATED_TO";
  // big views: no edge labels and no dashes (both slow to draw; the colour tells the type)
  edgeItems[j] = {id: j, from: N[q[0]][0], to: N[q[1]][0], relType: t.name,
    y0: q[3], y1: q[4], row: j, color: {color: t.color, highlight: t.color, hover: t.color, opacity: big ? 0.5 : rel ? 0.6 : 0.9},
    arrows: t.directed ? "to" : "", dashes: rel && !big, width: rel || big ? 1 : 1.5 + Math.min(3, q[7]) * 0.5}; }
// parallel relationships between the same two entities: curve all but the first apart
// (typed ones first, so a typed relationship stays straight beside a co-occurrence)
var pairs = {}, typedFirst = E.map(function(q, k){ return k; }).sort(function(p, q){ return isRelated(p) - isRelated(q) || p - q; });
for (var kk = 0; kk < E.length; kk++) { var k = typedFirst[kk], a = Math.min(E[k][0], E[k][1]), b = Math.max(E[k][0], E[k][1]), key = a + " " + b, m = pairs[key] = (pairs[key] || 0) + 1;
  if (m > 1 && !big) { edgeItems[k].smooth = {enabled: true, roundness: 0.3 * Math.ceil((m - 1) / 2),
    type: ((m % 2) === (E[k][0] === a ? 0 : 1)) ? "curvedCW" : "curvedCCW"}; } }
var nodes = new vis.DataSet(nodeItems), edges = new vis.DataSet(edgeItems);
var hiddenLabels = {}, hiddenTypes = {}, yearLo = null, yearHi = null, undated = true;
function nodeShown(id){ var n = nodes.get(id); return !!n && !hiddenLabels[n.kind]; }
function yearOk(e){
  if (e.y0 === null || e.y0 === undefined) { return undated; }
  return (yearLo === null || e.y1 >= yearLo) && (yearHi === null || e.y0 <= yearHi);
}
var nodeView = new vis.DataView(nodes, {filter: function(n){ return !hiddenLabels[n.kind]; }});
var edgeView = new vis.DataView(edges, {filter: function(e){ return !hiddenTypes[e.relType] && yearOk(e) && nodeShown(e.from) && nodeShown(e.to); }});
function counter(kind, index){ var c = {}; (kind === "n" ? N : E).forEach(function(r){ c[r[index]] = (c[r[index]] || 0) + 1; }); return c; }
function box(parent, name, count, icon, store){
  var l = el("label"), i = el("input"); i.type = "checkbox"; i.checked = true; i.value = name;
  i.addEventListener("change", function(){ if (i.checked) { delete store[name]; } else { store[name] = true; } refresh(); });
  l.appendChild(i); l.appendChild(icon); l.appendChild(el("span", "name", name)); l.appendChild(el("span", "count", count)); parent.appendChild(l);
}
var perLabel = counter("n", 2), perType = counter("e", 2);
L.forEach(function(l, i){ box($("labels"), l.name, perLabel[i] || 0, swatch(l.shape, l.color), hiddenLabels); });
hiddenTypes = {}; hiddenTypes[REL] = !DATA.related;
T.forEach(function(t, i){ if (t.name === REL) { $("relcount").textContent = perType[i]; } else { box($("types"), t.name, perType[i] || 0, swatch(null, t.color, "solid"), hiddenTypes); } });
if ($("relcount").textContent === "") { $("relbox").style.display = "none"; }
$("related").checked = !!DATA.related;
edgeView.refresh();
$("related").addEventListener("change", function(){ if ($("related").checked) { delete hiddenTypes[REL]; } else { hiddenTypes[REL] = true; } refresh(); });
if (DATA.years) { $("ymin").placeholder = DATA.years[0]; $("ymax").placeholder = DATA.years[1];
  $("ymin").min = $("ymax").min = DATA.years[0]; $("ymin").max = $("ymax").max = DATA.years[1]; }
else { $("yearbox").style.display = "none"; }
var network = new vis.Network($("net"), {nodes: nodeView, edges: edgeView}, {
  autoResize: true, groups: groups,
  layout: {improvedLayout: false, randomSeed: 7},
  physics: {enabled: false},
  interaction: {hover: true, tooltipDelay: 3600000, hideEdgesOnDrag: big, hideEdgesOnZoom: big, multiselect: true},
  // labels are drawn by drawLabels below (fixed screen size, no overlaps), not by vis-network
  nodes: {borderWidth: 1, font: {size: 14}, scaling: {label: {drawThreshold: 1e9}}},
  edges: {smooth: false, selectionWidth: 2, hoverWidth: 1, arrows: {to: {scaleFactor: 0.55}},
    font: {size: 10, color: "#555", strokeWidth: 3, strokeColor: "#ffffff", align: "middle"}}
});
function describeNode(id, full){
  var r = N[nodes.get(id).row], d = el("div");
  d.appendChild(el("div", "t-head", r[1]));
  d.appendChild(el("div", "t-sub", L[r[2]].name));
  if (r[6].length) { d.appendChild(el("div", null, "Also: " + r[6].join(", "))); }
  if (r[8]) { d.appendChild(el("div", "t-sub", r[8] + " mention(s) in " + r[7].length + " document(s)" + (full && r[7].length ? ": " + r[7].join(", ") : ""))); }
  Object.keys(r[9]).forEach(function(k){ d.appendChild(el("div", "t-sub", k + ": " + r[9][k])); });
  return d;
}
function describeEdge(id, full){
  var q = E[edges.get(id).row], t = T[q[2]], d = el("div");
  d.appendChild(el("div", "t-head", t.name));
  d.appendChild(el("div", null, N[q[0]][1] + (t.directed ? " → " : " — ") + N[q[1]][1]));
  var props = Object.keys(q[5]).map(function(k){ return k + ": " + q[5][k]; });
  if (props.length) { d.appendChild(el("div", "t-sub", props.join(" · "))); }
  var shown = q[6].slice(0, full ? q[6].length : 3);
  shown.forEach(function(ev){ var b = el("div", "t-ev"); b.appendChild(el("div", null, "“" + ev[1] + "”")); b.appendChild(el("div", "t-doc", ev[0])); d.appendChild(b); });
  if (q[7] > shown.length) { d.appendChild(el("div", "t-sub", "… " + (q[7] - shown.length) + " more sentence(s)" + (full ? "" : " (click to see more)"))); }
  return d;
}
var tip = $("tip");
function showTip(content, event){
  tip.textContent = ""; tip.appendChild(content); tip.style.display = "block";
  var box = $("net").getBoundingClientRect(), x = event.clientX - box.left + 14, y = event.clientY - box.top + 14;
  if (x + tip.offsetWidth > box.width) { x = Math.max(0, x - tip.offsetWidth - 28); }
  if (y + tip.offsetHeight > box.height) { y = Math.max(0, y - tip.offsetHeight - 28); }
  tip.style.left = x + "px"; tip.style.top = y + "px";
}
function hideTip(){ tip.style.display = "none"; }
// The edge under the pointer: the closest typed relationship within reach, and a
// co-occurrence only where there is none, so RELATED_TO never takes a typed edge's hover or
// click. (vis-network's own picks the closest edge, first in drawing order on a tie.)
network.selectionHandler.getEdgeAt = function(pointer, returnEdge){
  var body = this.body, at = this.canvas.DOMtoCanvas(pointer), reach = Math.max(10, 6 / body.view.scale);
  var best = [null, null], dist = [reach, reach];
  for (var s = 0; s < body.edgeIndices.length; s++) { var id = body.edgeIndices[s], e = body.edges[id];
    if (!e.connected) { continue; }
    var d = e.edgeType.getDistanceToEdge(e.from.x, e.from.y, e.to.x, e.to.y, at.x, at.y), k = isRelated(id) ? 1 : 0;
    if (d < dist[k]) { dist[k] = d; best[k] = id; } }
  var found = best[0] !== null ? best[0] : best[1];
  return found === null ? undefined : (returnEdge === false ? found : body.edges[found]);
};
function isRelated(id){ var e = typeof id === "number" ? E[id] : null; return !!e && T[e[2]].name === REL; }
// adjacency from the page's data: the details panel lists every relationship
var ADJ = N.map(function(){ return []; });
E.forEach(function(q, j){ ADJ[q[0]].push(j); if (q[1] !== q[0]) { ADJ[q[1]].push(j); } });
var ROW = {}; N.forEach(function(r, i){ ROW[r[0]] = i; });
// highlighting: the hovered (or clicked) entity, its neighbours and edges; the rest dimmed
var hl = null, sticky = null;
function setHighlight(id){
  if (id !== null && !network.body.nodes[id]) { id = null; }
  hl = id === null ? null : {id: id, nodes: {}, edges: []};
  if (hl) { hl.nodes[id] = true;
    var visible = {}; network.body.edgeIndices.forEach(function(e){ visible[e] = true; });
    network.body.nodes[id].edges.forEach(function(e){ if (visible[e.id]) { hl.edges.push(e.id); hl.nodes[e.fromId] = true; hl.nodes[e.toId] = true; } }); }
  window.docgraph.highlight = hl ? Object.keys(hl.nodes) : [];
  network.redraw();
}
function drawHighlight(ctx){
  if (!hl) { return; }
  var c = network.canvas.frame.canvas, a = network.DOMtoCanvas({x: 0, y: 0}), b = network.DOMtoCanvas({x: c.clientWidth, y: c.clientHeight});
  ctx.fillStyle = "rgba(255,255,255,0.85)"; ctx.fillRect(a.x, a.y, b.x - a.x, b.y - a.y);
  var body = network.body;
  hl.edges.forEach(function(e){ if (body.edges[e]) { body.edges[e].draw(ctx); } });
  hl.edges.forEach(function(e){ if (body.edges[e]) { body.edges[e].drawArrows(ctx); } });
  Object.keys(hl.nodes).forEach(function(n){ if (body.nodes[n]) { body.nodes[n].draw(ctx); } });
}
// labels: dark, 13 px on screen at any zoom; the most important first, and one that would
// overlap a label already drawn is left out (zoom in and more appear)
var FONT = 13, widthOf = {}, placed = [];
function drawLabels(ctx){
  var body = network.body, scale = body.view.scale, c = network.canvas.frame.canvas;
  var ratio = c.width / c.clientWidth, W = c.clientWidth, H = c.clientHeight, cell = 64, grid = {};
  placed = [];
  ctx.save(); ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.textAlign = "center"; ctx.textBaseline = "top"; ctx.lineJoin = "round";
  function free(x0, y0, x1, y1){
    for (var gx = Math.floor(x0 / cell); gx <= Math.floor(x1 / cell); gx++) { for (var gy = Math.floor(y0 / cell); gy <= Math.floor(y1 / cell); gy++) {
      var list = grid[gx + "," + gy]; if (!list) { continue; }
      for (var k = 0; k < list.length; k++) { var o = list[k]; if (x0 < o[2] && o[0] < x1 && y0 < o[3] && o[1] < y1) { return false; } } } }
    return true;
  }
  function take(box){
    for (var gx = Math.floor(box[0] / cell); gx <= Math.floor(box[2] / cell); gx++) { for (var gy = Math.floor(box[1] / cell); gy <= Math.floor(box[3] / cell); gy++) {
      (grid[gx + "," + gy] = grid[gx + "," + gy] || []).push(box); } }
  }
  function put(text, x, y, px, weight, color){
    ctx.font = weight + " " + px + "px system-ui,-apple-system,'Segoe UI',sans-serif";
    var key = weight + px + text, w = widthOf[key]; if (w === undefined) { w = widthOf[key] = ctx.measureText(text).width; }
    var box = [x - w / 2 - 2, y - 1, x + w / 2 + 2, y + px + 2];
    if (box[2] < 0 || box[0] > W || box[3] < 0 || box[1] > H || !free(box[0], box[1], box[2], box[3])) { return false; }
    take(box); ctx.lineWidth = 3; ctx.strokeStyle = "rgba(255,255,255,0.92)"; ctx.strokeText(text, x, y);
    ctx.fillStyle = color; ctx.fillText(text, x, y); placed.push({text: text, px: px, box: box}); return true;
  }
  var order = body.nodeIndices.slice();
  if (hl) { order = order.filter(function(id){ return hl.nodes[id]; }); }
  order.sort(function(p, q){ return rank(q) - rank(p); });
  var budget = 4000;
  for (var i = 0; i < order.length && budget > 0; i++) { var node = body.nodes[order[i]], r = N[ROW[order[i]]], ck = clusterOf(order[i]);
    if (ck >= 0) { r = [order[i], CL[ck][0] + " +" + (node.options.members - 1)]; }
    if (!r) { continue; }
    // the 60 most important always compete for room; others once they are drawn big enough
    // to matter at this zoom (so zooming in brings in the smaller entities' names)
    if (i >= 60 && ck < 0 && !hl && node.shape.options.size * scale < 3) { continue; }
    var dom = network.canvasToDOM({x: node.x, y: node.y});
    if (dom.x < -200 || dom.x > W + 200 || dom.y < -50 || dom.y > H + 50) { continue; }
    budget--;
    var text = r[1].length > 32 ? r[1].slice(0, 31) + "…" : r[1], focus = ROW[order[i]] === DATA.focus;
    put(text, dom.x, dom.y + node.shape.options.size * scale + 3, focus ? 15 : FONT, focus || (hl && hl.id === order[i]) ? 700 : 600, "#111");
  }
  // relationship types: of the highlighted entity, or of every edge in view when zoomed in
  var edgeIds = hl ? hl.edges : (scale >= 1.6 && !big ? body.edgeIndices : []);
  for (var j = 0; j < edgeIds.length && j < 600; j++) { var e = body.edges[edgeIds[j]];
    if (!e || !e.connected || isRelated(e.id) && !hl) { continue; }
    var mid = e.edgeType.getPoint(0.5), dm = network.canvasToDOM(mid), q = E[e.id];
    if (q) { put(T[q[2]].name.toLowerCase().replace(/_/g, " "), dm.x, dm.y - 7, 12, 400, "#333"); } }
  ctx.restore();
  window.docgraph.labels = placed;
}
function rank(id){ var i = ROW[id]; if (i === undefined) { var k = clusterOf(id); return k < 0 ? 0 : 1e4 + CL[k][2]; } return (i === DATA.focus ? 1e6 : 0) + (hl && hl.id === id ? 1e5 : 0) + N[i][5]; }
function drawFocus(ctx){
  if (DATA.focus === null || DATA.focus === undefined) { return; }
  var node = network.body.nodes[N[DATA.focus][0]]; if (!node) { return; }
  var r = node.shape.options.size + 7;
  ctx.beginPath(); ctx.arc(node.x, node.y, r, 0, 2 * Math.PI); ctx.lineWidth = 3; ctx.strokeStyle = "#111"; ctx.stroke();
  ctx.beginPath(); ctx.arc(node.x, node.y, r + 4, 0, 2 * Math.PI); ctx.lineWidth = 1.5; ctx.strokeStyle = "#e0a800"; ctx.stroke();
}
// communities collapsed into cluster nodes (vis-network clustering); a click opens one
var CL = DATA.clusters || [], opened = {}, MEMBERS = CL.map(function(){ return []; });
N.forEach(function(r){ if (r[10] >= 0) { MEMBERS[r[10]].push(r); } });
if (DATA.focus !== null && DATA.focus !== undefined && N[DATA.focus][10] >= 0) { opened[N[DATA.focus][10]] = true; }
function clusterOf(id){ var m = /^cluster:([0-9]+)$/.exec(String(id)); return m ? +m[1] : -1; }
function collapse(){
  var discs = [];
  CL.forEach(function(c, k){
    if (opened[k] || network.body.nodes["cluster:" + k]) { return; }
    var shown = MEMBERS[k].filter(function(r){ return nodeView.get(r[0]) !== null; });
    if (shown.length < 2) { return; }
    var x = 0, y = 0, spread = 0; shown.forEach(function(r){ x += r[3]; y += r[4]; }); x /= shown.length; y /= shown.length;
    shown.forEach(function(r){ spread += (r[3] - x) * (r[3] - x) + (r[4] - y) * (r[4] - y); });
    discs.push({k: k, n: shown.length, cx: x, cy: y, x: x, y: y, size: Math.max(14, 0.3 * Math.sqrt(spread / shown.length)), island: c[3]});
  });
  var sizes = discs.filter(function(d){ return !d.island; }).map(function(d){ return d.size; }).sort(function(a, b){ return a - b; });
  discs.forEach(function(d){ if (d.island) { d.size = sizes.length ? sizes[sizes.length >> 1] : 14; } });
  // communities overlap in the layout: push their discs apart (members follow when opened)
  for (var round = 0; round < 60; round++) { var moved = false;
    for (var a = 0; a < discs.length; a++) { for (var b = a + 1; b < discs.length; b++) { var p = discs[a], q = discs[b];
      var dx = q.x - p.x, dy = q.y - p.y, dist = Math.sqrt(dx * dx + dy * dy) || 1e-3, need = 1.12 * (p.size + q.size) + 20;
      if (dist < need) { var push = (need - dist) / 2, ux = dx / dist, uy = dy / dist; moved = true;
        var wp = q.n / (p.n + q.n), wq = p.n / (p.n + q.n);
        p.x -= ux * push * 2 * wp; p.y -= uy * push * 2 * wp; q.x += ux * push * 2 * wq; q.y += uy * push * 2 * wq; } } }
    if (!moved) { break; } }
  discs.forEach(function(d){
    var c = CL[d.k], l = L[c[1]], k = d.k;
    CENTRE[k] = [d.cx, d.cy];
    network.cluster({joinCondition: function(o){ return o.community === k; },
      clusterNodeProperties: {id: "cluster:" + k, label: c[0], shape: "dot", size: d.size,
        x: d.x, y: d.y, community: -1, borderWidth: 3, members: d.n,
        color: {background: l.color, border: "#333333", highlight: {background: l.color, border: "#000000"}, hover: {background: l.color, border: "#000000"}}}}, false);
  });
  // one data refresh for all the clusters (vis-network would refresh after each one)
  if (discs.length) { network.body.emitter.emit("_dataChanged"); }
  countClusters();
}
var CENTRE = {};
function countClusters(){ window.docgraph.clusters = CL.filter(function(c, k){ return !!network.body.nodes["cluster:" + k]; }).length;
  $("regroup").hidden = !CL.length || Object.keys(opened).length === 0; }
function expand(id){
  var k = clusterOf(id); if (k < 0 || !network.body.nodes[id]) { return; }
  opened[k] = true;
  // members go back to their own layout, moved as far as their cluster disc was
  network.openCluster(id, {releaseFunction: function(at){ var out = {}, dx = at.x - CENTRE[k][0], dy = at.y - CENTRE[k][1];
    MEMBERS[k].forEach(function(r){ out[r[0]] = {x: r[3] + dx, y: r[4] + dy}; }); return out; }});
  countClusters();
  network.fit({nodes: MEMBERS[k].map(function(r){ return r[0]; }).filter(function(m){ return network.body.nodes[m]; }), animation: {duration: 300}, maxZoomLevel: 1.2});
}
function reveal(id){ var path = network.findNode(id); for (var i = 0; i < path.length - 1; i++) { expand(path[i]); } }
function clusterTip(id){
  var k = clusterOf(id), node = network.body.nodes[id], n = node ? node.options.members : CL[k][2], d = el("div");
  d.appendChild(el("div", "t-head", CL[k][0] + " and " + (n - 1) + " others"));
  d.appendChild(el("div", "t-sub", "A community (Louvain) of " + n + " entities. Click to open it."));
  var top = MEMBERS[k].slice().sort(function(a, b){ return b[5] - a[5]; }).slice(0, 8).map(function(r){ return r[1]; });
  d.appendChild(el("div", null, top.join(", ") + (MEMBERS[k].length > 8 ? ", …" : "")));
  return d;
}
$("regroup").addEventListener("click", function(){ opened = {}; setHighlight(null); sticky = null; collapse(); network.fit({animation: {duration: 300}, maxZoomLevel: 1.2}); });
network.on("afterDrawing", function(ctx){ drawHighlight(ctx); drawFocus(ctx); drawLabels(ctx); });
function relationships(id){
  var i = ROW[id], groups = {}, d = el("div");
  ADJ[i].forEach(function(j){ var t = T[E[j][2]].name; (groups[t] = groups[t] || []).push(j); });
  var names = Object.keys(groups).sort(function(a, b){ return (a === REL) - (b === REL) || groups[b].length - groups[a].length || (a < b ? -1 : 1); });
  names.forEach(function(t){
    var host = d;
    if (t === REL) { host = el("details"); host.appendChild(el("summary", null, "Mentioned together with (" + groups[t].length + ")")); d.appendChild(host); }
    else { d.appendChild(el("div", "r-group", t + " (" + groups[t].length + ")")); }
    groups[t].slice(0, 60).forEach(function(j){
      var q = E[j], other = q[0] === i ? q[1] : q[0], item = el("div", "r-item"), link = el("button", "go", N[other][1]);
      link.type = "button"; link.addEventListener("click", function(){ goTo(N[other][0]); });
      item.appendChild(el("span", null, T[q[2]].directed ? (q[0] === i ? "→ " : "← ") : "— ")); item.appendChild(link);
      q[6].slice(0, 2).forEach(function(ev){ var b = el("div", "t-ev"); b.appendChild(el("div", null, "“" + ev[1] + "”")); b.appendChild(el("div", "t-doc", ev[0])); item.appendChild(b); });
      if (q[7] > 2) { item.appendChild(el("div", "t-sub", "… " + (q[7] - 2) + " more sentence(s)")); }
      host.appendChild(item); });
    if (groups[t].length > 60) { host.appendChild(el("div", "t-sub", "… " + (groups[t].length - 60) + " more")); }
  });
  if (!names.length) { d.appendChild(el("div", "t-sub", "No relationships.")); }
  return d;
}
function details(id){
  var d = $("details"); d.textContent = "";
  d.appendChild(describeNode(id, true)); d.appendChild(relationships(id));
}
function goTo(id){
  if (!network.body.nodes[id]) { return; }
  reveal(id);
  sticky = id; network.selectNodes([id]); setHighlight(id); details(id);
  network.focus(id, {scale: Math.max(network.getScale(), 1.0), animation: {duration: 300}});
}
network.on("hoverNode", function(p){ showTip(clusterOf(p.node) >= 0 ? clusterTip(p.node) : describeNode(p.node, false), p.event); setHighlight(p.node); });
network.on("hoverEdge", function(p){ showTip(describeEdge(p.edge, false), p.event); });
network.on("blurNode", function(){ hideTip(); setHighlight(sticky); }); network.on("blurEdge", hideTip);
network.on("dragStart", hideTip); network.on("zoom", hideTip);
network.on("click", function(p){
  var d = $("details");
  if (p.nodes.length && clusterOf(p.nodes[0]) >= 0) { hideTip(); sticky = null; expand(p.nodes[0]); setHighlight(null); }
  else if (p.nodes.length) { sticky = p.nodes[0]; setHighlight(sticky); details(sticky); }
  else { sticky = null; setHighlight(null); d.textContent = ""; if (p.edges.length) { d.appendChild(describeEdge(p.edges[0], true)); } }
});
$("png").addEventListener("click", function(){
  var src = network.canvas.frame.canvas, c = document.createElement("canvas"), x = c.getContext("2d"), ratio = src.width / src.clientWidth;
  c.width = src.width; c.height = src.height; x.fillStyle = "#ffffff"; x.fillRect(0, 0, c.width, c.height); x.drawImage(src, 0, 0);
  x.scale(ratio, ratio); x.fillStyle = "#111"; x.textBaseline = "top";
  x.font = "700 18px system-ui,-apple-system,'Segoe UI',sans-serif"; x.fillText(DATA.title, 14, 12);
  x.font = "12px system-ui,-apple-system,'Segoe UI',sans-serif"; x.fillStyle = "#555";
  x.fillText(nodeView.length + " entities, " + edgeView.length + " relationships · made with docgraph", 14, src.clientHeight - 22);
  var url = c.toDataURL("image/png"), a = document.createElement("a");
  a.href = url; a.download = (DATA.title.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "") || "docgraph") + ".png";
  document.body.appendChild(a); a.click(); a.remove(); window.docgraph.png = url.slice(0, 40);
});
function count(){ $("counts").textContent = nodeView.length + " of " + N.length + " entities, " + edgeView.length + " of " + E.length + " relationships shown"; }
function refresh(){ nodeView.refresh(); edgeView.refresh(); if (CL.length) { collapse(); } count(); }
function readYears(){
  var lo = parseInt($("ymin").value, 10), hi = parseInt($("ymax").value, 10);
  yearLo = isNaN(lo) ? null : lo; yearHi = isNaN(hi) ? null : hi; undated = $("undated").checked; refresh();
}
["ymin", "ymax", "undated"].forEach(function(id){ $(id).addEventListener("input", readYears); $(id).addEventListener("change", readYears); });
var matches = [], current = -1;
function search(){
  var q = $("search").value.trim().toLowerCase(); matches = []; current = -1;
  if (q) { for (var i = 0; i < N.length; i++) { var r = N[i];
    if (!hiddenLabels[L[r[2]].name] && (r[1].toLowerCase().indexOf(q) >= 0 || r[6].some(function(a){ return a.toLowerCase().indexOf(q) >= 0; }))) { matches.push(r[0]); } } }
  network.selectNodes(matches);
  $("found").textContent = q ? (matches.length ? matches.length + " match(es); Enter for the next" : "no match") : "";
  next();
}
function next(){ if (!matches.length) { return; } current = (current + 1) % matches.length; reveal(matches[current]);
  network.focus(matches[current], {scale: Math.max(network.getScale(), 1.0), animation: {duration: 300}}); }
$("search").addEventListener("input", search);
$("search").addEventListener("keydown", function(ev){ if (ev.key === "Enter") { ev.preventDefault(); next(); } });
$("fit").addEventListener("click", function(){ network.fit({animation: {duration: 300}, maxZoomLevel: 1.2}); });
var timings = {script: T0, built: performance.now()};
window.docgraph = {network: network, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView, timings: timings, ready: false, refresh: refresh, labels: [], highlight: [], goTo: goTo, clusters: 0};
network.once("afterDrawing", function(){
  timings.firstDraw = performance.now();
  setTimeout(function(){ timings.idle = performance.now(); window.docgraph.ready = true; }, 0);
});
collapse();
network.fit({animation: false, maxZoomLevel: 1.2});
if (DATA.focus !== null && DATA.focus !== undefined) {
  var f = N[DATA.focus]; network.moveTo({position: {x: f[3], y: f[4]}, scale: Math.max(network.getScale(), 0.6)}); }
count();
})();
</script></body></html>
"""
