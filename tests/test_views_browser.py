"""The HTML view in a real browser (Debian's headless Chromium), with the network cut off.

Every request other than the view file itself is aborted and recorded, so a view that
tried to fetch anything (a CDN script, a font, an image) fails here. Under CI a missing
Chromium fails these tests instead of skipping them.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import networkx as nx
import pytest

from docgraph.views import show, write_view

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("DOCGRAPH_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
HOSTILE = "<img src=x onerror=alert(1)>"
BREAKOUT = "</script><script>window.__pwned = 1; alert(1)</script>"
LABELS = ["Country", "Event", "Location", "Organization", "Person", "Program"]


def _unavailable(reason: str):
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"the browser tests need headless Chromium under CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        _unavailable(f"the playwright package is missing ({exc})")
    if not Path(CHROMIUM).exists():
        _unavailable(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser):
    """Open a file with every other request blocked; record requests, errors and dialogs."""
    pages = []

    def _open(path: Path, *, wait: bool = True) -> SimpleNamespace:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        pages.append(page)
        url = Path(path).resolve().as_uri()
        seen = SimpleNamespace(page=page, url=url, blocked=[], requests=[], errors=[], dialogs=[])
        page.on("request", lambda r: seen.requests.append(r.url))
        page.on("console", lambda m: m.type == "error" and seen.errors.append(m.text))
        page.on("pageerror", lambda e: seen.errors.append(str(e)))
        page.on("dialog", lambda d: (seen.dialogs.append(d.message), d.dismiss()))

        def route(r):
            if r.request.url == url:
                r.continue_()
            else:
                seen.blocked.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        page.goto(url)
        if wait:
            page.wait_for_function("window.docgraph && window.docgraph.ready", timeout=30_000)
        return seen

    yield _open
    for page in pages:
        page.close()


def offline(seen) -> None:
    """Nothing but the file was requested, and nothing went wrong."""
    assert seen.blocked == []
    assert set(seen.requests) <= {seen.url}
    assert seen.errors == []
    assert seen.dialogs == []


def counts(page) -> dict:
    return page.evaluate(
        "({nodes: docgraph.nodes.length, edges: docgraph.edges.length,"
        " shownNodes: docgraph.nodeView.length, shownEdges: docgraph.edgeView.length})"
    )


def ev(sentence: str, document: str = "news-1") -> dict:
    return {"document": document, "sentence": sentence, "start": 0, "end": len(sentence)}


@pytest.fixture(scope="module")
def sahel() -> nx.MultiDiGraph:
    """7 entities (one per label, two countries) and 9 relationships, 6 of them dated."""
    g = nx.MultiDiGraph()
    for eid, name, label, aliases in [
        ("country:mali", "Mali", "Country", ["Malian", "Republic of Mali"]),
        ("country:france", "France", "Country", ["French Republic"]),
        ("organization:g5-sahel", "G5 Sahel", "Organization", []),
        ("event:operation-barkhane", "Operation Barkhane", "Event", []),
        ("person:assimi-goita", "Assimi Goïta", "Person", []),
        ("location:bamako", "Bamako", "Location", []),
        ("program:ddr", "DDR", "Program", ["Disarmament, Demobilization and Reintegration"]),
    ]:
        g.add_node(eid, name=name, label=label, aliases=aliases, documents=["news-1"], mentions=2)
    for u, v, rel, props in [
        ("country:mali", "organization:g5-sahel", "MEMBER_OF", {"since": "2014"}),
        (
            "country:france",
            "country:mali",
            "DEPLOYED_TROOPS_IN",
            {"since": "2013", "until": "2022"},
        ),
        ("country:mali", "country:france", "EXPELLED", {"year": "2022"}),
        ("country:france", "event:operation-barkhane", "CONDUCTED", {"since": "2014-08-01"}),
        ("person:assimi-goita", "country:mali", "LEADER_OF", {"since": "2021"}),
        ("location:bamako", "country:mali", "LOCATED_IN", {}),
        ("country:mali", "program:ddr", "IMPLEMENTED", {}),
        ("country:mali", "country:france", "RELATED_TO", {"weight": 3}),
        ("country:mali", "country:france", "DIPLOMATIC_RELATIONS", {"since": "1960"}),
    ]:
        sentence = f"{g.nodes[u]['name']} {rel.lower().replace('_', ' ')} {g.nodes[v]['name']}."
        g.add_edge(u, v, key=rel, type=rel, evidence=[ev(sentence)], confidence=0.8, **props)
    return g


@pytest.fixture(scope="module")
def sahel_view(sahel, tmp_path_factory) -> Path:
    return write_view(sahel, tmp_path_factory.mktemp("views") / "sahel.html", title="Sahel")


def hover(page, kind: str, item_id: str) -> str:
    """Move the mouse onto a node or an edge (a point of it no node covers); the tooltip."""
    point = page.evaluate(
        """([kind, id]) => {
          const net = docgraph.network, at = p => net.canvasToDOM(p);
          if (kind === "node") { return at(net.getPositions([id])[id]); }
          const e = docgraph.edges.get(id), p = net.getPositions([e.from, e.to]);
          for (let k = 1; k < 40; k++) {
            const t = 0.5 + (k % 2 ? 1 : -1) * Math.floor(k / 2) / 40;
            const dom = at({x: p[e.from].x + t * (p[e.to].x - p[e.from].x),
                            y: p[e.from].y + t * (p[e.to].y - p[e.from].y)});
            if (net.getNodeAt(dom) === undefined && net.getEdgeAt(dom) === id) { return dom; }
          }
          return null;
        }""",
        [kind, item_id],
    )
    assert point is not None, f"no free point on {item_id}"
    box = page.locator("#net canvas").bounding_box()
    page.mouse.move(box["x"] + point["x"] - 3, box["y"] + point["y"] - 3)
    page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
    page.wait_for_selector("#tip", state="visible", timeout=5_000)
    return page.locator("#tip").inner_text()


def test_the_view_loads_offline_and_draws_every_node_and_edge(open_page, sahel_view):
    seen = open_page(sahel_view)
    page = seen.page
    # RELATED_TO is in the page but hidden until its toggle is ticked
    assert counts(page) == {"nodes": 7, "edges": 9, "shownNodes": 7, "shownEdges": 8}
    assert len(page.evaluate("Object.keys(docgraph.network.getPositions())")) == 7
    painted = page.evaluate(
        """() => { const c = document.querySelector('#net canvas');
          const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
          let n = 0; for (let i = 3; i < d.length; i += 4) { if (d[i]) { n++; } } return n; }"""
    )
    assert painted > 500  # the canvas has been drawn on
    legend = page.locator("#labels label .name").all_inner_texts()
    assert legend == LABELS and page.locator("#labels svg").count() == 6
    types = page.locator("#types label .name").all_inner_texts()
    assert len(types) == 9 and "MEMBER_OF" in types and "RELATED_TO" not in types[1:]
    assert page.locator("#counts").inner_text().startswith("7 of 7 entities, 8 of 9")
    assert page.title() == "Sahel"
    offline(seen)


def test_label_type_and_year_filters(open_page, sahel_view):
    seen = open_page(sahel_view)
    page = seen.page
    person = page.locator("#labels label", has_text="Person").locator("input")
    person.uncheck()
    assert counts(page)["shownNodes"] == 6 and counts(page)["shownEdges"] == 7  # LEADER_OF
    person.check()
    page.locator("#types label", has_text="MEMBER_OF").locator("input").uncheck()
    assert counts(page)["shownEdges"] == 7
    page.locator("#types label", has_text="MEMBER_OF").locator("input").check()
    assert counts(page)["shownEdges"] == 8
    page.locator("#related").check()
    assert counts(page)["shownEdges"] == 9
    # from 2015: MEMBER_OF 2014, CONDUCTED 2014, DIPLOMATIC_RELATIONS 1960 go;
    # DEPLOYED_TROOPS_IN 2013-2022 overlaps and stays
    page.fill("#ymin", "2015")
    assert counts(page)["shownEdges"] == 6
    page.locator("#undated").uncheck()
    shown = page.evaluate("docgraph.edgeView.get().map(e => e.relType).sort()")
    assert shown == ["DEPLOYED_TROOPS_IN", "EXPELLED", "LEADER_OF"]
    page.fill("#ymax", "2020")
    assert page.evaluate("docgraph.edgeView.get().map(e => e.relType)") == ["DEPLOYED_TROOPS_IN"]
    assert "1 of 9 relationships" in page.locator("#counts").inner_text()
    offline(seen)


def test_search_and_tooltips(open_page, sahel_view):
    seen = open_page(sahel_view)
    page = seen.page
    page.fill("#search", "malian")  # an alias, any case
    assert page.evaluate("docgraph.network.getSelectedNodes()") == ["country:mali"]
    assert page.locator("#found").inner_text().startswith("1 match")
    page.fill("#search", "")
    page.wait_for_timeout(400)  # the search's short zoom animation
    tip = hover(page, "node", "country:mali")
    assert "Mali" in tip and "Country" in tip and "Republic of Mali" in tip
    edge = page.evaluate("docgraph.edges.get({filter: e => e.relType === 'MEMBER_OF'})[0].id")
    tip = hover(page, "edge", edge)
    assert "MEMBER_OF" in tip and "Mali → G5 Sahel" in tip and "since: 2014" in tip
    assert "“Mali member of G5 Sahel.”" in tip and "news-1" in tip
    offline(seen)


@pytest.fixture(scope="module")
def hostile_view(tmp_path_factory) -> Path:
    g = nx.MultiDiGraph()
    g.add_node("person:x", name=HOSTILE, label="Person", aliases=[BREAKOUT], mentions=2)
    g.add_node("country:y", name=BREAKOUT, label="Country", aliases=[HOSTILE], mentions=1)
    g.add_node("thing:z", name="<!-- z", label="<b>Thing</b>", aliases=[], mentions=1)
    g.add_edge(
        "person:x",
        "country:y",
        key="LEADER_OF",
        type="LEADER_OF",
        status=HOSTILE,
        evidence=[ev(f"Said {HOSTILE} then {BREAKOUT}.", document=BREAKOUT)],
    )
    g.add_edge("thing:z", "country:y", key="X<i>Y", type="X<i>Y", evidence=[])
    return write_view(g, tmp_path_factory.mktemp("views") / "hostile.html", title=HOSTILE)


def test_hostile_text_is_shown_literally_and_runs_nothing(open_page, hostile_view):
    seen = open_page(hostile_view)
    page = seen.page
    assert counts(page) == {"nodes": 3, "edges": 2, "shownNodes": 3, "shownEdges": 2}
    drawn = [label["text"] for label in page.evaluate("docgraph.labels")]
    assert HOSTILE in drawn and "<!-- z" in drawn  # drawn on the canvas as text
    labels = page.evaluate("docgraph.nodes.get().map(n => n.label).sort()")
    assert labels == sorted([HOSTILE, BREAKOUT, "<!-- z"])
    assert page.title() == HOSTILE
    tip = hover(page, "node", "person:x")
    assert HOSTILE in tip and BREAKOUT in tip
    page.locator("#search").click()  # move away, then onto the edge
    edge = page.evaluate("docgraph.edges.get({filter: e => e.relType === 'LEADER_OF'})[0].id")
    tip = hover(page, "edge", edge)
    assert f"Said {HOSTILE} then {BREAKOUT}." in tip and f"status: {HOSTILE}" in tip
    assert f"{HOSTILE} → {BREAKOUT}" in tip
    assert page.locator("#labels").inner_text().count("<b>Thing</b>") == 1
    assert "X<i>Y" in page.locator("#types").inner_text()
    # nothing was parsed as markup: no element was injected anywhere
    assert page.locator("#side img, #tip img, #side b, #side i, body > img").count() == 0
    assert page.evaluate("document.scripts.length") == 3
    assert page.evaluate("typeof window.__pwned") == "undefined"
    page.wait_for_timeout(200)  # an onerror handler would have fired by now
    offline(seen)


def test_the_harness_catches_a_fetch(open_page, tmp_path):
    leaky = tmp_path / "leaky.html"
    leaky.write_text(
        '<!DOCTYPE html><img src="http://example.invalid/x.png"><script>window.docgraph='
        '{ready: true}</script><script src="https://cdn.example.invalid/vis.js"></script>',
        encoding="utf-8",
    )
    seen = open_page(leaky)
    assert len(seen.blocked) == 2


def test_the_examples_view(open_page, tmp_path):
    import docgraph

    examples = Path(__file__).resolve().parents[1] / "examples"
    with docgraph.build([examples], store=tmp_path / "store", progress=False) as graph:
        expected = graph.to_networkx()
        path = graph.view(tmp_path / "seed.html")
    seen = open_page(path)
    page = seen.page
    got = counts(page)
    assert got["nodes"] == expected.number_of_nodes() == got["shownNodes"]
    related = sum(1 for *_, k in expected.edges(keys=True) if k == "RELATED_TO")
    assert got["edges"] == expected.number_of_edges() == got["shownEdges"] + related
    names = set(page.evaluate("docgraph.nodes.get().map(n => n.label)"))
    assert {"Mali", "Niger", "Senegal", "ECOWAS"} <= names
    assert "Country" in page.locator("#labels").inner_text()
    assert "MEMBER_OF" in page.locator("#types").inner_text()
    offline(seen)


def test_a_big_graph_keeps_the_most_central_and_says_so(open_page, tmp_path):
    g = nx.MultiDiGraph()
    hub_edges = nx.barabasi_albert_graph(2000, 2, seed=5).edges()
    for k in range(2000):
        g.add_node(f"country:c{k}", name=f"C{k}", label=LABELS[k % 6], aliases=[], mentions=1)
    for u, v in hub_edges:
        g.add_edge(f"country:c{u}", f"country:c{v}", key="RELATED_TO", type="RELATED_TO")
    seen = open_page(write_view(g, tmp_path / "top.html", max_nodes=500))
    assert counts(seen.page)["nodes"] == 500
    assert "500 most central of 2,000" in seen.page.locator("#note").inner_text()
    offline(seen)
    seen = open_page(write_view(g, tmp_path / "all.html", max_nodes=2000))
    assert counts(seen.page)["shownNodes"] == 2000
    timings = seen.page.evaluate("docgraph.timings")
    assert timings["idle"] < 5_000  # the bench (bench/view_render.py) measures this properly
    offline(seen)


def test_the_notebook_frame_works(browser, sahel, tmp_path):
    frame_html = show(sahel, tmp_path / "nb.html")._repr_html_()
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    try:
        page.set_content(f"<!DOCTYPE html><body>{frame_html}</body>")
        frame = page.frames[1]
        frame.wait_for_function("window.docgraph && window.docgraph.ready", timeout=30_000)
        assert frame.evaluate("docgraph.nodeView.length") == 7
        assert [u for u in requests if not u.startswith(("about:", "data:"))] == []
    finally:
        page.close()


def test_a_script_let_in_by_a_failed_escape_would_not_run(open_page, sahel_view, tmp_path):
    """The CSP allows the page's own scripts by hash only: a script (or an inline handler)
    that an escaping bug let into the page stays inert, and the view still works."""
    page_text = sahel_view.read_text(encoding="utf-8")
    script_src = re.search(r"script-src ([^;\"]*)", page_text).group(1).split()
    assert len(script_src) == 2 and all(s.startswith("'sha256-") for s in script_src)
    assert "base-uri 'none'" in page_text and "form-action 'none'" in page_text
    injected = tmp_path / "injected.html"
    injected.write_text(
        page_text.replace(
            '<div id="stage">',
            "<script>window.__pwned = 1</script>"
            '<svg><set attributeName="x" onbegin="window.__pwned = 2"/></svg>'
            '<form action="https://example.invalid/"><button id="send">send</button></form>'
            '<div id="stage">',
        ),
        encoding="utf-8",
    )
    seen = open_page(injected)
    page = seen.page
    assert counts(page)["nodes"] == 7  # the view's own scripts ran
    page.wait_for_timeout(200)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    page.locator("#send").click(no_wait_after=True)  # form-action 'none': the form goes nowhere
    page.wait_for_timeout(200)
    assert seen.blocked == [] and set(seen.requests) <= {seen.url}
    # the refusals are reported as CSP violations, nothing else failed
    assert seen.errors and all("Content Security Policy" in e for e in seen.errors)


RECORD_TEXT = """() => new Promise(done => {
  const seen = [], proto = CanvasRenderingContext2D.prototype, fill = proto.fillText;
  proto.fillText = function (text) {
    const c = this.canvas, px = parseFloat(/([0-9.]+)px/.exec(this.font)[1]);
    seen.push({text: String(text), color: this.fillStyle,
               px: px * this.getTransform().a / (c.width / c.clientWidth)});
    return fill.apply(this, arguments);
  };
  docgraph.network.redraw();
  requestAnimationFrame(() => setTimeout(() => { proto.fillText = fill; done(seen); }, 0));
})"""


def drawn_text(page) -> list[dict]:
    """Every text the next frame draws on the canvas, with its size in CSS pixels."""
    return page.evaluate(RECORD_TEXT)


def overlapping(labels: list[dict]) -> list[tuple[str, str]]:
    found = []
    for k, a in enumerate(labels):
        for b in labels[k + 1 :]:
            x0, y0, x1, y1 = a["box"]
            u0, v0, u1, v1 = b["box"]
            if x0 < u1 and u0 < x1 and y0 < v1 and v0 < y1:
                found.append((a["text"], b["text"]))
    return found


def crowd(n: int, seed: int = 3) -> nx.MultiDiGraph:
    """``n`` entities with distinct names in one component, typed relationships only."""
    g = nx.MultiDiGraph()
    for u, v in nx.barabasi_albert_graph(n, 2, seed=seed).edges():
        for node in (u, v):
            g.add_node(f"person:p{node}", name=f"Person Number {node}", label="Person")
        g.add_edge(f"person:p{u}", f"person:p{v}", key="MEMBER_OF", type="MEMBER_OF")
    return g


def test_labels_are_dark_readable_and_never_overlap(open_page, sahel_view, tmp_path):
    seen = open_page(sahel_view)
    texts = {t["text"]: t for t in drawn_text(seen.page)}
    names = ["Mali", "France", "G5 Sahel", "Operation Barkhane", "Assimi Goïta", "Bamako", "DDR"]
    for name in names:  # a small view: every name, at 12 px or more, near-black
        assert name in texts and texts[name]["px"] >= 12, (name, texts.get(name))
        assert texts[name]["color"] in ("#111111", "#111"), texts[name]
    offline(seen)
    # 400 entities in one component: many labels, the most central ones, none overlapping
    seen = open_page(write_view(crowd(400), tmp_path / "crowd.html"))
    page = seen.page
    labels = page.evaluate("docgraph.labels")
    assert 25 <= len(labels) < 400 and overlapping(labels) == []
    assert all(t["px"] >= 12 for t in drawn_text(page) if t["text"].startswith("Person"))
    hub = page.evaluate("docgraph.nodes.get().sort((a, b) => b.size - a.size)[0].label")
    assert hub in [label["text"] for label in labels]
    # zoomed in, labels that had no room appear (and still do not overlap)
    page.evaluate("docgraph.network.moveTo({scale: docgraph.network.getScale() * 3})")
    page.wait_for_timeout(100)
    page.evaluate("docgraph.network.redraw()")
    page.wait_for_timeout(100)
    zoomed = page.evaluate("docgraph.labels")
    assert overlapping(zoomed) == [] and {x["text"] for x in zoomed} - {x["text"] for x in labels}
    offline(seen)


def test_co_occurrence_is_off_by_default_under_typed_edges_and_never_takes_their_hover(
    open_page, sahel_view
):
    seen = open_page(sahel_view)
    page = seen.page
    shown = page.evaluate("docgraph.edgeView.get().map(e => e.relType)")
    assert "RELATED_TO" not in shown and len(shown) == 8
    assert not page.locator("#related").is_checked()
    assert page.locator("#relbox").inner_text().strip().endswith("1")  # its count
    page.locator("#related").check()
    assert "RELATED_TO" in page.evaluate("docgraph.edgeView.get().map(e => e.relType)")
    # drawn first (vis-network draws in this order), so under the typed ones
    order = page.evaluate(
        "docgraph.network.body.edgeIndices.map(id => docgraph.edges.get(id).relType)"
    )
    assert order[0] == "RELATED_TO" and order.count("RELATED_TO") == 1
    # Mali and France: RELATED_TO beside DIPLOMATIC_RELATIONS, EXPELLED, DEPLOYED_TROOPS_IN;
    # wherever along the line the pointer is, a typed relationship answers
    picked = page.evaluate(
        """() => { const net = docgraph.network, p = net.getPositions(["country:mali", "country:france"]);
          const out = [];
          for (let t = 0.3; t <= 0.71; t += 0.1) {
            const dom = net.canvasToDOM({x: p["country:mali"].x + t * (p["country:france"].x - p["country:mali"].x),
                                         y: p["country:mali"].y + t * (p["country:france"].y - p["country:mali"].y)});
            const id = net.getEdgeAt(dom); out.push(id === undefined ? null : docgraph.edges.get(id).relType);
          }
          return out; }"""
    )
    assert picked and None not in picked and "RELATED_TO" not in picked
    related = page.evaluate("docgraph.edges.get({filter: e => e.relType === 'RELATED_TO'})[0].id")
    page.locator("#related").uncheck()
    assert page.evaluate(f"docgraph.edgeView.get({related})") is None
    offline(seen)


PIXEL = """([id]) => { const net = docgraph.network, c = net.canvas.frame.canvas;
  const r = c.width / c.clientWidth, p = net.canvasToDOM(net.getPositions([id])[id]);
  return Array.from(c.getContext('2d').getImageData(Math.round(p.x * r), Math.round(p.y * r), 1, 1).data); }"""


def test_hovering_an_entity_highlights_its_neighbours_and_dims_the_rest(open_page, sahel_view):
    seen = open_page(sahel_view)
    page = seen.page
    before = page.evaluate(PIXEL, ["organization:g5-sahel"])
    hover(page, "node", "person:assimi-goita")
    assert sorted(page.evaluate("docgraph.highlight")) == ["country:mali", "person:assimi-goita"]
    page.wait_for_timeout(100)
    after = page.evaluate(PIXEL, ["organization:g5-sahel"])
    mali = page.evaluate(PIXEL, ["country:mali"])
    assert min(after[:3]) > 200 and min(before[:3]) < 200  # G5 Sahel is faded out
    assert mali[:3] == [0x2F, 0x6F, 0xB0]  # Mali, a neighbour, keeps its colour
    labels = [x["text"] for x in page.evaluate("docgraph.labels")]
    assert "Mali" in labels and "G5 Sahel" not in labels
    box = page.locator("#net canvas").bounding_box()
    page.mouse.move(box["x"] + 3, box["y"] + 3)  # away: everything back
    page.wait_for_function("docgraph.highlight.length === 0", timeout=5_000)
    offline(seen)


def test_clicking_an_entity_lists_its_relationships_by_type_with_links(open_page, sahel_view):
    seen = open_page(sahel_view)
    page = seen.page
    point = page.evaluate(
        "(() => docgraph.network.canvasToDOM(docgraph.network.getPositions(['country:mali'])"
        "['country:mali']))()"
    )
    box = page.locator("#net canvas").bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    details = page.locator("#details")
    groups = details.locator(".r-group").all_inner_texts()
    assert "MEMBER_OF (1)" in groups and "LEADER_OF (1)" in groups and len(groups) == 7
    text = details.inner_text()
    assert "“Mali member of G5 Sahel.”" in text and "news-1" in text
    assert "← Assimi Goïta" in text and "→ G5 Sahel" in text
    assert details.locator("summary").inner_text() == "Mentioned together with (1)"
    details.locator("button.go", has_text="G5 Sahel").click()
    page.wait_for_timeout(400)  # the focus animation
    assert page.evaluate("docgraph.network.getSelectedNodes()") == ["organization:g5-sahel"]
    assert details.locator(".t-head").first.inner_text() == "G5 Sahel"
    assert "← Mali" in details.inner_text()
    offline(seen)


def test_the_focus_entity_is_marked_and_centred(open_page, sahel, tmp_path):
    seen = open_page(write_view(sahel, tmp_path / "f.html", focus="Bamako", depth=2))
    page = seen.page
    where = page.evaluate(
        """() => { const net = docgraph.network, c = net.canvas.frame.canvas;
          const p = net.canvasToDOM(net.getPositions(["location:bamako"])["location:bamako"]);
          return [p.x / c.clientWidth, p.y / c.clientHeight]; }"""
    )
    assert abs(where[0] - 0.5) < 0.02 and abs(where[1] - 0.5) < 0.02
    bamako = next(t for t in drawn_text(page) if t["text"] == "Bamako")
    assert bamako["px"] >= 15
    ring = page.evaluate(
        """() => { const net = docgraph.network, c = net.canvas.frame.canvas, r = c.width / c.clientWidth;
          const n = net.body.nodes["location:bamako"], p = net.canvasToDOM({x: n.x + n.shape.options.size + 7, y: n.y});
          return Array.from(c.getContext('2d').getImageData(Math.round(p.x * r), Math.round(p.y * r), 1, 1).data); }"""
    )
    assert max(ring[:3]) < 90  # the dark ring around it
    offline(seen)


def test_save_as_png(open_page, sahel_view):
    seen = open_page(sahel_view)
    page = seen.page
    with page.expect_download() as download:
        page.locator("#png").click()
    saved = download.value
    assert saved.suggested_filename == "Sahel.png"
    data = Path(saved.path()).read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 5_000
    assert page.evaluate("docgraph.png").startswith("data:image/png;base64,")
    seen.requests = [u for u in seen.requests if not u.startswith("data:")]
    offline(seen)


def communities_graph(groups: int = 6, size: int = 20) -> nx.MultiDiGraph:
    """``groups`` tight groups of ``size`` entities, each joined to the next by one edge."""
    g = nx.MultiDiGraph()
    for k in range(groups):
        ids = [f"person:g{k}-{m}" for m in range(size)]
        for m, node in enumerate(ids):
            g.add_node(node, name=f"G{k} member {m}", label="Person", mentions=size - m)
        for m in range(1, size):
            for other in (ids[m - 1], ids[0]):
                if other != ids[m]:
                    g.add_edge(ids[m], other, key="MEMBER_OF", type="MEMBER_OF")
        if k:
            g.add_edge(ids[0], f"person:g{k - 1}-0", key="LEADER_OF", type="LEADER_OF")
    return g


def test_communities_open_as_clusters_that_expand_on_click(open_page, tmp_path):
    seen = open_page(write_view(communities_graph(), tmp_path / "c.html", clusters=True))
    page = seen.page
    assert page.evaluate("docgraph.clusters") == 6
    assert page.evaluate("docgraph.network.body.nodeIndices.length") == 6
    drawn = [x["text"] for x in page.evaluate("docgraph.labels")]
    assert len(drawn) == 6 and all(t.endswith("+19") for t in drawn)  # "G0 member 0 +19"
    cluster = page.evaluate("docgraph.network.body.nodeIndices[0]")
    point = page.evaluate(
        f"(() => docgraph.network.canvasToDOM(docgraph.network.getPositions(['{cluster}'])"
        f"['{cluster}']))()"
    )
    box = page.locator("#net canvas").bounding_box()
    page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
    page.wait_for_selector("#tip", state="visible", timeout=5_000)
    assert "community (Louvain) of 20 entities" in page.locator("#tip").inner_text()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    assert page.evaluate("docgraph.clusters") == 5
    assert page.evaluate("docgraph.network.body.nodeIndices.length") == 5 + 20
    spread = page.evaluate(
        """() => { const ids = docgraph.network.body.nodeIndices.filter(id => !id.startsWith("cluster:"));
          const p = Object.values(docgraph.network.getPositions(ids));
          return new Set(p.map(q => Math.round(q.x) + "," + Math.round(q.y))).size; }"""
    )
    assert spread == 20  # the members are laid out again, not piled on the cluster's spot
    assert page.locator("#regroup").is_visible()
    # filters keep the other groups closed; search opens the group of what it finds
    person = page.locator("#labels label", has_text="Person").locator("input")
    person.uncheck()
    person.check()
    assert page.evaluate("docgraph.clusters") == 5
    page.fill("#search", "G3 member 7")
    page.wait_for_timeout(400)
    assert "person:g3-7" in page.evaluate("docgraph.network.body.nodeIndices")
    page.locator("#regroup").click()
    assert page.evaluate("docgraph.clusters") == 6
    offline(seen)
