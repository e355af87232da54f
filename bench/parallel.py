"""What ``-j 2`` buys: words/s of extraction alone, ``build -j 1`` and ``build -j 2`` on the
same corpus, in one process, the three alternated so a neighbour's load falls on all.

    .venv/bin/python bench/parallel.py [--documents 1000] [--seed 1] [--rounds 2] [--fast]
                                       [--processes 2]

The documents come from ``bench/corpus.py`` (about 170 words each, the length of a
Wikipedia lead), written as one ``.jsonl`` file. Each round times, in this order:

- **extract**: ``Extractor().pipe(docs)`` in this process (a fresh extractor, so its model
  load is counted, as in a build), what ``docgraph extract`` runs;
- **build -j 1**: ``docgraph.build`` of the file into a fresh embedded store (read,
  extract, merge, write);
- **build -j N**: the same with ``processes=N``.

Both builds must give the same graph (checked: entities, relationships, evidence). The
ratio that matters is ``build -j N / build -j 1``. Other processes share the cores, so
each round also prints the load average before it, the cores ``-j N`` got (its CPU
seconds, workers included, over its wall seconds: at most N), how many cores the whole
machine kept busy meanwhile (when that is all of them, the rest went to a neighbour; when
it is not, -j N left cores idle), and its CPU seconds over those of ``-j 1`` (the work
the processes add: 1.0 is none). Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import Corpus  # noqa: E402

import docgraph  # noqa: E402
from docgraph.graph.model import Document, GraphData  # noqa: E402
from docgraph.loaders.extract import Extractor  # noqa: E402


def _cpu() -> float:
    """CPU seconds of this process and of its children that have ended (the workers of a
    pool are joined when it shuts down), so a run's CPU time includes its workers'."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _machine() -> tuple[float, float] | None:
    """(busy, total) CPU ticks of the whole machine, from /proc/stat where there is one."""
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            ticks = [float(x) for x in stat.readline().split()[1:]]
    except OSError:
        return None
    idle = ticks[3] + ticks[4]  # idle, iowait
    return sum(ticks) - idle, sum(ticks)


def _busy_cores(before: tuple[float, float] | None) -> float:
    """How many cores the whole machine kept busy since ``before`` (us and the rest)."""
    after = _machine()
    if before is None or after is None or after[1] == before[1]:
        return float("nan")
    return (after[0] - before[0]) / (after[1] - before[1]) * (os.cpu_count() or 1)


def _extract(docs: list[Document], fast: bool) -> float:
    started = time.perf_counter()
    for _ in Extractor(fast=fast).pipe(docs):
        pass
    return time.perf_counter() - started


def _build(source: Path, store: Path, fast: bool, processes: int) -> tuple[float, float, GraphData]:
    """(wall seconds, CPU seconds, graph) of ``docgraph.build``."""
    started, cpu = time.perf_counter(), _cpu()
    with docgraph.build([source], store=store, fast=fast, processes=processes) as graph:
        seconds, cpu = time.perf_counter() - started, _cpu() - cpu
        report = graph.last_build
        if report is None or report.errors:
            raise SystemExit(f"build failed: {report and report.errors[:3]}")
        return seconds, cpu, graph.read()


def _fingerprint(data: GraphData) -> tuple:
    entities = [
        (e.id, e.name, sorted(e.aliases), sorted(e.mentions.items()))
        for e in data.entities.values()
    ]
    relations = sorted((r.key, r.evidence) for r in data.relations.values())
    return entities, relations


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000, help="corpus size")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed")
    parser.add_argument("--rounds", type=int, default=2, help="times each of the three runs")
    parser.add_argument("--fast", action="store_true", help="--fast extraction (no model)")
    parser.add_argument("--processes", type=int, default=2, help="N of build -j N")
    args = parser.parse_args(argv)
    docs = [Document(i, f"{i}.txt", t, i) for i, t in Corpus(args.documents, args.seed).documents()]
    words = sum(len(d.text.split()) for d in docs)
    mode = "--fast" if args.fast else "default"
    print(
        f"{len(docs):,} documents, {words:,} words (bench/corpus.py seed {args.seed}); "
        f"extraction: {mode}; {os.cpu_count()} cores, shared with whatever else runs"
    )
    _extract(docs[:20], args.fast)  # imports and first model load, not counted
    runs: dict[str, list[float]] = {
        "extract": [],
        "build -j 1": [],
        f"build -j {args.processes}": [],
    }
    print(
        "\n| round | load avg | extract words/s | build -j 1 words/s "
        f"| build -j {args.processes} words/s | -j {args.processes} / -j 1 "
        f"| cores used by -j {args.processes} (machine busy) | CPU -j {args.processes} / -j 1 "
        "| same graph |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "corpus.jsonl"
        with source.open("w", encoding="utf-8") as out:
            for d in docs:
                out.write(json.dumps({"id": d.id, "text": d.text}, ensure_ascii=False) + "\n")
        for n in range(1, args.rounds + 1):
            load = os.getloadavg()[0]
            t_extract = _extract(docs, args.fast)
            t_one, cpu_one, one = _build(source, Path(tmp) / f"one-{n}", args.fast, 1)
            machine = _machine()
            t_many, cpu_many, many = _build(
                source, Path(tmp) / f"many-{n}", args.fast, args.processes
            )
            busy = _busy_cores(machine)
            for key, seconds in zip(runs, (t_extract, t_one, t_many), strict=True):
                runs[key].append(seconds)
            same = _fingerprint(one) == _fingerprint(many)
            print(
                f"| {n} | {load:.1f} | {words / t_extract:,.0f} | {words / t_one:,.0f} "
                f"| {words / t_many:,.0f} | {t_one / t_many:.2f}× | {cpu_many / t_many:.2f} ({busy:.2f}) "
                f"| {cpu_many / cpu_one:.2f} | {'yes' if same else 'NO'} |",
                flush=True,
            )
    best = {key: min(values) for key, values in runs.items()}
    median = {key: statistics.median(values) for key, values in runs.items()}
    many_key = f"build -j {args.processes}"
    print(
        f"\nbest of {args.rounds}: extract {best['extract']:.1f} s, build -j 1 "
        f"{best['build -j 1']:.1f} s, {many_key} {best[many_key]:.1f} s; "
        f"-j {args.processes} / -j 1 = {best['build -j 1'] / best[many_key]:.2f}× "
        f"(median {median['build -j 1'] / median[many_key]:.2f}×); "
        f"build -j 1 / extract = {best['extract'] / best['build -j 1']:.2f}×"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
