"""The embedded default: a kglite graph in a folder, answering Cypher with no server."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from docgraph.errors import QueryError, StoreError, StoreUnavailable
from docgraph.graph.results import NodeValue, QueryResult, RelationshipValue
from docgraph.graph.stores.base import WRITE_COUNTERS, GraphStore, ProgressCallback, Statement

__all__ = ["KgliteStore"]

GRAPH_FILE = "graph.kgl"


def _convert(value: Any) -> Any:
    """kglite's node/relationship dicts → the store-neutral result values."""
    if isinstance(value, dict):
        if {"labels", "properties", "id"} <= value.keys():
            props = {k: v for k, v in value["properties"].items() if k not in ("title", "type")}
            return NodeValue(
                element_id=str(value["id"]), labels=sorted(value["labels"]), properties=props
            )
        if {"type", "start", "end", "properties"} <= value.keys():
            props = {k: v for k, v in value["properties"].items() if k != "type"}
            return RelationshipValue(
                element_id=str(value.get("id")),
                type=value["type"],
                start=str(value["start"]),
                end=str(value["end"]),
                properties=props,
            )
        return {k: _convert(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_convert(v) for v in value]
    return value


class KgliteStore(GraphStore):
    """A docgraph store in ``folder/graph.kgl`` with kglite's write-ahead log.

    One process writes at a time: kglite holds a lock while the store is open, and a
    second writer gets :class:`StoreUnavailable` instead of a silent overwrite.
    """

    name = "embedded"

    def __init__(self, folder: str | Path, *, create: bool = True) -> None:
        import kglite

        # kglite warns on stderr about unknown relationship types in a pattern; the answer
        # (no rows) is the same as Neo4j's, so keep the CLI's output clean
        kglite.set_query_warning_policy("silent")
        self.folder = Path(folder)
        self.path = self.folder / GRAPH_FILE
        if not self.path.exists() and not create:
            raise StoreUnavailable(
                f"no docgraph store at {self.folder}: run 'docgraph build PATH' first"
            )
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._graph = kglite.open(str(self.path))
        except kglite.WriterLeaseHeldError as exc:
            raise StoreUnavailable(
                f"the store {self.folder} is open in another process; close it and retry"
            ) from exc
        except (OSError, kglite.KgError, ValueError) as exc:
            raise StoreUnavailable(f"cannot open the store {self.folder}: {exc}") from exc
        self._dirty = False

    def describe(self) -> str:
        return f"embedded store {self.folder}"

    def query(
        self,
        cypher: str,
        params: dict[str, Any] | None = None,
        *,
        write: bool = False,
        timeout: float | None = None,
    ) -> QueryResult:
        import kglite

        graph = self._graph
        graph.read_only(not write)
        try:
            view = graph.cypher(
                cypher,
                params=params or {},
                timeout_ms=int(timeout * 1000) if timeout else None,
            )
        except kglite.ReadOnlyError as exc:
            raise QueryError(
                "this query writes to the store; queries are read-only unless you pass --write"
            ) from exc
        except kglite.CypherTimeoutError as exc:
            raise QueryError(f"the query ran past the timeout of {timeout:g} s") from exc
        except (kglite.CypherError, ValueError, kglite.ArgumentError) as exc:
            raise QueryError(_one_line(str(exc))) from exc
        except kglite.KgError as exc:
            raise StoreError(_one_line(str(exc))) from exc
        finally:
            graph.read_only(False)
        if write:
            self._dirty = True
        if view is None:
            raise QueryError(f"the query ran past the timeout of {timeout:g} s")
        keys = list(view.columns)
        records = [{k: _convert(row.get(k)) for k in keys} for row in view.to_list()]
        stats = dict(graph.last_mutation_stats or {}) if write else {}
        return QueryResult(keys, records, stats)

    def _write_batches(
        self, batches: Iterable[Statement], progress: ProgressCallback | None
    ) -> dict[str, int]:
        totals = dict.fromkeys(WRITE_COUNTERS, 0)
        for batch in batches:
            result = self.query(batch.cypher, {"rows": batch.rows}, write=True)
            for key in WRITE_COUNTERS:
                totals[key] += int(result.stats.get(key, 0))
            if progress:
                progress(len(batch.rows))
        self.save()
        return totals

    def save(self) -> None:
        """Fold the write-ahead log into the checkpoint file."""
        if self._dirty:
            self._graph.save()
            self._dirty = False

    def close(self) -> None:
        if getattr(self, "_graph", None) is not None:
            self.save()
            self._graph.close()
            self._graph = None


def _one_line(message: str) -> str:
    """kglite's messages can carry a caret diagram; keep the first line with the position."""
    first = message.strip().splitlines()[0] if message.strip() else "query failed"
    return re.sub(r"\s+", " ", first)
