"""Extraction time on hostile text: the shapes that make regular expressions backtrack.

    .venv/bin/python bench/hostile_text.py [--size 40000] [--fast-only]

Each case is about ``--size`` characters. It prints seconds per case for the fast and the
default pipeline, and the ratio to ordinary prose of the same length in the same process
(the baseline). A ratio far above 1 means a rule costs more than linear time on that
shape; the 40,000-space run took 101 s before the spacing regexes were made linear.
"""

from __future__ import annotations

import argparse
import time

from docgraph.graph.model import Document
from docgraph.loaders.extract import Extractor

PROSE = (
    "Mali is a member of the African Union and ECOWAS. In 2013 France launched Operation "
    "Serval at the request of the Malian government, and Chad sent troops. "
)


def cases(size: int) -> dict[str, str]:
    half = size // 2
    return {
        "prose (baseline)": (PROSE * (size // len(PROSE) + 1))[:size],
        "one run of spaces": "Mali " + " " * half + "\n" + " " * half + "Niger.",
        "capitalised words, no full stop": " ".join(["Republic", "Of", "Mali"] * (size // 16)),
        "commas and 'and', no full stop": "Mali, " * (size // 12) + "and Niger",
        "blank lines": "Mali\n\n" * (size // 6),
        "open brackets": "Mali (Niger (" * (size // 13),
        "citation markers": "Mali[12] " * (size // 9),
    }


def timed(extractor: Extractor, text: str) -> float:
    started = time.perf_counter()
    extractor.extract(Document("bench", "bench.txt", text, "0"))
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=40_000)
    parser.add_argument("--fast-only", action="store_true")
    args = parser.parse_args()
    pipelines = {"fast": Extractor(fast=True)}
    if not args.fast_only:
        pipelines["default"] = Extractor()
    for extractor in pipelines.values():
        extractor.extract(Document("warm", "warm.txt", PROSE, "0"))  # load models first
    texts = cases(args.size)
    print(f"{len(PROSE.split())}-word prose repeated vs hostile shapes, {args.size:,} characters")
    header = f"{'case':34}" + "".join(f"{name + ' s':>12}{'vs prose':>10}" for name in pipelines)
    print(header)
    baseline = {name: timed(ex, texts["prose (baseline)"]) for name, ex in pipelines.items()}
    for case, text in texts.items():
        row = f"{case:34}"
        for name, extractor in pipelines.items():
            seconds = baseline[name] if case.startswith("prose") else timed(extractor, text)
            row += f"{seconds:>12.2f}{seconds / baseline[name]:>9.1f}x"
        print(row)


if __name__ == "__main__":
    main()
