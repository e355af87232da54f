"""Many small files: ``docgraph build DIR --fast`` on 10,000 and 100,000 files.

    .venv/bin/python bench/many_files.py [--files 10000 100000] [--keep DIR] [--profile]

Each file is a short news item (two to four sentences, about 30 words): its first sentence
pairs one of three countries with one of three partners (Mali and France …), the others
name countries of a list of 30 and one of 8 bodies, so that the same facts are stated
again by thousands of files: what made merging quadratic (every repeated fact rebuilt and
re-sorted its evidence on each merge). The
files are written once per size (not timed), then the real command line is run in a
fresh process, timed from start to exit, and then run again on the unchanged files (the
no-op rebuild). It prints files, seconds, files/s and the store's counts; no figure is
asserted. ``--profile`` runs the first build under cProfile in this process and prints the
hotspots instead.

Figures (2026-12-02, this 2-core machine, 30 words a file; "before" is the code before
issue 14, where every merge of a repeated fact rebuilt the set of its evidence and
re-sorted it):

    files     before          after          no-op rebuild (after)
    10,000    76.7 s          28.9 s         3.7 s
    20,000    369.0 s (*)     -
    100,000   not run (**)    228.6 s        15.9 s

(*) measured while another test run shared the machine. (**) extrapolated, not measured:
the merge cost grows with the square of the files, so 100,000 would take about 25 times
the 20,000 figure, hours; the issue measured 29 minutes on its corpus. After the fix the
time per file is flat (2.9 ms at 10,000, 2.3 ms at 100,000), most of it extraction.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DOCGRAPH = [sys.executable, "-m", "docgraph.cli"]

COUNTRIES = [
    "Mali", "Niger", "Chad", "Burkina Faso", "Mauritania", "Senegal", "France", "Germany",
    "Nigeria", "Ghana", "Algeria", "Morocco", "Libya", "Egypt", "Sudan", "Ethiopia", "Kenya",
    "China", "Russia", "Turkey", "Brazil", "India", "Japan", "Canada", "Italy", "Spain",
    "Togo", "Benin", "Guinea", "Gabon",
]  # fmt: skip
BODIES = [
    "ECOWAS", "the African Union", "the United Nations", "the G5 Sahel", "NATO",
    "the European Union", "the World Bank", "the Arab League",
]  # fmt: skip
SENTENCES = [
    "{a} and {b} held talks in {y} on security in the Sahel.",
    "{a} is a member of {o}.",
    "Officials from {b} and {c} met in {y}.",
    "{a} welcomed the decision of {o} on trade with {b}.",
    "The meeting between {c} and {a} ended without an agreement.",
]


def write_corpus(folder: Path, files: int, seed: int = 14) -> int:
    """``files`` small documents in ``folder`` (100 per subfolder); their total words."""
    rng = random.Random(seed)
    words = 0
    for i in range(files):
        # a corpus about a few countries, as news about a region is: each of the few
        # pairs of the first sentence is stated again by thousands of files
        a, b = rng.choice(COUNTRIES[:3]), rng.choice(COUNTRIES[6:9])
        c = rng.choice(COUNTRIES)
        values = {"a": a, "b": b, "c": c, "o": rng.choice(BODIES), "y": rng.randint(1990, 2024)}
        picked = [SENTENCES[0], *rng.sample(SENTENCES[1:], rng.randint(1, 3))]
        text = " ".join(s.format(**values) for s in picked)
        sub = folder / f"{i // 100:05d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"news-{i:06d}.txt").write_text(text + "\n", encoding="utf-8")
        words += len(text.split())
    return words


def timed_build(corpus: Path, store: Path) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(
        [*DOCGRAPH, "build", str(corpus), "--fast", "--store", str(store)],
        capture_output=True,
        text=True,
        cwd=store.parent,
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"docgraph build failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
    return seconds, done.stdout


def store_counts(store: Path) -> dict:
    done = subprocess.run(
        [*DOCGRAPH, "stats", "--format", "json", "--store", str(store)],
        capture_output=True,
        text=True,
        check=True,
        cwd=store.parent,
    )
    return json.loads(done.stdout)


def profile_build(corpus: Path, store: Path) -> None:
    import docgraph

    profiler = cProfile.Profile()
    profiler.enable()
    docgraph.build([corpus], store=store, fast=True).close()
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--keep", type=Path, default=None, help="Write corpora and stores here.")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="docgraph-many-files-"))
    print(f"{'files':>8} {'words':>10} {'build s':>9} {'files/s':>8} {'rebuild s':>10}  store")
    try:
        for files in args.files:
            corpus, store = work / f"corpus-{files}", work / f"store-{files}"
            shutil.rmtree(store, ignore_errors=True)
            if not corpus.exists():
                words = write_corpus(corpus, files)
            else:
                words = sum(len(p.read_text().split()) for p in corpus.rglob("*.txt"))
            if args.profile:
                profile_build(corpus, store)
                continue
            seconds, _ = timed_build(corpus, store)
            again, _ = timed_build(corpus, store)
            counts = store_counts(store)
            print(
                f"{files:>8,} {words:>10,} {seconds:>9.1f} {files / seconds:>8,.0f} "
                f"{again:>10.1f}  {counts['documents']:,} documents, "
                f"{counts['entities']:,} entities, {counts['relationships']:,} relationships",
                flush=True,
            )
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
