"""Build throughput at growing corpus sizes, and the cross-document merge cost per document
against the size of the graph it merges into, before and after the kept resolution index.

    .venv/bin/python bench/scale.py [--sizes 1000,3000,10000] [--default] [--seed 1]
                                    [--sample 10] [--no-build]

The documents come from ``bench/corpus.py`` (about 170 words each, entities recurring
across documents). Two tables:

1. **build**: for each size, ``docgraph build`` of the corpus as one ``.jsonl`` file into
   a fresh embedded store (read, extract, merge, write) against extraction alone
   (``Extractor.pipe`` over the same documents, what ``docgraph extract`` runs), both
   with ``--fast`` extraction unless ``--default``. The ratio is what the issue's target
   (≥ 0.6×, the same at every size) is about.
2. **merge**: the documents of the largest size merged in order with the kept index
   (``merge_document(graph, state, gazetteer, index)``); at store sizes along the way the
   next ``--sample`` documents are also merged into a copy of the graph the old way, the
   name index rebuilt from every entity for each document (``merge_document`` with no
   kept index), in the same process. Both
   copies must end equal, which is checked. Milliseconds per document, and the ratio.

Figures are printed, never asserted: absolute rates on a shared machine move ±15 %.
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import BODIES, FIELDS, FIRST, LAST, Corpus  # noqa: E402

import docgraph  # noqa: E402
from docgraph.graph.model import Document, DocumentGraph, Entity, GraphData  # noqa: E402
from docgraph.loaders.extract import Extractor  # noqa: E402
from docgraph.loaders.index import ResolutionIndex  # noqa: E402
from docgraph.loaders.resolve import merge_document  # noqa: E402


def _documents(n: int, seed: int) -> list[Document]:
    return [Document(i, f"{i}.txt", t, i) for i, t in Corpus(n, seed).documents()]


def _extract(docs: list[Document], fast: bool) -> tuple[float, list[DocumentGraph]]:
    """Seconds to extract ``docs`` with a fresh extractor (its model load included, as in
    a build), and the document graphs."""
    started = time.perf_counter()
    extractor = Extractor(fast=fast)
    states = list(extractor.pipe(docs))
    return time.perf_counter() - started, states


def _build(docs: list[Document], fast: bool) -> float:
    """Seconds ``docgraph build`` takes on ``docs`` written as one .jsonl file."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for d in docs:
                out.write(json.dumps({"id": d.id, "text": d.text}, ensure_ascii=False) + "\n")
        started = time.perf_counter()
        graph = docgraph.build([path], store=Path(tmp) / "store", fast=fast)
        seconds = time.perf_counter() - started
        report = graph.last_build
        graph.close()
        if report is None or report.errors:
            raise SystemExit(f"build failed: {report and report.errors[:3]}")
        return seconds


def _same(a: GraphData, b: GraphData) -> bool:
    return (
        list(a.entities) == list(b.entities)
        and all(
            (x.name, x.label, x.aliases, x.mentions) == (y.name, y.label, y.aliases, y.mentions)
            for x, y in zip(a.entities.values(), b.entities.values(), strict=True)
        )
        and list(a.relations) == list(b.relations)
    )


def _merge_curve(
    states: list[DocumentGraph], gazetteer, checkpoints: list[int], sample: int
) -> list[tuple[int, int, float, float, bool]]:
    """(documents merged, entities, old ms/doc, new ms/doc, equal) at each checkpoint."""
    graph = GraphData()
    index = ResolutionIndex(graph, gazetteer)
    rows = []
    todo = sorted({c for c in checkpoints if c >= 0 and c + sample <= len(states)})
    i = 0
    while i < len(states):
        if todo and i == todo[0]:
            todo.pop(0)
            entities = len(graph.entities)
            rows.append((i, entities, *_time_both(graph, states[i : i + sample], gazetteer, index)))
            i += sample
            continue
        merge_document(graph, states[i], gazetteer, index)
        i += 1
    return rows


def _filler(n: int, seed: int) -> list[Entity]:
    """``n`` distinct people and bodies the corpus never names, with names of realistic
    length and letters, to put a real document's merge in front of a large graph."""
    rng = random.Random(seed)
    syllables = ["ka", "mo", "ri", "sa", "la", "ne", "dou", "ba", "ti", "ou", "ssa", "ra"]
    out: dict[str, Entity] = {}
    while len(out) < n:
        middle = "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))).title()
        if rng.random() < 0.6:
            name, label = f"{rng.choice(FIRST)} {middle} {rng.choice(LAST)}", "Person"
        else:
            name, label = f"{middle} {rng.choice(BODIES)} for {rng.choice(FIELDS)}", "Organization"
        eid = f"{label.lower()}:filler-{len(out)}"
        if name not in out:
            out[name] = Entity(eid, name, label, {name}, {}, {"filler": 1})
    return list(out.values())


def _store_sweep(
    states: list[DocumentGraph], gazetteer, sizes: list[int], sample: int, seed: int
) -> list[tuple[int, float, float, bool]]:
    """(entities in graph, old ms/doc, new ms/doc, equal): ``sample`` real documents merged
    into a graph of ``size`` other entities plus the corpus's first documents."""
    rows = []
    head, batch = states[:-sample], states[-sample:]
    for size in sizes:
        graph = GraphData()
        for entity in _filler(size, seed):
            graph.add_entity(entity)
        index = ResolutionIndex(graph, gazetteer)
        for state in copy.deepcopy(head):
            merge_document(graph, state, gazetteer, index)
        entities = len(graph.entities)
        rows.append((entities, *_time_both(graph, batch, gazetteer, index)))
    return rows


def _time_both(
    graph: GraphData, batch: list[DocumentGraph], gazetteer, index: ResolutionIndex
) -> tuple[float, float, bool]:
    """(old ms/doc, new ms/doc, equal): ``batch`` merged into a copy of ``graph`` the old
    way (no kept index: it is rebuilt from every entity for each document) and into
    ``graph`` itself with the kept ``index``; both graphs must end equal."""
    old_graph = copy.deepcopy(graph)
    old_times, new_times = [], []
    for state in copy.deepcopy(batch):
        started = time.perf_counter()
        merge_document(old_graph, state, gazetteer)
        old_times.append(time.perf_counter() - started)
    for state in copy.deepcopy(batch):
        started = time.perf_counter()
        merge_document(graph, state, gazetteer, index)
        new_times.append(time.perf_counter() - started)
    return (
        1000 * statistics.mean(old_times),
        1000 * statistics.mean(new_times),
        _same(old_graph, graph),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,3000,10000")
    parser.add_argument("--default", action="store_true", help="default extraction, not --fast")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sample", type=int, default=10, help="documents per merge checkpoint")
    parser.add_argument("--no-build", action="store_true", help="the merge table only")
    parser.add_argument(
        "--grow",
        default="",
        help="graph sizes (entities, e.g. 5000,50000,100000) to merge the last --sample "
        "documents into, padded with generated entities",
    )
    parser.add_argument(
        "--merge-docs",
        type=int,
        default=3000,
        help="documents for the merge table, extracted with the default pipeline: --fast "
        "finds no person or body the gazetteer lacks, so its graph stops growing",
    )
    args = parser.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(","))
    fast = not args.default
    mode = "default" if args.default else "--fast"
    print(f"extraction: {mode}; corpus: bench/corpus.py seed {args.seed}", flush=True)

    largest = _documents(max(sizes[-1], args.merge_docs), args.seed)
    # the model is loaded once per process (cached): load it before anything is timed
    started = time.perf_counter()
    _extract(largest[:20], fast)
    print(f"model load and warm-up: {time.perf_counter() - started:.1f} s (not counted)")
    if not args.no_build:
        print(
            "\n| documents | words | extract s | extract words/s | build s | build words/s "
            "| build / extract |"
        )
        print("|---|---|---|---|---|---|---|")
        for n in sizes:
            docs = largest[:n]
            words = sum(len(d.text.split()) for d in docs)
            t_extract, _ = _extract(docs, fast)
            t_build = _build(docs, fast)
            print(
                f"| {n:,} | {words:,} | {t_extract:.1f} | {words / t_extract:,.0f} "
                f"| {t_build:.1f} | {words / t_build:,.0f} | {t_extract / t_build:.2f}× |",
                flush=True,
            )

    started = time.perf_counter()
    _, states = _extract(largest[: args.merge_docs], fast=False)
    print(
        f"\nmerge table: {args.merge_docs:,} documents extracted (default pipeline) in "
        f"{time.perf_counter() - started:.0f} s"
    )
    gazetteer = Extractor().gazetteer
    checkpoints = [c for c in (0, 100, 300, 1000, 3000, 10000, 30000) if c < len(states)]
    checkpoints.append(len(states) - args.sample)
    print(f"\nmerge per document ({args.sample} documents at each point), same process:")
    print(
        "| documents merged | entities in graph | full rebuild ms/doc | kept index ms/doc "
        "| speed-up | same graph |"
    )
    print("|---|---|---|---|---|---|")
    for done, entities, old_ms, new_ms, same in _merge_curve(
        states, gazetteer, checkpoints, args.sample
    ):
        print(
            f"| {done:,} | {entities:,} | {old_ms:.1f} | {new_ms:.2f} | {old_ms / new_ms:.0f}× "
            f"| {'yes' if same else 'NO'} |",
            flush=True,
        )
    grow = [int(x) for x in args.grow.split(",") if x]
    if grow:
        print(f"\nmerge per document into a padded graph ({args.sample} documents), same process:")
        print(
            "| entities in graph | full rebuild ms/doc | kept index ms/doc | speed-up | same graph |"
        )
        print("|---|---|---|---|---|")
        for entities, old_ms, new_ms, same in _store_sweep(
            states, gazetteer, grow, args.sample, args.seed
        ):
            print(
                f"| {entities:,} | {old_ms:.1f} | {new_ms:.2f} | {old_ms / new_ms:.0f}× "
                f"| {'yes' if same else 'NO'} |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
