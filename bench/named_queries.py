"""Every named query on a store the size of a large corpus (issue 13: under 2 s each on
the embedded store at 3,000 documents).

    .venv/bin/python bench/named_queries.py                  # 3,000 documents, embedded
    .venv/bin/python bench/named_queries.py --documents 300 --repeat 3

The graph is ``tests/queries/synthetic.py``'s (the one the size test runs on): a few
hundred states and bodies that recur, a long tail of people and places, typed facts
and several times as many co-occurrence edges. Each query runs with parameters naming
entities that are in the graph; the figure is the best of ``--repeat`` runs. Prints
figures only.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import docgraph  # noqa: E402
from docgraph.graph.diff import diff_graphs  # noqa: E402
from docgraph.graph.model import GraphData  # noqa: E402
from docgraph.queries import named_queries  # noqa: E402
from tests.queries.synthetic import synthetic_graph  # noqa: E402


def parameters(graph: GraphData) -> dict[str, dict[str, object]]:
    """Parameters naming entities of ``graph`` that take part in many facts."""
    degree: dict[str, int] = {}
    for rel in graph.relations.values():
        for end in (rel.source, rel.target):
            degree[end] = degree.get(end, 0) + 1

    def busiest(label: str, rank: int = 0) -> str:
        ids = sorted(
            (e for e in graph.entities.values() if e.label == label),
            key=lambda e: (-degree.get(e.id, 0), e.id),
        )
        return ids[rank].name

    country, other, org = busiest("Country"), busiest("Country", 1), busiest("Organization")
    person = busiest("Person")
    return {
        "diplomatic-relations": {"country": country},
        "evidence": {"a": country, "b": other},
        "funding-flows": {"recipient": country},
        "leaders-and-envoys": {"country": country},
        "members-of": {"org": org},
        "memberships": {"country": country},
        "neighbours": {"entity": country, "depth": 2},
        "relations-of": {"entity": country},
        "shortest-path": {"source": person, "target": other},
        "timeline": {"entity": country, "from_year": 1990},
        "troops": {"country": country},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()

    started = time.perf_counter()
    graph = synthetic_graph(args.documents)
    print(
        f"graph: {args.documents} documents, {len(graph.entities)} entities, "
        f"{len(graph.relations)} relationships (made in {time.perf_counter() - started:.1f} s)"
    )
    with (
        tempfile.TemporaryDirectory() as tmp,
        docgraph.open(Path(tmp) / "store", create=True) as g,
    ):
        started = time.perf_counter()
        g.store.apply(diff_graphs(GraphData(), graph))
        print(f"written to {g.store.describe()} in {time.perf_counter() - started:.1f} s\n")
        params = parameters(graph)
        print(f"{'query':<22} {'rows':>7} {'best s':>8}")
        for name in sorted(named_queries()):
            best = float("inf")
            for _ in range(args.repeat):
                started = time.perf_counter()
                rows = len(g.query(name, **params.get(name, {})))
                best = min(best, time.perf_counter() - started)
            print(f"{name:<22} {rows:>7} {best:>8.3f}")


if __name__ == "__main__":
    main()
