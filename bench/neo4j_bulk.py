"""A first load into Neo4j two ways: ``docgraph load`` (Cypher batches) and the bulk
files of ``docgraph export --format neo4j-csv`` through ``neo4j-admin database import``.

    .venv/bin/python bench/neo4j_bulk.py                     # 10,000 documents
    .venv/bin/python bench/neo4j_bulk.py --documents 3000 --skip-load

The graph is ``tests/queries/synthetic.py``'s (states and bodies that recur, a long tail
of people and places, typed facts, co-occurrence edges, evidence lists). A private Neo4j
5.26 runs from tests/neo4j_server.py (run dir ``/tmp/bench-bulk-run``, data under it,
removed at the end). Printed: the seconds of each step, relationships per second, and
the ratio of the bulk path (writing the files and importing them) to the load. The
imported database is checked to hold the same node and relationship counts.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import neo4j_server  # noqa: E402

from docgraph.graph.diff import diff_graphs  # noqa: E402
from docgraph.graph.model import GraphData  # noqa: E402
from docgraph.graph.neo4j_csv import write_neo4j_csv  # noqa: E402
from docgraph.graph.stores.neo4j_store import Neo4jStore  # noqa: E402
from tests.queries.synthetic import synthetic_graph  # noqa: E402


def counts(store: Neo4jStore) -> tuple[int, int]:
    nodes = store.query("MATCH (n) RETURN count(n) AS n").value()[0]
    rels = store.query("MATCH ()-[r]->() RETURN count(r) AS n").value()[0]
    return nodes, rels


def serve(data: Path) -> Neo4jStore:
    server = neo4j_server.start(data_dir=data)
    return Neo4jStore(server.uri, username=server.user, password=server.password)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--skip-load", action="store_true", help="measure the bulk path only")
    args = parser.parse_args()
    run = Path(os.environ.get("NEO4J_TEST_SERVER_RUNDIR", "/tmp/bench-bulk-run"))
    os.environ["NEO4J_TEST_SERVER_RUNDIR"] = str(run)
    os.environ.setdefault("NEO4J_TEST_SERVER_HEAP", "2g")
    run.mkdir(parents=True, exist_ok=True)

    started = time.perf_counter()
    graph = synthetic_graph(args.documents)
    rels = sum(len(e.mentions) for e in graph.entities.values()) + len(graph.relations)
    print(
        f"graph: {args.documents:,} documents, {len(graph.entities):,} entities, "
        f"{rels:,} relationships with MENTIONED_IN (made in {time.perf_counter() - started:.1f} s)"
    )
    load_s = None
    try:
        if not args.skip_load:
            with serve(run / "load-data") as store:
                started = time.perf_counter()
                store.apply(diff_graphs(GraphData(), graph))
                load_s = time.perf_counter() - started
                loaded = counts(store)
            neo4j_server.stop()
            print(f"docgraph load     {load_s:8.1f} s  {rels / load_s:10,.0f} rel/s  {loaded}")

        with tempfile.TemporaryDirectory(dir=run) as tmp:
            started = time.perf_counter()
            files = write_neo4j_csv(graph, Path(tmp) / "csv")
            write_s = time.perf_counter() - started
            size = sum(p.stat().st_size for p in Path(tmp, "csv").glob("*.csv")) / 1e6
            print(f"write CSV files   {write_s:8.1f} s  ({size:,.0f} MB)")
            data = run / "bulk-data"
            shutil.rmtree(data, ignore_errors=True)
            started = time.perf_counter()
            subprocess.run(
                [
                    str(neo4j_server.SCRIPT),
                    "admin",
                    "--data",
                    str(data),
                    "--",
                    *files.command()[1:],
                ],
                check=True,
                capture_output=True,
            )
            import_s = time.perf_counter() - started
            print(f"neo4j-admin import{import_s:8.1f} s")
        with serve(data) as store:
            imported = counts(store)
        bulk_s = write_s + import_s
        print(f"bulk path         {bulk_s:8.1f} s  {rels / bulk_s:10,.0f} rel/s  {imported}")
        if load_s:
            print(f"bulk / load       {load_s / bulk_s:8.1f}x faster")
            print(f"same counts       {imported == loaded}")
    finally:
        neo4j_server.stop()
        shutil.rmtree(run / "load-data", ignore_errors=True)
        shutil.rmtree(run / "bulk-data", ignore_errors=True)


if __name__ == "__main__":
    main()
