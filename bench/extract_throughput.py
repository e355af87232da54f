"""Extraction throughput: docgraph's pipeline against bare spaCy (tok2vec + parser + ner)
on the same text.

    .venv/bin/python bench/extract_throughput.py [--words 50000] [--repeat 3]
        [--processes 2] [--profile] [--no-parallel]

Text: the ``text`` of every document in ../shared/benchmarks/redocred-dev-politics.gold.json,
../shared/seed/mali_foreign_relations.txt and examples/*, repeated (as new documents) to
about ``--words`` words. Every pipeline is loaded and warmed up first (load time printed
apart, not counted), then timed ``--repeat`` times, the pipelines interleaved in each round
so that a busy machine slows them alike; the best round counts. It prints words/s for:

- bare spaCy: ``spacy.load(SPACY_MODEL, exclude=[tagger, lemmatizer, attribute_ruler,
  senter])`` → ``nlp.pipe(texts)`` (tok2vec + parser + ner, the model's batch size of
  256): the baseline, since docgraph reads relationships from the parse; also with ``batch_size=16``, the batch docgraph uses,
  which is faster on these documents (a second, stricter baseline);
- docgraph: ``Extractor().pipe(docs)``, the default pipeline (the same model plus tagger,
  lemmatizer, the sentencizer, the gazetteer merger and docgraph's components: mentions,
  references, frames); target ≥ 0.8× the baseline;
- docgraph fast: ``Extractor(fast=True).pipe(docs)``; target ≥ 50,000 words/s;
- docgraph in N processes: ``Extractor().pipe_parallel(docs, processes=N)``, timed from the
  call to the last graph (worker start and model load included: every call starts a pool),
  ``--repeat`` times, the best counts.

A breakdown splits docgraph's time into its spaCy pipeline (``Extractor().nlp.pipe``) and
docgraph's Python components. ``--profile default|fast|both`` runs cProfile over one pass
and lists the hotspots in docgraph's code; it is automatic for a pipeline under its target.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import json
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

from docgraph.graph.model import Document  # noqa: E402
from docgraph.loaders.extract import SPACY_MODEL, Extractor  # noqa: E402
from docgraph.loaders.read import read_file  # noqa: E402

GOLD = SHARED / "benchmarks" / "redocred-dev-politics.gold.json"
SEED = SHARED / "seed" / "mali_foreign_relations.txt"
EXCLUDE = ["tagger", "lemmatizer", "attribute_ruler", "senter"]
TARGET_RATIO = 0.8
TARGET_FAST = 50_000


def words(text: str) -> int:
    return len(text.split())


def corpus(target_words: int) -> list[Document]:
    """The benchmark documents, repeated as new documents up to ``target_words``."""
    base: list[Document] = []
    for item in json.loads(GOLD.read_text(encoding="utf-8"))["documents"]:
        text = item["text"]
        base.append(
            Document(
                f"redocred-{item['id']}",
                str(GOLD),
                text,
                hashlib.sha256(text.encode()).hexdigest(),
            )
        )
    for path in [SEED, *sorted((ROOT / "examples").iterdir())]:
        if path.is_file() and not path.name.startswith("."):
            base.extend(read_file(path))
    docs: list[Document] = []
    total, copy = 0, 0
    while total < target_words:
        for doc in base:
            if total >= target_words:
                break
            suffix = f"~{copy}" if copy else ""
            docs.append(Document(doc.id + suffix, doc.source, doc.text, doc.sha256))
            total += words(doc.text)
        copy += 1
    return docs


def timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def profile_docgraph(extractor: Extractor, docs: list[Document], top: int, title: str) -> None:
    """cProfile over one pass; docgraph's functions by own and by cumulative time."""
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in extractor.pipe(docs):
        pass
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = stats.total_tt
    rows = []
    for (filename, line, name), (_cc, calls, tottime, cumtime, _callers) in stats.stats.items():
        rows.append((filename, line, name, calls, tottime, cumtime))
    ours = [r for r in rows if f"{os.sep}docgraph{os.sep}" in r[0]]

    def where(r) -> str:
        path = Path(r[0])
        if path.is_relative_to(ROOT):
            path = path.relative_to(ROOT)
        return f"{path}:{r[1]}({r[2]})"

    print(f"\nprofile of one {title} pass ({total:.2f} s under cProfile)")
    print("  docgraph code by cumulative time (includes what it calls):")
    print(f"  {'cum s':>7} {'cum %':>6} {'own s':>7} {'calls':>9}  function")
    # the drivers (Extractor.pipe/_run, Pipeline.__call__) contain everything: left out
    drivers = {("extract.py", "pipe"), ("extract.py", "_run"), ("pipeline.py", "__call__")}
    ours = [r for r in ours if (Path(r[0]).name, r[2]) not in drivers]
    for r in sorted(ours, key=lambda r: -r[5])[:top]:
        print(f"  {r[5]:>7.2f} {100 * r[5] / total:>5.1f}% {r[4]:>7.2f} {r[3]:>9,}  {where(r)}")
    print("  all code by own time:")
    print(f"  {'own s':>7} {'own %':>6} {'calls':>9}  function")
    for r in sorted(rows, key=lambda r: -r[4])[:top]:
        print(f"  {r[4]:>7.2f} {100 * r[4] / total:>5.1f}% {r[3]:>9,}  {where(r)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--words", type=int, default=50_000, help="about this many words")
    parser.add_argument("--repeat", type=int, default=3, help="timed rounds (best counts)")
    parser.add_argument("--processes", type=int, default=2, help="for pipe_parallel")
    parser.add_argument("--no-parallel", action="store_true", help="skip pipe_parallel")
    parser.add_argument(
        "--profile",
        choices=["default", "fast", "both", "none"],
        help="profile a pipeline with cProfile (default: the ones under target)",
    )
    parser.add_argument("--top", type=int, default=15, help="profile rows to print")
    args = parser.parse_args()

    import spacy

    docs = corpus(args.words)
    texts = [d.text for d in docs]
    n_words = sum(words(t) for t in texts)
    print(
        f"python {sys.version.split()[0]}, spaCy {spacy.__version__}, model {SPACY_MODEL}, "
        f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}"
    )
    print(f"text: {len(docs)} documents, {n_words:,} words, {sum(map(len, texts)):,} characters")

    # --- load (timed apart) and warm up --------------------------------------------------
    load: dict[str, float] = {}
    started = time.perf_counter()
    nlp = spacy.load(SPACY_MODEL, exclude=EXCLUDE)
    load["spacy"] = time.perf_counter() - started
    started = time.perf_counter()
    extractor = Extractor()
    extractor.nlp  # noqa: B018 - loads the model and the gazetteer patterns
    load["docgraph"] = time.perf_counter() - started
    started = time.perf_counter()
    fast = Extractor(fast=True)
    fast.nlp  # noqa: B018
    load["fast"] = time.perf_counter() - started
    warm = docs[:20]
    for _ in nlp.pipe(t.text for t in warm):
        pass
    for ex in (extractor, fast):
        for _ in ex.pipe(warm):
            pass
    print(
        f"pipes: spaCy {nlp.pipe_names}; docgraph {extractor.nlp.pipe_names} + "
        f"{extractor.pipeline.names}"
    )

    # --- timed rounds, interleaved ----------------------------------------------------------
    runs: dict[str, list[float]] = {
        "spacy": [],
        "spacy-16": [],
        "docgraph": [],
        "docgraph-nlp": [],
        "fast": [],
    }
    counts: dict[str, tuple[int, int]] = {}

    def run_docgraph(ex: Extractor, key: str) -> None:
        graphs = list(ex.pipe(docs))
        counts[key] = (
            sum(len(g.entities) for g in graphs),
            sum(len(g.relations) for g in graphs),
        )

    for _ in range(max(1, args.repeat)):
        runs["spacy"].append(timed(lambda: list(nlp.pipe(texts))))
        runs["spacy-16"].append(timed(lambda: list(nlp.pipe(texts, batch_size=16))))
        runs["docgraph"].append(timed(lambda: run_docgraph(extractor, "docgraph")))
        runs["docgraph-nlp"].append(timed(lambda: list(extractor.nlp.pipe(texts, batch_size=16))))
        runs["fast"].append(timed(lambda: run_docgraph(fast, "fast")))

    parallel_s = overhead_s = None
    if not args.no_parallel:
        # fixed cost of a call: pool start + a model load per worker, on a few documents
        few = docs[: 2 * args.processes]
        overhead_s = timed(lambda: list(extractor.pipe_parallel(few, processes=args.processes)))
        graphs: list = []
        parallel_s = min(
            timed(lambda: graphs.extend(extractor.pipe_parallel(docs, processes=args.processes)))
            for _ in range(max(1, args.repeat))
        )
        graphs = graphs[: len(docs)]
        counts["parallel"] = (
            sum(len(g.entities) for g in graphs),
            sum(len(g.relations) for g in graphs),
        )

    best = {k: min(v) for k, v in runs.items()}
    rate = {k: n_words / v for k, v in best.items()}
    base = rate["spacy"]
    print(
        f"\n{'pipeline':<44} {'load s':>7} {'best s':>7} {'median s':>8} "
        f"{'words/s':>9} {'vs spaCy':>8}"
    )

    def row(name: str, key: str, load_s: float | None) -> None:
        load_txt = f"{load_s:>7.2f}" if load_s is not None else f"{'':>7}"
        print(
            f"{name:<44} {load_txt} {best[key]:>7.2f} {statistics.median(runs[key]):>8.2f} "
            f"{rate[key]:>9,.0f} {rate[key] / base:>7.2f}x"
        )

    row(f"spaCy tok2vec+parser+ner, nlp.pipe (batch {nlp.batch_size})", "spacy", load["spacy"])
    row("spaCy tok2vec+parser+ner, nlp.pipe, batch 16", "spacy-16", None)
    row("docgraph Extractor().pipe", "docgraph", load["docgraph"])
    row("  of which its spaCy pipeline (nlp.pipe)", "docgraph-nlp", None)
    row("docgraph Extractor(fast=True).pipe", "fast", load["fast"])
    if parallel_s is not None:
        p_rate = n_words / parallel_s
        print(
            f"{f'docgraph pipe_parallel(processes={args.processes})':<44} {overhead_s:>7.2f} "
            f"{parallel_s:>7.2f} {'':>8} {p_rate:>9,.0f} {p_rate / base:>7.2f}x"
        )
    spacy_part = best["docgraph-nlp"] / best["docgraph"]
    print(
        f"\nbreakdown of docgraph's time: its spaCy pipeline {100 * spacy_part:.0f}% "
        f"(bare tok2vec+parser+ner alone would be {100 * best['spacy'] / best['docgraph']:.0f}%), "
        f"docgraph's components {100 * (1 - spacy_part):.0f}%"
    )
    print(
        "found: "
        + ", ".join(f"{k} {e:,} entities / {r:,} relations" for k, (e, r) in counts.items())
    )
    if parallel_s is not None:
        steady = n_words / max(1e-9, parallel_s - overhead_s)
        print(
            f"pipe_parallel: {n_words / parallel_s:,.0f} words/s including a fixed "
            f"{overhead_s:.1f} s per call (pool + {args.processes} model loads, measured on "
            f"{2 * args.processes} documents); about {steady:,.0f} words/s without it; "
            f"{n_words / parallel_s / rate['docgraph']:.2f}x one process"
        )

    ratio = rate["docgraph"] / base
    ratio16 = rate["docgraph"] / rate["spacy-16"]
    par = (
        f"; {args.processes} processes {n_words / parallel_s:,.0f} words/s "
        f"({n_words / parallel_s / rate['docgraph']:.2f}x one process)"
        if parallel_s is not None
        else ""
    )

    def verdict(ok: bool) -> str:
        return "met" if ok else "MISSED"

    print(
        f"\nsummary: docgraph {rate['docgraph']:,.0f} words/s = {ratio:.2f}x bare spaCy (tok2vec+parser+ner) "
        f"({base:,.0f} words/s; target >= {TARGET_RATIO}: {verdict(ratio >= TARGET_RATIO)}), "
        f"{ratio16:.2f}x at the same batch size 16; fast {rate['fast']:,.0f} words/s "
        f"(target >= {TARGET_FAST:,}: {verdict(rate['fast'] >= TARGET_FAST)}){par}"
    )
    wanted = {
        "default": ratio < TARGET_RATIO or ratio16 < TARGET_RATIO,
        "fast": rate["fast"] < TARGET_FAST,
    }
    if args.profile:
        wanted = {k: args.profile in (k, "both") for k in wanted}
    if wanted["default"]:
        profile_docgraph(extractor, docs, args.top, "docgraph (default)")
    if wanted["fast"]:
        profile_docgraph(fast, docs, args.top, "docgraph fast")


if __name__ == "__main__":
    main()
