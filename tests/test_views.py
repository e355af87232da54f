"""The HTML view without a browser: selection, the page's data, escaping, no external URLs."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import networkx as nx
import numpy as np
import pytest

from docgraph.errors import DocgraphError
from docgraph.views import layout, pagerank, payload, render_html, select, show, write_view

HOSTILE = "<img src=x onerror=alert(1)>"
BREAKOUT = "</script><script>window.__pwned = 1; alert(1)</script>"


def ev(sentence: str, document: str = "doc-1") -> dict:
    return {
        "document": document,
        "sentence": sentence,
        "start": 0,
        "end": len(sentence),
        "method": "rule",
        "confidence": 0.8,
    }


def make_graph(edges, nodes=None) -> nx.MultiDiGraph:
    """``edges``: (source, target, type, props); node ids are ``label:name`` slugs."""
    g = nx.MultiDiGraph()
    for node in nodes or []:
        label, name = node.split(":", 1)
        g.add_node(node, name=name.title(), label=label.title(), aliases=[], mentions=1)
    for u, v, rel, props in edges:
        for node in (u, v):
            if node not in g:
                label, name = node.split(":", 1)
                g.add_node(node, name=name.title(), label=label.title(), aliases=[], mentions=1)
        g.add_edge(u, v, key=rel, type=rel, evidence=[ev(f"{u} {rel} {v}.")], **props)
    return g


@pytest.fixture
def chain() -> nx.MultiDiGraph:
    """a - b - c - d - e, a star of leaves around b, and an isolated entity."""
    edges = [
        ("country:a", "country:b", "DIPLOMATIC_RELATIONS", {"since": "1990"}),
        ("country:b", "organization:c", "MEMBER_OF", {}),
        ("organization:c", "person:d", "RELATED_TO", {}),
        ("person:d", "event:e", "PARTICIPATED_IN", {"year": "2012"}),
    ]
    edges += [(f"location:leaf{k}", "country:b", "LOCATED_IN", {}) for k in range(5)]
    g = make_graph(edges, nodes=["program:lonely"])
    g.nodes["country:a"]["aliases"] = ["Alpha", "Republic of A"]
    return g


def test_focus_and_depth(chain):
    one, note = select(chain, focus="country:b", depth=1)
    assert set(one) == {"country:a", "country:b", "organization:c"} | {
        f"location:leaf{k}" for k in range(5)
    }
    assert "1 hop(s) of B" in note
    two, _ = select(chain, focus="B", depth=2)  # by name
    assert "person:d" in two and "event:e" not in two
    by_alias, _ = select(chain, focus="republic of a", depth=1)  # alias, any case
    assert set(by_alias) == {"country:a", "country:b"}
    assert set(select(chain, focus="Alpha", depth=0)[0]) == {"country:a"}
    with pytest.raises(DocgraphError, match="no entity named"):
        select(chain, focus="Atlantis")


def test_min_degree_keeps_the_focus(chain):
    g, note = select(chain, min_degree=2)
    assert set(g) == {"country:b", "organization:c", "person:d"}
    assert "at least 2" in note
    g, _ = select(chain, focus="person:d", depth=1, min_degree=2)
    assert "person:d" in g  # the focus stays even with a single neighbour left


def test_top_n_by_centrality_with_a_note(chain):
    g, note = select(chain, max_nodes=3)
    assert g.number_of_nodes() == 3 and "country:b" in g  # the hub is the most central
    assert "3 most central of 11 entities" in note and "max_nodes" in note
    g, note = select(chain, max_nodes=500)
    assert g.number_of_nodes() == 11 and note == ""
    assert select(chain, max_nodes=None)[0].number_of_nodes() == 11
    g, note = select(chain, max_nodes=2, focus="event:e", depth=3)
    assert "event:e" in g and g.number_of_nodes() == 2 and "most central" in note


def test_no_related_keeps_entities_and_their_attributes(chain):
    g, _ = select(chain, include_related=False)
    assert g.number_of_nodes() == chain.number_of_nodes()
    assert "RELATED_TO" not in {k for _, _, k in g.edges(keys=True)}
    assert g.nodes["country:a"]["aliases"] == ["Alpha", "Republic of A"]


def test_payload_years_types_and_sizes(chain):
    data = payload(chain)
    assert data["years"] == [1990, 2012]
    types = {t["name"]: t for t in data["types"]}
    assert not types["RELATED_TO"]["directed"] and types["MEMBER_OF"]["directed"]
    assert len({t["color"] for t in data["types"]}) == len(types)
    names = [row[1] for row in data["nodes"]]
    size = {row[1]: row[5] for row in data["nodes"]}
    assert size["B"] == max(size.values())  # centrality → size
    assert len(names) == 11 and len(data["edges"]) == chain.number_of_edges()
    dated = {data["types"][e[2]]["name"]: (e[3], e[4]) for e in data["edges"]}
    assert dated["DIPLOMATIC_RELATIONS"] == (1990, 1990) and dated["MEMBER_OF"] == (None, None)
    xy = np.array([row[3:5] for row in data["nodes"]])
    assert np.isfinite(xy).all() and len({tuple(p) for p in xy}) == len(xy)


def test_pagerank_and_layout_are_numpy_only_and_deterministic():
    rank = pagerank(5, np.array([0, 0, 0, 0]), np.array([1, 2, 3, 4]))
    assert rank.argmax() == 0 and abs(rank.sum() - 1) < 1e-9
    g = nx.convert_node_labels_to_integers(nx.grid_2d_graph(20, 30))  # uses the mesh layout
    src, dst = (np.array(x) for x in zip(*g.edges(), strict=True))
    a, b = layout(600, src, dst, seed=1), layout(600, src, dst, seed=1)
    assert np.array_equal(a, b) and np.isfinite(a).all()
    length = np.sqrt(((a[src] - a[dst]) ** 2).sum(1))
    spread = np.sqrt(((a - a.mean(0)) ** 2).sum(1)).mean()
    assert np.median(length) < spread / 5  # related entities end up near each other


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.data: dict[str, str] = {}
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in = dict(attrs).get("id") if tag == "script" else None

    def handle_data(self, data):
        if self._in:
            self.data[self._in] = self.data.get(self._in, "") + data

    def handle_endtag(self, tag):
        self._in = None


def hostile_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node("person:x", name=HOSTILE, label="Person", aliases=[BREAKOUT, "a & b"], mentions=2)
    g.add_node("country:y", name=BREAKOUT, label="Country", aliases=[HOSTILE], mentions=1)
    g.add_node("thing:z", name="<!-- z", label="<b>Thing</b>", aliases=[], mentions=1)
    g.add_edge(
        "person:x",
        "country:y",
        key="LEADER_OF",
        type="LEADER_OF",
        status=HOSTILE,
        evidence=[ev(f"Said {HOSTILE} and {BREAKOUT}.", document=BREAKOUT)],
    )
    g.add_edge("thing:z", "country:y", key="X<y>", type="X<y>", evidence=[])
    return g


def test_payload_is_escaped_and_round_trips(tmp_path):
    page = render_html(hostile_graph(), title=HOSTILE)
    tags = _Tags()
    tags.feed(page)
    scripts = [a for t, a in tags.tags if t == "script"]
    assert len(scripts) == 3  # the data, vis-network, docgraph's code: none was injected
    raw = tags.data["docgraph-data"]
    assert "<" not in raw and ">" not in raw and "&" not in raw
    data = json.loads(raw)
    names = {row[1] for row in data["nodes"]}
    assert names == {HOSTILE, BREAKOUT, "<!-- z"}
    edge = next(e for e in data["edges"] if e[6])
    assert edge[6] == [[BREAKOUT, f"Said {HOSTILE} and {BREAKOUT}."]]
    assert edge[5]["status"] == HOSTILE
    assert "<b>Thing</b>" in {lab["name"] for lab in data["labels"]}
    assert "<title>&lt;img src=x onerror=alert(1)&gt;</title>" in page
    assert page.count("</script>") == 3 and "<img" not in page.replace(
        "<title>&lt;img", ""
    ).replace("\\u003cimg", "")


def test_every_asset_inline_and_no_external_url(chain):
    page = render_html(chain)
    tags = _Tags()
    tags.feed(page)
    assert not [a for t, a in tags.tags if t == "link"]
    for tag, attrs in tags.tags:
        assert "src" not in attrs or tag in ("img",) and attrs["src"].startswith("data:")
        for name in ("src", "href", "action", "data", "poster"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value.startswith(("http:", "https:", "//", "ftp:")), (tag, attrs)
    csp = next(a for t, a in tags.tags if t == "meta" and a.get("http-equiv"))
    assert "default-src 'none'" in csp["content"]
    assert "vis.Network" in page and "vis-network" in page  # the library itself is inline
    assert "url(http" not in page and "@import" not in page


def test_write_and_show_return_a_path_that_displays_inline(chain, tmp_path):
    out = write_view(chain, tmp_path / "v.html", title="Chain")
    assert out == tmp_path / "v.html" and out.read_text(encoding="utf-8").startswith("<!DOCTYPE")
    shown = show(chain, tmp_path / "w.html")
    frame = shown._repr_html_()
    assert frame.startswith("<iframe srcdoc=") and "&lt;!DOCTYPE html&gt;" in frame
    assert "<script" not in frame  # the whole page is an attribute value
    assert str(shown).endswith("w.html")


def test_empty_graph_renders(tmp_path):
    data = payload(nx.MultiDiGraph())
    assert data["nodes"] == [] and data["edges"] == [] and data["years"] is None
    assert write_view(nx.MultiDiGraph(), tmp_path / "e.html").exists()


def test_co_occurrences_come_first_so_they_are_drawn_under_typed_edges(chain):
    data = payload(chain)
    types = [data["types"][e[2]]["name"] for e in data["edges"]]
    assert types[0] == "RELATED_TO" and types.count("RELATED_TO") == 1
    assert data["related"] is False and payload(chain, related=True)["related"] is True


def test_the_focus_is_named_in_the_page(chain):
    data = payload(chain, focus="Alpha", depth=2)
    assert data["nodes"][data["focus"]][0] == "country:a"
    assert payload(chain)["focus"] is None


def test_big_views_carry_their_communities_as_clusters():
    g = nx.MultiDiGraph()
    for k in range(4):  # four rings of 10, joined in a chain, and three lone entities
        ids = [f"person:r{k}-{m}" for m in range(10)]
        for m, node in enumerate(ids):
            g.add_edge(node, ids[(m + 1) % 10], key="MEMBER_OF", type="MEMBER_OF")
            g.add_edge(node, ids[(m + 3) % 10], key="MEMBER_OF", type="MEMBER_OF")
        if k:
            g.add_edge(ids[0], f"person:r{k - 1}-0", key="LEADER_OF", type="LEADER_OF")
    for m in range(6):
        g.add_node(f"person:lone{m}")
    for node in g:
        g.nodes[node].update(name=node.split(":")[1], label="Person")
    assert payload(g)["clusters"] == []  # small: no clusters unless asked
    data = payload(g, clusters=True)
    rows = data["clusters"]
    assert [r[2] for r in rows] == [10, 10, 10, 10, 6] and rows[-1][0] == "Small unconnected groups"
    by_cluster: dict[int, set] = {}
    for row in data["nodes"]:
        by_cluster.setdefault(row[10], set()).add(row[0].split("-")[0])
    assert all(len(prefixes) == 1 for k, prefixes in by_cluster.items() if k < 4)  # one ring each


def test_small_components_sit_beside_the_main_one_not_in_a_corner():
    # a 30-node ring and four lone entities
    src = np.arange(30)
    dst = (src + 1) % 30
    pos = layout(34, src, dst, seed=3)
    ring, lone = pos[:30], pos[30:]
    lo, hi = ring.min(0), ring.max(0)
    assert (lone[:, 0] > hi[0]).all()  # to the right of the ring
    assert (lone[:, 1] > lo[1]).all() and (lone[:, 1] < hi[1]).all()  # within its height
    assert np.linalg.norm(lone - ring.mean(0), axis=1).max() < 2 * np.linalg.norm(hi - lo)
