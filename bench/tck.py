"""The openCypher TCK on docgraph's stores: a table per feature folder.

    .venv/bin/python bench/tck.py                    # embedded store only
    .venv/bin/python bench/tck.py --neo4j            # and the test Neo4j (NEO4J_TEST_SERVER_RUNDIR)
    .venv/bin/python bench/tck.py --write-known      # rewrite tests/tck/known_failures_*.txt

Each scenario is played through docgraph's own store classes (what ``docgraph query``
gives), by the runner the test suite uses (tests/tck/). Columns: scenarios, pass, refuses
valid Cypher, wrong answer, accepts invalid Cypher. Prints figures only; the test suite
is what fails on a change.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests" / "tck"), str(ROOT / "tests")]

from fetch import VERSION, ensure_tck  # noqa: E402
from gherkin import load_scenarios  # noqa: E402
from runner import (  # noqa: E402
    ACCEPTS_INVALID,
    PASS,
    REFUSES_VALID,
    WRONG_ANSWER,
    kglite_stores,
    neo4j_stores,
    play,
    write_known,
)

KNOWN = {
    "embedded": ROOT / "tests" / "tck" / "known_failures_embedded.txt",
    "neo4j": ROOT / "tests" / "tck" / "known_failures_neo4j.txt",
}
HEADER = """Scenarios of the openCypher TCK {version} that the {store} store fails, with the class
of failure. tests/tck fails on a failure not listed here and on a listed scenario that
passes or fails differently: the list only shrinks. Regenerate with
`.venv/bin/python bench/tck.py {flag}--write-known` after a fix."""


def run_all(store: str, factory_cm, scenarios, graphs: Path) -> dict[str, tuple[str, str]]:
    outcomes: dict[str, tuple[str, str]] = {}
    with factory_cm as factory:
        for scenario in scenarios:
            outcome = play(scenario, factory, graphs)
            outcomes[scenario.key] = (scenario.folder, outcome.status)
    return outcomes


def table(results: dict[str, dict[str, tuple[str, str]]]) -> str:
    cols = (PASS, REFUSES_VALID, WRONG_ANSWER, ACCEPTS_INVALID)
    stores = list(results)
    per: dict[str, dict[str, Counter]] = {s: defaultdict(Counter) for s in stores}
    for s, outcomes in results.items():
        for folder, status in outcomes.values():
            per[s][folder][status] += 1
            per[s]["total"][status] += 1
    folders = sorted({f for s in stores for f in per[s]} - {"total"}) + ["total"]
    head = "| folder | scenarios | " + " | ".join(
        f"{s} pass / refuses valid / wrong / accepts invalid" for s in stores
    )
    lines = [head + " |", "|---|---:|" + "---|" * len(stores)]
    for folder in folders:
        counts = [per[s][folder] for s in stores]
        n = sum(counts[0].values())
        cells = []
        for c in counts:
            pct = 100 * c[PASS] / n if n else 0
            cells.append(f"{c[PASS]} ({pct:.1f} %) / " + " / ".join(str(c[k]) for k in cols[1:]))
        name = f"**{folder}**" if folder == "total" else folder
        lines.append(f"| {name} | {n} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--neo4j", action="store_true", help="also run on the test Neo4j")
    parser.add_argument("--only-neo4j", action="store_true", help="run on the test Neo4j only")
    parser.add_argument("--write-known", action="store_true", help="rewrite the known lists")
    parser.add_argument("--filter", default="", help="only scenarios whose key contains this")
    args = parser.parse_args()
    tck = ensure_tck()
    scenarios = [s for s in load_scenarios(tck) if args.filter in s.key]
    results: dict[str, dict[str, tuple[str, str]]] = {}
    seconds: dict[str, float] = {}
    if not args.only_neo4j:
        started = time.perf_counter()
        results["embedded"] = run_all("embedded", kglite_stores(), scenarios, tck / "graphs")
        seconds["embedded"] = time.perf_counter() - started
    if args.neo4j or args.only_neo4j:
        import neo4j_server

        info = neo4j_server.info() or neo4j_server.start()
        started = time.perf_counter()
        stores = neo4j_stores(info.uri, info.user, info.password)
        results["neo4j"] = run_all("neo4j", stores, scenarios, tck / "graphs")
        seconds["neo4j"] = time.perf_counter() - started
    print(f"openCypher TCK {VERSION}: {len(scenarios)} scenarios")
    print(", ".join(f"{s} {t:.0f} s" for s, t in seconds.items()))
    print(table(results))
    if args.write_known:
        if args.filter:
            sys.exit("--write-known needs the whole TCK (no --filter)")
        for store, outcomes in results.items():
            failures = {k: st for k, (_, st) in outcomes.items() if st != PASS}
            flag = "--only-neo4j " if store == "neo4j" else ""
            write_known(
                KNOWN[store],
                failures,
                HEADER.format(version=VERSION, store=store, flag=flag),
            )
            print(f"wrote {len(failures)} known failures to {KNOWN[store].relative_to(ROOT)}")


if __name__ == "__main__":
    main()
