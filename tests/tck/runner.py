"""Play one TCK scenario on a docgraph store and say how it went.

Every query goes through docgraph's own store classes (``GraphStore.query``), so what is
measured is what ``docgraph query --write`` and ``Graph.query`` give a user. An outcome
is one of four classes:

- ``pass``;
- ``refuses valid``: valid Cypher the store rejects (an error where the TCK expects rows,
  or a setup statement that fails, or a test procedure that cannot be registered);
- ``wrong answer``: rows, columns or side effects other than the TCK's;
- ``accepts invalid``: no error where the TCK expects one (the kind of error is not
  compared: engines name them differently).
"""

from __future__ import annotations

import re
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gherkin import Scenario
from values import Canon, canonical, parse_value, sort_lists

from docgraph.errors import StoreUnavailable
from docgraph.graph.results import NodeValue, RelationshipValue
from docgraph.graph.stores.base import GraphStore

__all__ = ["CLASSES", "Outcome", "kglite_stores", "play", "read_known", "write_known"]

PASS = "pass"
REFUSES_VALID = "refuses valid"
WRONG_ANSWER = "wrong answer"
ACCEPTS_INVALID = "accepts invalid"
CLASSES = (REFUSES_VALID, WRONG_ANSWER, ACCEPTS_INVALID)
#: per statement, so one runaway query cannot stall the suite
QUERY_TIMEOUT = 20.0

StoreFactory = Callable[[], GraphStore]


@dataclass(slots=True)
class Outcome:
    status: str
    detail: str = ""


class _Stop(Exception):
    def __init__(self, outcome: Outcome) -> None:
        self.outcome = outcome


def to_python(value: Canon) -> Any:
    """A canonical expected value back to the Python value a parameter takes."""
    tag = value[0]
    if tag == "null":
        return None
    if tag in ("bool", "int", "str"):
        return value[1]
    if tag == "float":
        return float(value[1]) if isinstance(value[1], str) else value[1]
    if tag == "list":
        return [to_python(v) for v in value[1]]
    if tag == "map":
        return {k: to_python(v) for k, v in value[1]}
    raise ValueError(f"a {tag} cannot be a parameter")


def graph_state(store: GraphStore) -> dict[str, set]:
    """Nodes, relationships, labels and properties, as the store returns them."""
    nodes = store.query("MATCH (n) RETURN n", timeout=QUERY_TIMEOUT).value("n")
    rels = store.query("MATCH ()-[r]->() RETURN r", timeout=QUERY_TIMEOUT).value("r")
    props: set = set()
    for item in [*nodes, *rels]:
        if isinstance(item, (NodeValue, RelationshipValue)):
            for key, val in item["properties"].items():
                props.add((item["element_id"], key, repr(canonical(val))))
    return {
        "nodes": {n["element_id"] for n in nodes if isinstance(n, NodeValue)},
        "relationships": {r["element_id"] for r in rels if isinstance(r, RelationshipValue)},
        "labels": {lab for n in nodes if isinstance(n, NodeValue) for lab in n["labels"]},
        "properties": props,
    }


def side_effects(before: dict[str, set], after: dict[str, set]) -> dict[str, int]:
    out: dict[str, int] = {}
    for kind in ("nodes", "relationships", "labels", "properties"):
        out[f"+{kind}"] = len(after[kind] - before[kind])
        out[f"-{kind}"] = len(before[kind] - after[kind])
    return out


def _describe(rows: Any, limit: int = 300) -> str:
    text = repr(rows)
    return text if len(text) <= limit else text[:limit] + "…"


def _compare(step_text: str, table: list[list[str]] | None, result: Any) -> None:
    if step_text == "the result should be empty":
        if result.records:
            raise _Stop(Outcome(WRONG_ANSWER, f"expected no rows, got {_describe(result.data())}"))
        return
    ordered = "in order" in step_text
    ignore_lists = "ignoring element order for lists" in step_text
    header, *rows = table or [[]]
    if set(header) != set(result.keys):
        raise _Stop(Outcome(WRONG_ANSWER, f"columns {result.keys}, expected {header}"))

    def fix(value: Canon) -> Canon:
        return sort_lists(value) if ignore_lists else value

    expected = [tuple(fix(parse_value(cell)) for cell in row) for row in rows]
    actual = [tuple(fix(canonical(rec.get(col))) for col in header) for rec in result.records]
    same = expected == actual if ordered else Counter(expected) == Counter(actual)
    if not same:
        raise _Stop(
            Outcome(
                WRONG_ANSWER,
                f"expected {_describe(expected)}, got {_describe(actual)}",
            )
        )


def play(scenario: Scenario, new_store: StoreFactory, graphs: Path) -> Outcome:
    """Run ``scenario`` on fresh stores from ``new_store``; the outcome of the first failure."""
    store: GraphStore | None = None
    params: dict[str, Any] = {}
    result: Any = None
    error: Exception | None = None
    before: dict[str, set] | None = None
    after: dict[str, set] | None = None

    def run(cypher: str, **kw: Any) -> Any:
        assert store is not None
        return store.query(cypher, kw.get("params") or {}, write=True, timeout=QUERY_TIMEOUT)

    try:
        for step in scenario.steps:
            text = step.text
            if text in ("an empty graph", "any graph"):
                store = new_store()
            elif re.fullmatch(r"the [\w-]+ graph", text):
                store = new_store()
                name = text.split()[1]
                script = (graphs / name / f"{name}.cypher").read_text(encoding="utf-8")
                try:
                    run(script)
                except StoreUnavailable:
                    raise
                except Exception as exc:  # noqa: BLE001 - any refusal of valid setup Cypher
                    raise _Stop(Outcome(REFUSES_VALID, f"graph {name}: {exc}")) from exc
            elif text.startswith("there exists a procedure"):
                raise _Stop(Outcome(REFUSES_VALID, "the store cannot register test procedures"))
            elif text == "having executed:":
                try:
                    run(step.doc or "")
                except StoreUnavailable:
                    raise
                except Exception as exc:  # noqa: BLE001
                    raise _Stop(Outcome(REFUSES_VALID, f"setup: {exc}")) from exc
            elif text == "parameters are:":
                params = {row[0]: to_python(parse_value(row[1])) for row in step.table or []}
            elif text in ("executing query:", "executing control query:"):
                control = text.startswith("executing control")
                before = None if control else graph_state(store)
                try:
                    result, error = run(step.doc or "", params=params), None
                except StoreUnavailable:
                    raise
                except Exception as exc:  # noqa: BLE001
                    result, error = None, exc
                after = None if control or error else graph_state(store)
            elif text.startswith("the result should be"):
                if error is not None:
                    raise _Stop(Outcome(REFUSES_VALID, str(error)))
                _compare(text, step.table, result)
            elif re.fullmatch(r"an? \w+ should be raised at [\w ]+(: [\w*]+)?", text):
                if error is None:
                    rows = _describe(result.data()) if result is not None else ""
                    raise _Stop(Outcome(ACCEPTS_INVALID, f"expected {text}; got {rows}"))
            elif text in ("no side effects", "the side effects should be:"):
                if error is not None or before is None or after is None:
                    continue
                got = side_effects(before, after)
                want = dict.fromkeys(got, 0)
                for key, count in step.table or []:
                    want[key] = int(count)
                if got != want:
                    diff = {k: v for k, v in got.items() if v}
                    raise _Stop(
                        Outcome(WRONG_ANSWER, f"side effects {diff}, expected {step.table or {}}")
                    )
            else:
                raise ValueError(f"{scenario.key}: unknown step {text!r}")
    except _Stop as stop:
        return stop.outcome
    return Outcome(PASS)


@contextmanager
def kglite_stores() -> Iterator[StoreFactory]:
    """Fresh embedded stores, each in its own folder, closed when the next one opens."""
    from docgraph.graph.stores.kglite_store import KgliteStore

    with tempfile.TemporaryDirectory(prefix="docgraph-tck-") as tmp:
        opened: list[GraphStore] = []
        count = 0

        def factory() -> GraphStore:
            nonlocal count
            while opened:
                opened.pop().close()
            count += 1
            store = KgliteStore(Path(tmp) / f"s{count}")
            opened.append(store)
            return store

        try:
            yield factory
        finally:
            while opened:
                opened.pop().close()


@contextmanager
def neo4j_stores(uri: str, user: str, password: str) -> Iterator[StoreFactory]:
    """One Neo4j store, emptied for every scenario."""
    from docgraph.graph.stores.neo4j_store import Neo4jStore

    store = Neo4jStore(uri, username=user, password=password)

    def factory() -> GraphStore:
        store.query("MATCH (n) DETACH DELETE n", write=True)
        return store

    try:
        yield factory
    finally:
        # leave the shared test database as the other Neo4j tests expect it: empty
        store.query("MATCH (n) DETACH DELETE n", write=True)
        store.close()


# --- the checked-in lists of known failures -----------------------------------------------

LINE = re.compile(r"^\[(?P<cls>[a-z ]+)\] (?P<key>.+)$")


def read_known(path: Path) -> dict[str, str]:
    """``{scenario key: class}`` from a known-failures file (``[class] key`` per line)."""
    known: dict[str, str] = {}
    if not path.exists():
        return known
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        match = LINE.match(raw)
        if not match or match["cls"] not in CLASSES:
            raise ValueError(f"{path}: bad line {raw!r}")
        known[match["key"]] = match["cls"]
    return known


def write_known(path: Path, failures: dict[str, str], header: str) -> None:
    lines = [f"# {line}" for line in header.strip().splitlines()]
    lines += [f"[{cls}] {key}" for key, cls in failures.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
