"""What an incremental build costs against the size of the store it updates (issue 12:
adding 10 documents, or changing 1, in a 10,000-document store within 2x of the same
step on a 100-document store).

    .venv/bin/python bench/incremental.py                    # stores of 100 and 10,000
    .venv/bin/python bench/incremental.py --sizes 100,3000 --repeat 3

Each store is filled with ``tests/queries/synthetic.py``'s graph of N documents (written
directly, no extraction: what matters is how much the store holds), and given the name
index a build keeps beside the store (``docgraph/loaders/index_cache.py``), as a store
made by ``docgraph build`` has it. Then, on a copy of it, ``Graph.add`` of 10 documents
from ``bench/corpus.py`` (``--fast`` extraction), and a second ``add`` with one of those
documents changed. The last column is the first ``add`` on a copy without the kept index
(a store last written by something else: the names are read and the index built). Best of ``--repeat`` runs, in one
process, each size after the other; the ratio is the largest store's against the
smallest's. Prints figures only.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from corpus import Corpus  # noqa: E402

import docgraph  # noqa: E402
from docgraph.graph.diff import diff_graphs  # noqa: E402
from docgraph.graph.lazy import TouchedGraph  # noqa: E402
from docgraph.graph.model import GraphData  # noqa: E402
from docgraph.loaders.gazetteer import load_gazetteer  # noqa: E402
from docgraph.loaders.index_cache import FILE as INDEX_FILE  # noqa: E402
from docgraph.loaders.index_cache import keep_names  # noqa: E402
from docgraph.loaders.merge import Merger  # noqa: E402
from tests.queries.synthetic import synthetic_graph  # noqa: E402


def new_documents(folder: Path) -> tuple[Path, Path]:
    """Ten documents in one .jsonl file, and the same file with one of them changed."""
    docs = [{"id": i, "text": text} for i, text in Corpus(10, seed=11).documents()]
    first = folder / "ten.jsonl"
    first.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    docs[3] = {**docs[3], "text": docs[3]["text"] + " Mali joined the African Union."}
    changed = folder / "ten-changed" / "ten.jsonl"
    changed.parent.mkdir()
    changed.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return first, changed


def step(store: Path, path: Path) -> float:
    with docgraph.open(store, create=True) as graph:
        started = time.perf_counter()
        graph.add([path], fast=True, progress=False)
        return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,10000")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    results: dict[int, tuple[float, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        ten, changed = new_documents(tmp_path)
        # the first build of a process loads the gazetteer and the rules: not counted
        step(tmp_path / "warm-up", ten)
        print(
            f"{'store documents':>15} {'entities':>9} {'add 10 s':>9} {'change 1 s':>11} "
            f"{'add 10, no kept index':>21}"
        )
        for size in sizes:
            base = tmp_path / f"base-{size}"
            graph = synthetic_graph(size)
            # sources as a build stores them: absolute and normal (the synthetic graph's
            # are bare file names, which every build would normalise again, 30,000 calls)
            archive = tmp_path / "archive"
            graph.documents = {
                i: dataclasses.replace(d, source=str(archive / d.source))
                for i, d in graph.documents.items()
            }
            with docgraph.open(base, create=True) as g:
                g.store.apply(diff_graphs(GraphData(), graph))
                touched = TouchedGraph(g.store)
                gazetteer = load_gazetteer()
                merger = Merger(touched, gazetteer)
                keep_names(g.store, gazetteer, touched.entities.ids(), merger.index)
            best_add = best_change = best_cold = float("inf")
            for run in range(args.repeat):
                store = tmp_path / f"run-{size}-{run}"
                shutil.copytree(base, store)
                best_add = min(best_add, step(store, ten))
                best_change = min(best_change, step(store, changed))
                shutil.rmtree(store)
                shutil.copytree(base, store)
                (store / INDEX_FILE).unlink()
                best_cold = min(best_cold, step(store, ten))
                shutil.rmtree(store)
            results[size] = (best_add, best_change)
            print(
                f"{size:>15,} {len(graph.entities):>9,} {best_add:>9.2f} {best_change:>11.2f} "
                f"{best_cold:>21.2f}"
            )
    small, large = results[sizes[0]], results[sizes[-1]]
    print(
        f"\n{sizes[-1]:,} against {sizes[0]:,} documents: add 10 {large[0] / small[0]:.1f}x, "
        f"change 1 {large[1] / small[1]:.1f}x (target: at most 2x)"
    )


if __name__ == "__main__":
    main()
