"""Embedded engines over docgraph's own write and read pattern, and a kill -9 check.

    .venv/bin/python bench/store.py                       # 20k entities, 100k relationships
    .venv/bin/python bench/store.py --entities 100000 --relations 500000
    .venv/bin/python bench/store.py --engines kglite      # only some engines

Engines: ``kglite`` through docgraph's ``KgliteStore`` (what users run) and, when
installed (``pip install graphdblite==0.1.2``, MIT), ``graphdblite``, fed the very
statements docgraph writes (``diff_statements``: batched ``UNWIND $rows … MERGE``,
evidence as parallel string lists). Each engine runs in its own process, so peak memory
is its own. Reads: 1-hop lookups by ``id``, 2-hop counts, shortestPath, an aggregation.
Checks: the answers agree with what the data holds (labels kept, paths found). Kill -9:
a writer is killed mid-load and a new process reopens the store: every batch is whole
or absent. A second process opening a store held by another is reported. Prints figures
only.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from docgraph.graph.diff import diff_graphs  # noqa: E402
from docgraph.graph.model import Document, Entity, Evidence, GraphData, Relation  # noqa: E402
from docgraph.graph.stores.base import Statement, diff_statements  # noqa: E402

BATCH = 5_000
TYPES = ("MEMBER_OF", "DIPLOMATIC_RELATIONS", "FUNDED", "RELATED_TO")


def synthetic(entities: int, relations: int, seed: int = 7) -> GraphData:
    """A graph shaped like docgraph's: labelled entities, evidence lists, 100 documents."""
    rng = random.Random(seed)
    graph = GraphData()
    for d in range(100):
        graph.documents[f"doc{d}"] = Document(f"doc{d}", f"doc{d}.txt", "", f"sha{d}", 1000)
    labels = ("Country", "Organization", "Person", "Location")
    for i in range(entities):
        graph.add_entity(
            Entity(f"e:{i}", f"Entity {i}", labels[i % 4], {f"E{i}"}, mentions={"doc0": 1})
        )
    made = 0
    while made < relations:
        a, b = rng.randrange(entities), rng.randrange(entities)
        if a == b:
            continue
        evidence = [
            Evidence(f"doc{rng.randrange(100)}", k, k + 60, f"Sentence {made}-{k} about both.", "t")
            for k in range(2)
        ]
        rel = Relation(f"e:{a}", TYPES[made % 4], f"e:{b}", evidence=evidence)
        if rel.key not in graph.relations:
            graph.add_relation(rel)
            made += 1
    return graph


def batches(graph: GraphData) -> list[Statement]:
    return [
        Statement(s.cypher, s.rows[i : i + BATCH])
        for s in diff_statements(diff_graphs(GraphData(), graph))
        for i in range(0, len(s.rows), BATCH)
    ]


class Kglite:
    def __init__(self, path: Path) -> None:
        from docgraph.graph.stores.kglite_store import KgliteStore

        self.store = KgliteStore(path)

    def write(self, stmt: Statement) -> None:
        self.store.query(stmt.cypher, {"rows": stmt.rows}, write=True)

    def read(self, cypher: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        return self.store.query(cypher, params).records

    def close(self) -> None:
        self.store.close()


class Graphdblite:
    def __init__(self, path: Path) -> None:
        import graphdblite

        path.mkdir(parents=True, exist_ok=True)
        self.db = graphdblite.Database(str(path / "graph.db"))
        with self.db.begin_write() as tx:
            try:
                tx.create_index("Entity", "id")
                tx.create_index("Document", "id")
            except graphdblite.GraphDBError:
                pass  # exists after a reopen
            tx.commit()

    def write(self, stmt: Statement) -> None:
        # graphdblite 0.1.2 does not parse `quoted` names; docgraph's are plain words
        with self.db.begin_write() as tx:
            tx.execute(stmt.cypher.replace("`", ""), {"rows": stmt.rows})
            tx.commit()

    def read(self, cypher: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        return self.db.query(cypher, params or {})

    def close(self) -> None:
        self.db.close()


ENGINES = {"kglite": Kglite, "graphdblite": Graphdblite}


def disk_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def child_run(engine: str, path: Path, entities: int, relations: int) -> dict[str, Any]:
    """Load, read and check one engine; runs in its own process."""
    graph = synthetic(entities, relations)
    stmts = batches(graph)
    out: dict[str, Any] = {"engine": engine}
    started = time.perf_counter()
    db = ENGINES[engine](path)
    for stmt in stmts:
        db.write(stmt)
    db.close()
    out["write_s"] = time.perf_counter() - started
    out["rows_per_s"] = sum(len(s.rows) for s in stmts) / out["write_s"]
    started = time.perf_counter()
    db = ENGINES[engine](path)
    out["reopen_s"] = time.perf_counter() - started
    rng = random.Random(1)
    ids = [f"e:{rng.randrange(entities)}" for _ in range(1000)]

    def timed(name: str, cypher: str, runs: list[dict[str, Any]]) -> list[Any]:
        started = time.perf_counter()
        answers = [db.read(cypher, p) for p in runs]
        out[name + "_ms"] = 1000 * (time.perf_counter() - started) / len(runs)
        return answers

    timed(
        "hop1",
        "MATCH (a:Entity {id: $id})-[r]->(b:Entity) RETURN b.name AS name, r.evidence_sentence AS s",
        [{"id": i} for i in ids],
    )
    timed(
        "hop2",
        "MATCH (a:Entity {id: $id})-[]-()-[]-(c:Entity) RETURN count(DISTINCT c) AS n",
        [{"id": i} for i in ids[:200]],
    )
    found = timed(
        "shortest",
        "MATCH p = shortestPath((a:Entity {id: $a})-[*..8]-(b:Entity {id: $b})) "
        "RETURN length(p) AS n",
        [{"a": ids[k], "b": ids[k + 1]} for k in range(0, 100, 2)],
    )
    out["paths_found"] = sum(1 for rows in found if rows and rows[0].get("n") is not None)
    started = time.perf_counter()
    agg = db.read("MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS n ORDER BY t")
    out["aggregate_ms"] = 1000 * (time.perf_counter() - started)
    countries = db.read("MATCH (n:Country) RETURN count(n) AS n")[0]["n"]
    out["labels_kept"] = countries == sum(
        1 for e in graph.entities.values() if e.label == "Country"
    )
    out["relationships"] = sum(r["n"] for r in agg if r["t"] != "MENTIONED_IN")
    db.close()
    out["disk_mb"] = disk_bytes(path) / 1e6
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def child_load_forever(engine: str, path: Path, entities: int, relations: int) -> None:
    """Write relationship batches (no final save) until killed; prints each batch done."""
    graph = synthetic(entities, relations)
    stmts = batches(graph)
    db = ENGINES[engine](path)
    for n, stmt in enumerate(stmts):
        db.write(stmt)
        print(n, flush=True)
    time.sleep(3600)


def child_count(engine: str, path: Path) -> None:
    db = ENGINES[engine](path)
    rels = db.read("MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS n")[0]["n"]
    print(json.dumps({"relationships": rels}))
    db.close()


def spawn(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, __file__, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def kill_check(engine: str, tmp: Path, entities: int, relations: int) -> dict[str, Any]:
    """Kill -9 a writer mid-load, reopen in a new process, and try a second opener."""
    path = tmp / f"{engine}-kill"
    args = ["--entities", str(entities), "--relations", str(relations)]
    stmts = batches(synthetic(entities, relations))
    first_rel = next(i for i, s in enumerate(stmts) if "MERGE (a)-[e:" in s.cypher)
    writer = spawn("--child-load", engine, str(path), *args)
    done = -1
    assert writer.stdout is not None
    for line in writer.stdout:
        done = int(line)
        if done >= first_rel + 1:  # two relationship batches are in, more on the way
            break
    second = spawn("--child-count", engine, str(path))
    sout, serr = second.communicate(timeout=300)
    second_said = (serr.strip().splitlines() or [sout.strip()])[-1][:120]
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    reopened = spawn("--child-count", engine, str(path))
    rout, rerr = reopened.communicate(timeout=300)
    if reopened.returncode:
        return {"reopen": f"failed: {rerr.strip().splitlines()[-1][:120]}", "second": second_said}
    rels = json.loads(rout)["relationships"]
    # the relationship count after any whole number of relationship batches
    whole_counts, total = {0}, 0
    for stmt in stmts:
        if "MERGE (a)-[e:" in stmt.cypher:
            total += len(stmt.rows)
            whole_counts.add(total)
    whole = rels in whole_counts
    return {
        "batches_reported": done + 1,
        "relationships_after": rels,
        "batches_whole": whole,
        "second": second_said,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=20_000)
    parser.add_argument("--relations", type=int, default=100_000)
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--child", nargs=2, metavar=("ENGINE", "PATH"), help=argparse.SUPPRESS)
    parser.add_argument("--child-load", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--child-count", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(
            json.dumps(child_run(args.child[0], Path(args.child[1]), args.entities, args.relations))
        )
        return
    if args.child_load:
        child_load_forever(
            args.child_load[0], Path(args.child_load[1]), args.entities, args.relations
        )
        return
    if args.child_count:
        child_count(args.child_count[0], Path(args.child_count[1]))
        return
    print(f"{args.entities:,} entities, {args.relations:,} relationships, batches of {BATCH:,}")
    with tempfile.TemporaryDirectory(prefix="docgraph-bench-") as tmp:
        for engine in args.engines.split(","):
            sizes = ["--entities", str(args.entities), "--relations", str(args.relations)]
            proc = spawn("--child", engine, str(Path(tmp) / engine), *sizes)
            out, err = proc.communicate()
            if proc.returncode:
                print(f"{engine}: failed: {(err.strip().splitlines() or ['?'])[-1][:200]}")
                continue
            figures = json.loads(out)
            print(
                f"{engine}: write {figures['write_s']:.1f} s ({figures['rows_per_s']:,.0f} rows/s), "
                f"reopen {figures['reopen_s']:.2f} s, 1-hop {figures['hop1_ms']:.2f} ms, "
                f"2-hop {figures['hop2_ms']:.1f} ms, shortestPath {figures['shortest_ms']:.1f} ms "
                f"({figures['paths_found']}/50 found), aggregation {figures['aggregate_ms']:.0f} ms, "
                f"disk {figures['disk_mb']:.0f} MB, peak RSS {figures['peak_rss_mb']:.0f} MB, "
                f"labels kept {figures['labels_kept']}, relationships {figures['relationships']:,}"
            )
            small = (min(args.entities, 20_000), min(args.relations, 60_000))
            print(f"{engine}: kill -9 mid-load: {kill_check(engine, Path(tmp), *small)}")


if __name__ == "__main__":
    main()
