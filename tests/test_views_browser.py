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


def test_the_seed_view(open_page, seed_dir, tmp_path):
    import docgraph

    with docgraph.build([seed_dir], store=tmp_path / "store") as graph:
        expected = graph.to_networkx()
        path = graph.view(tmp_path / "seed.html")
    seen = open_page(path)
    page = seen.page
    got = counts(page)
    assert got["nodes"] == expected.number_of_nodes() == got["shownNodes"]
    related = sum(1 for *_, k in expected.edges(keys=True) if k == "RELATED_TO")
    assert got["edges"] == expected.number_of_edges() == got["shownEdges"] + related
    names = set(page.evaluate("docgraph.nodes.get().map(n => n.label)"))
    assert {"Mali", "G5 Sahel", "Operation Barkhane"} <= names
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
    seen = open_page(write_view(g, tmp_path / "top.html"))
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
