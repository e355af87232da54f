"""How fast docgraph loads a graph into a real Neo4j, against a ceiling and the naive way.

    .venv/bin/python bench/neo4j_load.py [--quick] [--entities N] [--relations N]
        [--batch-sizes 500,1000,2000,5000,10000] [--compare-python PATH] [--rounds R]

It starts a private Neo4j 5.26 (tests/neo4j_server.py, run dir ``/tmp/bench-neo4j-run``
unless NEO4J_TEST_SERVER_RUNDIR is set, data in ``<run dir>/bench-data``, fresh each run and
removed at the end: a full run writes about 5 GB of transaction logs), builds a synthetic graph shaped like docgraph's
output (entities over the 6 labels, a few hundred Country hubs, documents, MENTIONED_IN
edges, typed relationships with the properties the rules set and evidence as parallel
lists exactly as ``Relation.to_row()`` writes them), and on an emptied database measures:

- docgraph: ``Neo4jStore.apply(diff_graphs(GraphData(), graph))`` (diff included);
- ceiling: the same nodes and relationships written by hand in ONE transaction, one
  ``UNWIND $rows AS r CREATE ...`` per label / type (no MERGE); also (b2) the same
  statements in transactions of ``--ceiling-batch`` rows;
- naive: one auto-commit ``MERGE`` statement per relationship (ends merged by id), on a
  sample of ``--naive-sample`` relationships, extrapolated as a rate;
- idempotency: a second docgraph load (``read_graph`` → ``diff_graphs`` → ``apply``), which
  must write nothing;
- the batch size: docgraph's loader with ``store.batch_size`` = each of ``--batch-sizes``;
- with ``--compare-python PATH`` (another interpreter, e.g. a copy of the venv with or
  without ``neo4j-rust-ext``): docgraph's loader and ``read_graph`` in a child process of
  each interpreter, alternated; the gain is reported when exactly one has the extension.

Rates are relationships per second of the whole load: (typed + MENTIONED_IN relationships)
÷ seconds from the start of the load (nodes included) to its commit; the naive rate is
relationships ÷ seconds. Targets: docgraph ≥ 0.7× the ceiling and ≥ 20× naive.
The database is emptied between runs with ``CALL { MATCH (n) DETACH DELETE n } IN
TRANSACTIONS``; warm-up loads of a graph a fifth of the size (server JIT, heap, page cache)
run first. The server gets a 3 GB heap (NEO4J_TEST_SERVER_HEAP): the one-transaction
ceiling does not fit in 1 GB. On 2 cores the full run takes about 7-9 minutes with
``--compare-python`` (``--rounds 2``: 12-17), ``--quick`` about 2.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
os.environ.setdefault("NEO4J_TEST_SERVER_RUNDIR", "/tmp/bench-neo4j-run")
# the ceiling commits every node and relationship in one transaction: it needs the heap
os.environ.setdefault("NEO4J_TEST_SERVER_HEAP", "3g")
os.environ.setdefault("NEO4J_TEST_SERVER_PAGE_CACHE", "1g")

from docgraph.graph.diff import diff_graphs  # noqa: E402
from docgraph.graph.model import (  # noqa: E402
    Document,
    Entity,
    Evidence,
    GraphData,
    Relation,
)
from docgraph.graph.stores.base import diff_statements  # noqa: E402
from docgraph.graph.stores.neo4j_store import CONSTRAINTS, Neo4jStore  # noqa: E402

LABELS = ("Country", "Organization", "Person", "Location", "Event", "Program")
#: label shares after the Country hubs (at most 250 countries, as in the real world)
LABEL_SHARES = {"Organization": 30, "Person": 30, "Location": 25, "Event": 10, "Program": 5}

C, O, P, L, E, G = LABELS  # noqa: E741
#: type → (share %, source labels, target labels)
TYPES: dict[str, tuple[int, tuple[str, ...], tuple[str, ...]]] = {
    "RELATED_TO": (40, LABELS, LABELS),
    "DIPLOMATIC_RELATIONS": (3, (C,), (C,)),
    "MEMBER_OF": (10, (C, O), (O,)),
    "LEADER_OF": (5, (P,), (C, O)),
    "AMBASSADOR_OF": (2, (P,), (C,)),
    "AMBASSADOR_TO": (2, (P,), (C,)),
    "FUNDED": (6, (C, O), (C, O, G)),
    "DEPLOYED_TROOPS_IN": (3, (C, O), (C, L)),
    "EXPELLED": (1, (C,), (P, O, C)),
    "CONDUCTED": (4, (C, O), (E,)),
    "PARTICIPATED_IN": (6, (C, O, P), (E,)),
    "IMPLEMENTED": (4, (C, O), (G,)),
    "PART_OF": (5, (L, O), (L, O, C)),
    "LOCATED_IN": (6, (L, E), (L, C)),
    "CITIZEN_OF": (3, (P,), (C,)),
}
WORDS = (
    "the government signed agreement with regional security council during visit "
    "of minister after talks on trade aid troops border mission partnership "
    "relations were established following independence and renewed cooperation"
).split()


# --- the synthetic graph --------------------------------------------------------------


def _date(rnd: random.Random) -> str:
    return f"{rnd.randint(1960, 2024)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"


def _props(rel_type: str, rnd: random.Random) -> dict[str, Any]:
    """The properties docgraph's rules set for each type (see loaders/relations.py)."""
    if rel_type == "DIPLOMATIC_RELATIONS":
        props: dict[str, Any] = {"since": _date(rnd)} if rnd.random() < 0.6 else {}
        if rnd.random() < 0.1:
            props["status"] = "strategic partner"
        return props
    if rel_type == "MEMBER_OF":
        return {"status": rnd.choice(["current", "current", "current", "former"])}
    if rel_type == "LEADER_OF":
        return {"title": rnd.choice(["President", "Prime Minister", "Secretary-General", "King"])}
    if rel_type in ("AMBASSADOR_OF", "AMBASSADOR_TO", "CONDUCTED", "IMPLEMENTED"):
        return {"since": _date(rnd)} if rnd.random() < 0.5 else {}
    if rel_type == "FUNDED":
        props = {"kind": rnd.choice(["aid", "grant", "loan", "pledge", "military aid"])}
        if rnd.random() < 0.7:
            props.update(amount=float(rnd.randint(1, 900) * 10**6), currency="USD")
        if rnd.random() < 0.5:
            props["date"] = _date(rnd)
        return props
    if rel_type == "DEPLOYED_TROOPS_IN":
        props = {"troops": rnd.randint(50, 5000)} if rnd.random() < 0.6 else {}
        if rnd.random() < 0.5:
            props["since"] = _date(rnd)
        return props
    if rel_type == "EXPELLED":
        return {"year": str(rnd.randint(1960, 2024))} if rnd.random() < 0.5 else {}
    return {}


def synthetic_graph(n_entities: int, n_relations: int, seed: int = 7) -> GraphData:
    """A graph shaped like docgraph's output: hubs, evidence lists, mentions, documents."""
    rnd = random.Random(seed)
    graph = GraphData()
    n_docs = max(20, n_entities // 40)
    for k in range(n_docs):
        doc = Document(
            f"doc-{k:05d}",
            f"corpus/doc-{k:05d}.txt",
            "",
            format(rnd.getrandbits(256), "064x"),
            rnd.randint(2_000, 60_000),
        )
        graph.documents[doc.id] = doc
    doc_ids = list(graph.documents)

    by_label: dict[str, list[str]] = defaultdict(list)
    n_countries = min(250, max(10, n_entities // 50))
    labels = [C] * n_countries
    rest = n_entities - n_countries
    total = sum(LABEL_SHARES.values())
    for label, share in LABEL_SHARES.items():
        labels += [label] * (rest * share // total)
    labels += [O] * (n_entities - len(labels))
    for k, label in enumerate(labels):
        name = f"{label} {rnd.choice(WORDS).title()} {k}"
        aliases = {f"{name} ({a})" for a in rnd.sample(WORDS, rnd.choice([0, 0, 1, 2]))}
        props = {"iso2": f"{chr(65 + k % 26)}{chr(65 + k // 26 % 26)}"} if label == C else {}
        ent = Entity(f"{label.lower()}:entity-{k}", name, label, aliases | {name}, props)
        for doc in rnd.sample(doc_ids, rnd.choice([1, 1, 1, 2, 2, 3])):
            ent.mentions[doc] = rnd.randint(1, 6)
        graph.entities[ent.id] = ent
        by_label[label].append(ent.id)

    # a skewed choice: the first entities of each label are hubs (Pareto-like degrees)
    def pick(label_set: tuple[str, ...]) -> str:
        ids = by_label[rnd.choice(label_set)]
        return ids[min(len(ids) - 1, int(len(ids) * rnd.random() ** 2.5))]

    sentences = [
        " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(12, 45))).capitalize() + "."
        for _ in range(4_000)
    ]
    type_names = list(TYPES)
    weights = [TYPES[t][0] for t in type_names]
    attempts = 0
    while len(graph.relations) < n_relations and attempts < n_relations * 20:
        attempts += 1
        rel_type = rnd.choices(type_names, weights)[0]
        _, sources, targets = TYPES[rel_type]
        a, b = pick(sources), pick(targets)
        if a == b:
            continue
        related = rel_type == "RELATED_TO"
        method = "cooccurrence" if related else f"rule:generic:{rel_type}"
        confidence = 0.3 if related else rnd.choice([0.6, 0.7, 0.8, 0.9])
        evidence = []
        for _ in range(rnd.choices([1, 2, 3, 4], [55, 25, 12, 8])[0]):
            sentence = rnd.choice(sentences)
            start = rnd.randint(0, 50_000)
            evidence.append(
                Evidence(
                    rnd.choice(doc_ids), start, start + len(sentence), sentence, method, confidence
                )
            )
        rel = Relation(a, rel_type, b, _props(rel_type, rnd), sorted(set(evidence)))
        if rel.key not in graph.relations:
            graph.relations[rel.key] = rel
    return graph


def graph_counts(graph: GraphData) -> dict[str, int]:
    return {
        "documents": len(graph.documents),
        "entities": len(graph.entities),
        "relations": len(graph.relations),
        "mentions": sum(len(e.mentions) for e in graph.entities.values()),
    }


# --- the server and plain-driver helpers ------------------------------------------------


class Server:
    def __init__(self, uri: str, user: str, password: str) -> None:
        import neo4j

        self.uri, self.user, self.password = uri, user, password
        self.driver = neo4j.GraphDatabase.driver(
            uri, auth=(user, password), notifications_min_severity="OFF"
        )
        self.driver.verify_connectivity()

    def run(self, cypher: str, **params: Any) -> list[dict[str, Any]]:
        with self.driver.session() as session:
            return [r.data() for r in session.run(cypher, params)]

    def clear(self) -> None:
        """Empty the database (constraints stay, as after docgraph's first load)."""
        with self.driver.session() as session:
            session.run(
                "CALL { MATCH (n) DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
            ).consume()
        for stmt in CONSTRAINTS:
            self.run(stmt)
        self.run("CALL db.awaitIndexes(300)")

    def counts(self) -> tuple[int, int]:
        nodes = self.run("MATCH (n) RETURN count(n) AS n")[0]["n"]
        rels = self.run("MATCH ()-[r]->() RETURN count(r) AS n")[0]["n"]
        return nodes, rels

    def store(self, batch_size: int | None = None) -> Neo4jStore:
        store = Neo4jStore(self.uri, username=self.user, password=self.password)
        if batch_size:
            store.batch_size = batch_size
        return store

    def close(self) -> None:
        self.driver.close()


def load_docgraph(server: Server, graph: GraphData, batch_size: int | None = None) -> dict:
    store = server.store(batch_size)
    try:
        started = time.perf_counter()
        diff = diff_graphs(GraphData(), graph)
        summary = store.apply(diff)
        seconds = time.perf_counter() - started
    finally:
        store.close()
    return {"seconds": seconds, "counts": summary.counts, "batch_size": batch_size}


def _ceiling_statements(graph: GraphData) -> list[tuple[str, list[dict[str, Any]]]]:
    """Plain CREATE statements and their rows: documents, entities, mentions, relations."""
    stmts: list[tuple[str, list[dict[str, Any]]]] = [
        (
            "UNWIND $rows AS r CREATE (d:Document) SET d = r",
            [
                {"id": d.id, "source": d.source, "chars": d.chars, "sha256": d.sha256}
                for d in graph.documents.values()
            ],
        )
    ]
    nodes: dict[str, list[dict[str, Any]]] = defaultdict(list)
    mentions = []
    for entity in graph.entities.values():
        nodes[entity.label].append(entity.to_row())
        mentions += [
            {"entity": entity.id, "document": d, "count": c} for d, c in entity.mentions.items()
        ]
    for label, rows in sorted(nodes.items()):
        stmts.append((f"UNWIND $rows AS r CREATE (n:Entity:`{label}`) SET n = r", rows))
    stmts.append(
        (
            "UNWIND $rows AS r MATCH (n:Entity {id: r.entity}) MATCH (d:Document {id: r.document}) "
            "CREATE (n)-[:MENTIONED_IN {count: r.count}]->(d)",
            mentions,
        )
    )
    rels: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for rel in graph.relations.values():
        rels[rel.type].append({"source": rel.source, "target": rel.target, "props": rel.to_row()})
    for rel_type, rows in sorted(rels.items()):
        stmts.append(
            (
                "UNWIND $rows AS r MATCH (a:Entity {id: r.source}) MATCH (b:Entity {id: r.target}) "
                f"CREATE (a)-[e:`{rel_type}`]->(b) SET e = r.props",
                rows,
            )
        )
    return stmts


def load_ceiling(server: Server, graph: GraphData) -> dict:
    """Everything in ONE transaction, one UNWIND … CREATE per label / type (rows built inside
    the timing, as docgraph's are)."""
    started = time.perf_counter()
    stmts = _ceiling_statements(graph)
    with server.driver.session() as session, session.begin_transaction() as tx:
        for cypher, rows in stmts:
            tx.run(cypher, rows=rows).consume()
        tx.commit()
    return {"seconds": time.perf_counter() - started}


def load_ceiling_batched(server: Server, graph: GraphData, batch: int) -> dict:
    """The same CREATE statements, a transaction per ``batch`` rows."""
    started = time.perf_counter()
    with server.driver.session() as session:
        for cypher, rows in _ceiling_statements(graph):
            for i in range(0, len(rows), batch):
                chunk = rows[i : i + batch]
                session.execute_write(lambda tx, c=cypher, r=chunk: tx.run(c, rows=r).consume())
    return {"seconds": time.perf_counter() - started}


def load_naive(server: Server, graph: GraphData, sample: int, seed: int = 3) -> dict:
    """One auto-commit MERGE statement per relationship, ends merged by id."""
    rnd = random.Random(seed)
    rels = rnd.sample(list(graph.relations.values()), min(sample, len(graph.relations)))
    entities = graph.entities
    started = time.perf_counter()
    with server.driver.session() as session:
        for rel in rels:
            session.run(
                "MERGE (a:Entity {id: $a.id}) ON CREATE SET a += $a "
                "MERGE (b:Entity {id: $b.id}) ON CREATE SET b += $b "
                f"MERGE (a)-[e:`{rel.type}`]->(b) SET e = $props",
                a=entities[rel.source].to_row(),
                b=entities[rel.target].to_row(),
                props=rel.to_row(),
            ).consume()
    return {"seconds": time.perf_counter() - started, "relations": len(rels)}


def second_run(server: Server, graph: GraphData) -> dict:
    """docgraph's loader again on the same data: read back, diff, apply (must write 0)."""
    store = server.store()
    try:
        started = time.perf_counter()
        existing = store.read_graph()
        read_s = time.perf_counter() - started
        diff = diff_graphs(existing, graph)
        summary = store.apply(diff)
        seconds = time.perf_counter() - started
    finally:
        store.close()
    changed = {k: v for k, v in diff.counts().items() if v}
    sample = []
    for rel in diff.relations[:2]:
        old = existing.relations.get(rel.key)
        new_row, old_row = rel.to_row(), (old.to_row() if old else None)
        keys = sorted(k for k in new_row if old_row is None or old_row.get(k) != new_row[k])
        sample.append(f"{rel.key}: {keys}")
    return {
        "seconds": seconds,
        "read_seconds": read_s,
        "diff": changed,
        "writes": {k: v for k, v in summary.counts.items() if v},
        "rows": summary.rows,
        "sample": sample,
    }


# --- child mode (for the with/without neo4j-rust-ext comparison) ------------------------


def _rust_ext() -> str:
    try:
        from importlib.metadata import version

        return version("neo4j-rust-ext")
    except Exception:
        return ""


def child(args: argparse.Namespace) -> None:
    server = Server(
        os.environ["BENCH_NEO4J_URI"],
        os.environ["BENCH_NEO4J_USER"],
        os.environ["BENCH_NEO4J_PASSWORD"],
    )
    graph = synthetic_graph(args.entities, args.relations, args.seed)
    server.clear()
    result = load_docgraph(server, graph, args.batch_size)
    store = server.store()
    try:
        started = time.perf_counter()
        store.read_graph()
        result["read_seconds"] = time.perf_counter() - started
    finally:
        store.close()
    result["rust_ext"] = _rust_ext()
    result["python"] = sys.executable
    server.close()
    print("BENCH-RESULT " + json.dumps(result))


def run_child(python: str, server: Server, args: argparse.Namespace) -> dict:
    env = {
        **os.environ,
        "BENCH_NEO4J_URI": server.uri,
        "BENCH_NEO4J_USER": server.user,
        "BENCH_NEO4J_PASSWORD": server.password,
    }
    cmd = [python, str(Path(__file__).resolve()), "--child", "--seed", str(args.seed)]
    cmd += ["--entities", str(args.entities), "--relations", str(args.relations)]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=1800)
    for line in proc.stdout.splitlines():
        if line.startswith("BENCH-RESULT "):
            return json.loads(line[len("BENCH-RESULT ") :])
    raise RuntimeError(f"child {python} failed:\n{proc.stdout[-2000:]}{proc.stderr[-4000:]}")


# --- main ------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entities", type=int, default=50_000)
    parser.add_argument("--relations", type=int, default=200_000)
    parser.add_argument("--quick", action="store_true", help="10k entities, 40k relationships")
    parser.add_argument("--naive-sample", type=int, default=2_000)
    parser.add_argument(
        "--batch-sizes",
        default="500,1000,2000,5000,10000",
        help="docgraph loader batch sizes (the default size is always run)",
    )
    parser.add_argument(
        "--ceiling-batch", type=int, default=10_000, help="rows per transaction of (b2)"
    )
    parser.add_argument(
        "--compare-python",
        help="another interpreter (e.g. a venv copy with/without neo4j-rust-ext): docgraph's "
        "loader then runs in a child process of each interpreter, alternated",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="repeat every measured load (the sweep in alternating order); the best counts",
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep-server", action="store_true", help="do not stop the server")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--batch-size", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.quick:
        args.entities, args.relations = 10_000, 40_000
    if args.child:
        child(args)
        return

    import neo4j
    import neo4j_server

    bench_started = time.perf_counter()
    default_batch = Neo4jStore.batch_size
    print(
        f"python {sys.version.split()[0]}, neo4j driver {neo4j.__version__}, "
        f"neo4j-rust-ext: {_rust_ext() or 'not installed'}, {os.cpu_count()} cores, "
        f"load average {os.getloadavg()[0]:.1f}; server heap "
        f"{os.environ['NEO4J_TEST_SERVER_HEAP']}, page cache "
        f"{os.environ['NEO4J_TEST_SERVER_PAGE_CACHE']}"
    )
    # a data directory of the benchmark's own, fresh each run: a full run leaves gigabytes
    # of transaction logs (Neo4j keeps them), removed again at the end
    data_dir = neo4j_server.run_dir() / "bench-data"
    running = neo4j_server.info()
    if (running is None or Path(running.data) != data_dir.resolve()) and data_dir.exists():
        shutil.rmtree(data_dir)
    started = time.perf_counter()
    info = neo4j_server.start(data_dir=data_dir)
    print(
        f"neo4j server: {info.uri} (data {data_dir}) ready in {time.perf_counter() - started:.1f} s"
    )
    server = Server(info.uri, info.user, info.password)
    try:
        started = time.perf_counter()
        graph = synthetic_graph(args.entities, args.relations, args.seed)
        n = graph_counts(graph)
        total_rels = n["relations"] + n["mentions"]
        types = {rel.type for rel in graph.relations.values()}
        evidence = sum(len(r.evidence) for r in graph.relations.values())
        print(
            f"graph: {n['entities']:,} entities, {n['documents']:,} documents, "
            f"{n['relations']:,} typed relationships ({len(types)} types, "
            f"{evidence / n['relations']:.2f} evidence each) + {n['mentions']:,} MENTIONED_IN "
            f"= {total_rels:,} relationships; built in {time.perf_counter() - started:.1f} s"
        )
        started = time.perf_counter()
        stmts = list(diff_statements(diff_graphs(GraphData(), graph)))
        print(
            "docgraph's Python side alone (diff_graphs + diff_statements, no I/O): "
            f"{time.perf_counter() - started:.2f} s for {sum(len(s.rows) for s in stmts):,} rows"
        )

        # warm-up: the server's JIT, heap (it grows from 256 MB) and page cache, on a graph a
        # fifth of the size; with less, the first measured load ran up to 1.5x slower
        started = time.perf_counter()
        small = synthetic_graph(max(1000, args.entities // 5), max(4000, args.relations // 5), 99)
        for load in (
            lambda: load_docgraph(server, small),
            lambda: load_ceiling(server, small),
            lambda: load_ceiling_batched(server, small, args.ceiling_batch),
            lambda: load_naive(server, small, 100),
        ):
            server.clear()
            load()
        print(f"warm-up done in {time.perf_counter() - started:.1f} s")

        sizes = [int(x) for x in args.batch_sizes.split(",") if x.strip()]
        if default_batch not in sizes:
            sizes.append(default_batch)
        runs: dict[str, list[float]] = defaultdict(list)
        expected: tuple[int, int] | None = None
        second: dict | None = None
        for round_no in range(max(1, args.rounds)):
            for size in sizes if round_no % 2 == 0 else list(reversed(sizes)):
                server.clear()
                r = load_docgraph(server, graph, size)
                runs[f"docgraph-{size}"].append(r["seconds"])
                counts = server.counts()
                assert counts[1] == total_rels, (counts, total_rels)
                expected = counts
                if size == default_batch and second is None:
                    written = r["counts"]
                    second = second_run(server, graph)
            server.clear()
            runs["ceiling"].append(load_ceiling(server, graph)["seconds"])
            assert server.counts() == expected, (server.counts(), expected)
            server.clear()
            runs["ceiling-batched"].append(
                load_ceiling_batched(server, graph, args.ceiling_batch)["seconds"]
            )
            assert server.counts() == expected, (server.counts(), expected)
        server.clear()
        naive = load_naive(server, graph, args.naive_sample)

        best = {k: min(v) for k, v in runs.items()}
        rates = {k: total_rels / v for k, v in best.items()}
        ceiling = rates["ceiling"]
        naive_rate = naive["relations"] / naive["seconds"]
        dg_rate = rates[f"docgraph-{default_batch}"]

        def row(name: str, seconds: float, rels_per_s: float, all_s: list[float] | None) -> None:
            tries = ", ".join(f"{x:.1f}" for x in all_s) if all_s and len(all_s) > 1 else ""
            print(
                f"{name:<46} {seconds:>8.1f} {rels_per_s:>10,.0f} "
                f"{rels_per_s / ceiling:>9.2f}x {rels_per_s / naive_rate:>8.0f}x  {tries}"
            )

        print(
            f"\n{'load (' + format(total_rels, ',') + ' relationships)':<46} {'seconds':>8} "
            f"{'rels/s':>10} {'/ceiling':>10} {'/naive':>9}"
        )
        row(
            f"(a) docgraph Neo4jStore.apply, batch {default_batch}",
            best[f"docgraph-{default_batch}"],
            dg_rate,
            runs[f"docgraph-{default_batch}"],
        )
        row(
            "(b) ceiling: 1 transaction, UNWIND … CREATE", best["ceiling"], ceiling, runs["ceiling"]
        )
        row(
            f"(b2) UNWIND … CREATE, {args.ceiling_batch:,} rows per tx",
            best["ceiling-batched"],
            rates["ceiling-batched"],
            runs["ceiling-batched"],
        )
        row(
            f"(c) naive: 1 MERGE per rel ({naive['relations']:,} sampled)",
            naive["seconds"],
            naive_rate,
            None,
        )
        print(f"    docgraph write counters: { {k: v for k, v in written.items() if v} }")
        assert second is not None
        total_writes = sum(second["writes"].values())
        print(
            f"second docgraph run on the same data (read_graph → diff_graphs → apply): diff "
            f"{second['diff'] or 'empty'}, writes {second['writes'] or 0}, "
            f"{second['seconds']:.1f} s (read_graph {second['read_seconds']:.1f} s)"
            + (f"; e.g. {second['sample']}" if second["sample"] else "")
        )

        print(f"\n{'batch_size':>10} {'seconds':>8} {'rels/s':>10} {'/ceiling':>10}  all runs")
        for size in sorted(sizes):
            key = f"docgraph-{size}"
            print(
                f"{size:>10} {best[key]:>8.1f} {rates[key]:>10,.0f} {rates[key] / ceiling:>9.2f}x  "
                + ", ".join(f"{x:.1f}" for x in runs[key])
            )
        best_size = max(sizes, key=lambda s: rates[f"docgraph-{s}"])

        rust_line = ""
        if args.compare_python:
            print(f"\ndocgraph loader (batch {default_batch}) in child processes:")
            print(
                f"{'interpreter':<40} {'rust-ext':>9} {'load s':>7} {'rels/s':>9} "
                f"{'read_graph s':>12}"
            )
            load_s: dict[str, float] = {}
            read_s: dict[str, float] = {}
            for round_no in range(max(1, args.rounds)):
                order = [sys.executable, args.compare_python]
                for python in order if round_no % 2 == 0 else order[::-1]:
                    r = run_child(python, server, args)
                    key = r["rust_ext"] or "-"
                    load_s[key] = min(load_s.get(key, float("inf")), r["seconds"])
                    read_s[key] = min(read_s.get(key, float("inf")), r["read_seconds"])
                    print(
                        f"{python:<40} {key:>9} {r['seconds']:>7.1f} "
                        f"{total_rels / r['seconds']:>9,.0f} {r['read_seconds']:>12.1f}"
                    )
            if "-" in load_s and len(load_s) == 2:
                ext = next(k for k in load_s if k != "-")
                gain, read_gain = load_s["-"] / load_s[ext], read_s["-"] / read_s[ext]
                rust_line = f"; neo4j-rust-ext {ext}: load {gain:.2f}x, read_graph {read_gain:.2f}x"

        def verdict(ok: bool) -> str:
            return "met" if ok else "MISSED"

        print(
            f"\nsummary: docgraph {dg_rate:,.0f} rels/s = {dg_rate / ceiling:.2f}x the "
            f"1-transaction ceiling ({ceiling:,.0f}; target >= 0.7: "
            f"{verdict(dg_rate / ceiling >= 0.7)}), "
            f"{dg_rate / rates['ceiling-batched']:.2f}x batched CREATE, "
            f"{dg_rate / naive_rate:.0f}x naive ({naive_rate:,.0f}; target >= 20: "
            f"{verdict(dg_rate / naive_rate >= 20)}); "
            f"second run writes {total_writes}; best batch_size {best_size} "
            f"({rates[f'docgraph-{best_size}'] / dg_rate:.2f}x batch {default_batch})"
            f"{rust_line}; bench {time.perf_counter() - bench_started:.0f} s"
        )
    finally:
        try:
            server.clear()
        except Exception as exc:  # the server may be what failed
            print(f"could not empty the database at the end: {exc}", file=sys.stderr)
        server.close()
        if not args.keep_server:
            neo4j_server.stop()
            size = sum(f.stat().st_size for f in data_dir.rglob("*") if f.is_file())
            shutil.rmtree(data_dir, ignore_errors=True)
            print(
                f"server stopped; its data ({size / 1e9:.1f} GB, mostly transaction logs) removed"
            )


if __name__ == "__main__":
    main()
