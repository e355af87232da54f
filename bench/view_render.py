"""How fast big HTML views are written (Python) and open (headless Chromium).

    .venv/bin/python bench/view_render.py [--sizes 2000,20000] [--chromium /usr/bin/chromium]

For each size it builds a synthetic graph shaped like docgraph's (a MultiDiGraph keyed by
entity id, labels, aliases, typed relationships with dates and evidence sentences; one big
community-structured component plus many small ones), writes the view with every node
(``max_nodes`` = size) and opens it in headless Chromium with every request but the file's
own blocked. It prints:

- python: seconds to compute the view and write the file, and the file's size;
- open: milliseconds from navigation start to the first frame of the graph on screen;
- interactive: milliseconds from navigation start until the page answers input (the first
  task that runs after that first frame);
- pan / filter: milliseconds to redraw after moving the view, and to apply a label filter
  and redraw, measured after load (what a user feels while exploring).

Targets (issues 6 and 13): a 2,000-node view interactive in under 2 s, 20,000 nodes open in
5 s. Above 2,000 entities the view opens with its communities collapsed into cluster nodes,
so the 20,000-node figures include clustering; its "filter" re-clusters after the change.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from docgraph.views import write_view  # noqa: E402

LABELS = ["Country", "Organization", "Person", "Location", "Event", "Program"]
TYPES = [
    "DIPLOMATIC_RELATIONS",
    "MEMBER_OF",
    "LEADER_OF",
    "FUNDED",
    "DEPLOYED_TROOPS_IN",
    "PARTICIPATED_IN",
    "LOCATED_IN",
    "RELATED_TO",
    "RELATED_TO",
    "RELATED_TO",
]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def synthetic_graph(n: int, seed: int = 1) -> nx.MultiDiGraph:
    """~2 relationships per entity: communities joined into one component, plus islands."""
    rnd = random.Random(seed)
    g = nx.MultiDiGraph()
    ids = []
    for k in range(n):
        label = rnd.choice(LABELS)
        eid = f"{label.lower()}:entity-{k}"
        ids.append(eid)
        g.add_node(
            eid,
            name=f"{label} {k}",
            label=label,
            aliases=[f"E{k}"] if k % 3 == 0 else [],
            documents=[f"doc-{k % 97}"],
            mentions=1 + k % 7,
        )

    def relate(u: str, v: str) -> None:
        rel = rnd.choice(TYPES)
        year = rnd.randint(1960, 2024) if rnd.random() < 0.4 else None
        evidence = [
            {
                "document": f"doc-{rnd.randrange(97)}",
                "sentence": f"{g.nodes[u]['name']} and {g.nodes[v]['name']} are mentioned "
                "together in this fairly ordinary sentence of about twenty words, as in news.",
                "start": 0,
                "end": 120,
                "method": "cooccurrence" if rel == "RELATED_TO" else "rule",
                "confidence": 0.5,
            }
            for _ in range(rnd.choice([1, 1, 2, 3]))
        ]
        props = {"since": str(year)} if year else {}
        g.add_edge(u, v, key=rel, type=rel, evidence=evidence, confidence=0.5, **props)

    core = int(n * 0.85)  # one big component made of communities
    start = 0
    communities = []
    while start < core:
        size = min(core - start, max(5, int(rnd.paretovariate(1.3) * 12)))
        communities.append(ids[start : start + size])
        start += size
    for members in communities:
        for k, v in enumerate(members[1:], 1):
            for u in rnd.sample(members[:k], min(k, 2 if rnd.random() < 0.3 else 1)):
                relate(u, v)
    for members in communities[1:]:
        other = rnd.choice(communities[: communities.index(members)])
        relate(rnd.choice(members), rnd.choice(other))
    k = core
    while k < n:  # islands of 1 to 6 entities
        size = min(n - k, rnd.randint(1, 6))
        island = ids[k : k + size]
        for idx, v in enumerate(island[1:], 1):
            relate(rnd.choice(island[:idx]), v)
        k += size
    return g


MEASURE = """async () => {
  const d = window.docgraph, t = d.timings, net = d.network;
  const frame = () => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  let s = performance.now();
  net.moveTo({position: {x: 40, y: 40}, scale: net.getScale() * 1.3});
  net.redraw(); await frame();
  const pan = performance.now() - s;
  const box = document.querySelector('#labels input');
  s = performance.now();
  box.click(); await frame();
  const filter = performance.now() - s;
  box.click(); await frame();
  return {open: t.firstDraw, interactive: t.idle, pan, filter,
          nodes: d.nodeView.length, edges: d.edgeView.length};
}"""


def _only(url: str, blocked: list[str]):
    """A route handler that lets the file itself through and records and aborts the rest."""

    def handle(route) -> None:
        if route.request.url == url:
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    return handle


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="2000,20000")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--keep", help="write the views into this folder")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    folder = Path(args.keep or tempfile.mkdtemp(prefix="docgraph-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(
        f"{'nodes':>7} {'edges':>7} {'python s':>9} {'MB':>6} {'open ms':>8} "
        f"{'interactive ms':>15} {'pan ms':>7} {'filter ms':>10}"
    )
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
        for n in (int(s) for s in args.sizes.split(",")):
            graph = synthetic_graph(n)
            out = folder / f"view-{n}.html"
            started = time.perf_counter()
            write_view(graph, out, max_nodes=n, title=f"{n} entities")
            python_s = time.perf_counter() - started
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            url = out.resolve().as_uri()
            blocked: list[str] = []
            errors: list[str] = []
            page.on("console", lambda m, e=errors: m.type == "error" and e.append(m.text))
            page.on("pageerror", lambda x, e=errors: e.append(str(x)))
            page.route("**/*", _only(url, blocked))
            page.goto(url, timeout=120_000)
            page.wait_for_function("window.docgraph && window.docgraph.ready", timeout=120_000)
            m = page.evaluate(MEASURE)
            page.close()
            print(
                f"{m['nodes']:>7} {m['edges']:>7} {python_s:>9.2f} "
                f"{out.stat().st_size / 1e6:>6.1f} {m['open']:>8.0f} {m['interactive']:>15.0f} "
                f"{m['pan']:>7.0f} {m['filter']:>10.0f}"
                + (f"  blocked requests: {blocked}" if blocked else "")
                + (f"  errors: {errors}" if errors else "")
            )
        browser.close()


if __name__ == "__main__":
    main()
