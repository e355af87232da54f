"""What reporting progress costs: centrality on a generated graph with and without it.

    .venv/bin/python bench/progress_overhead.py [--entities 3000] [--edges 9000]

Betweenness with progress runs networkx's own Brandes loop one source at a time and calls
the reporter after each (a line every 5 s on a redirected stderr); without progress it is
one call to networkx.betweenness_centrality. Both runs are in this process, alternated;
the figure that matters is the ratio. Prints the lines the reporter wrote.
"""

from __future__ import annotations

import argparse
import io
import time

import networkx as nx

from docgraph.analysis.centrality import centrality_table
from docgraph.progress import ProgressReport


def graph(entities: int, edges: int, seed: int = 7) -> nx.MultiDiGraph:
    simple = nx.gnm_random_graph(entities, edges, seed=seed)
    G = nx.MultiDiGraph()
    for n in simple:
        G.add_node(f"country:c{n}", name=f"Country {n}", label="Country")
    for u, v in simple.edges():
        G.add_edge(f"country:c{u}", f"country:c{v}", key="RELATED_TO", type="RELATED_TO")
    return G


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=3000, help="Nodes of the graph.")
    parser.add_argument("--edges", type=int, default=9000, help="Edges of the graph.")
    parser.add_argument("--rounds", type=int, default=2, help="Runs of each, alternated.")
    args = parser.parse_args()
    G = graph(args.entities, args.edges)
    plain, reported = [], []
    lines = io.StringIO()
    for _ in range(args.rounds):
        started = time.perf_counter()
        centrality_table(G)
        plain.append(time.perf_counter() - started)
        report = ProgressReport("lines", stream=lines)
        started = time.perf_counter()
        centrality_table(G, progress=report)
        reported.append(time.perf_counter() - started)
    best_plain, best_reported = min(plain), min(reported)
    print(f"{args.entities} entities, {args.edges} edges, best of {args.rounds}")
    print(f"without progress {best_plain:.2f} s")
    print(f"with progress    {best_reported:.2f} s ({best_reported / best_plain:.2f}x)")
    print("lines written (last run):")
    print("".join(lines.getvalue().splitlines(keepends=True)[-8:]), end="")


if __name__ == "__main__":
    main()
