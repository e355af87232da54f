"""The embedded default: a kglite graph in a folder, answering Cypher with no server."""

from __future__ import annotations

import difflib
import os
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from docgraph.errors import QueryError, StoreError, StoreUnavailable
from docgraph.graph.results import NodeValue, QueryResult, RelationshipValue
from docgraph.graph.stores.base import WRITE_COUNTERS, GraphStore, ProgressCallback, Statement
from docgraph.graph.stores.guard import (
    check_boolean_operands,
    check_file_access,
    check_known_wrong,
    check_unbounded_paths,
    check_variable_kinds,
)

__all__ = ["KgliteStore"]

GRAPH_FILE = "graph.kgl"
#: kglite's write-ahead log beside the checkpoint; it alone holds a store never checkpointed
WAL_SUFFIX = "-wal"
#: the write-ahead log is folded into the checkpoint when it reaches this share of it
CHECKPOINT_SHARE = 0.25
#: the size of an empty write-ahead log (its header)
_EMPTY_LOG = 64
#: the label kglite gives a node created without one
UNLABELLED = "Node"


def _node(value: dict[str, Any]) -> NodeValue:
    """A kglite node without what kglite adds: ``title``, ``type``, the ``Node`` label and
    a minted ``id``.

    kglite gives every node a ``type`` (its first label, or ``Node``), a ``title`` (its
    ``name``, or ``<type>_<id>``) and an ``id`` (a counter when none was stored). A
    stored ``title`` or ``type`` that differs from what kglite would mint is kept. An
    integer ``id`` is dropped only when it equals the node's internal id, as a minted one
    does while no integer ids are stored. docgraph's own ids are text, so this never
    touches them; a user's integer ``id`` equal to the internal id is hidden.
    """
    props = dict(value["properties"])
    kind = props.get("type")
    # a node created without a label keeps kglite's type "Node" after SET n:Label too
    minted_kind = kind == UNLABELLED or not value["labels"]
    labels = [lab for lab in value["labels"] if not (lab == UNLABELLED and minted_kind)]
    minted_title = f"{kind}_{props.get('id')}"
    title = props.get("title")
    minted_id = isinstance(props.get("id"), int) and str(props["id"]) == str(value["id"])
    if title is None or title == minted_title or title == props.get("name"):
        props.pop("title", None)
    if minted_id:
        props.pop("id")
    if kind is not None and (minted_kind or kind == value["labels"][0]):
        props.pop("type")
    return NodeValue(element_id=str(value["id"]), labels=sorted(labels), properties=props)


_NESTED = (dict, list)


def _convert(value: Any) -> Any:
    """kglite's node/relationship dicts → the store-neutral result values."""
    if isinstance(value, dict):
        if {"labels", "properties", "id"} <= value.keys():
            return _node(value)
        if {"type", "start", "end", "properties"} <= value.keys():
            props = {
                k: v for k, v in value["properties"].items() if k != "type" or v != value["type"]
            }
            return RelationshipValue(
                element_id=str(value.get("id")),
                type=value["type"],
                start=str(value["start"]),
                end=str(value["end"]),
                properties=props,
            )
        return {k: _convert(v) if isinstance(v, _NESTED) else v for k, v in value.items()}
    if isinstance(value, list):
        # evidence arrays are long lists of strings and numbers: nothing to convert
        if not any(isinstance(v, _NESTED) for v in value):
            return value
        return [_convert(v) for v in value]
    return value


def _close_store(folder: Path) -> str:
    """A hint naming a store beside ``folder`` with a close name (a typo), or nothing."""
    parent = folder.parent
    try:
        stores = [p.name for p in parent.iterdir() if (p / GRAPH_FILE).exists()]
    except OSError:
        return ""
    close = difflib.get_close_matches(folder.name, stores, n=1)
    return f" (did you mean {str(parent / close[0])!r}?)" if close else ""


class KgliteStore(GraphStore):
    """A docgraph store in ``folder/graph.kgl`` with kglite's write-ahead log.

    One process writes at a time: kglite holds a lock while the store is open, and a
    second writer gets :class:`StoreUnavailable` instead of a silent overwrite.
    """

    name = "embedded"

    def __init__(
        self, folder: str | Path, *, create: bool = True, allow_file_access: bool = False
    ) -> None:
        import kglite

        # kglite's warnings are read from each result (QueryResult.warnings) and printed
        # by this store, once, on sys.stderr where callers can capture them
        kglite.set_query_warning_policy("silent")
        self.folder = Path(folder)
        self.path = self.folder / GRAPH_FILE
        self.allow_file_access = allow_file_access
        wal = self.folder / (GRAPH_FILE + WAL_SUFFIX)
        # a store killed before its first checkpoint is only its write-ahead log
        if not self.path.exists() and not wal.exists() and not create:
            raise StoreUnavailable(
                f"no docgraph store at {str(self.folder)!r}{_close_store(self.folder)}: build "
                f"one with 'docgraph build PATH --store {self.folder}' or docgraph.build(paths, "
                "store=...); docgraph.open(path, create=True) makes an empty one"
            )
        #: opened from a folder this process may not write: queries only, no log, no lock
        self.read_only = False
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            # docgraph folds the log itself (save(), once it reaches CHECKPOINT_SHARE of
            # the checkpoint): kglite's own fold, every 16 MiB of log, rewrote the whole
            # graph from a background thread several times during a first build, each
            # time with a serialised copy of it in memory (10,000 documents: peak
            # 1.49 GB with it, 1.37 GB without)
            self._graph = kglite.open(str(self.path), auto_checkpoint_wal_mib=0)
        except kglite.WriterLeaseHeldError as exc:
            raise StoreUnavailable(
                f"the store {self.folder} is open in another process (one at a time); "
                "retry when it has finished"
            ) from exc
        except (OSError, kglite.KgError, ValueError) as exc:
            if not (self.path.exists() and _not_writable(self.folder, exc)):
                raise StoreUnavailable(f"cannot open the store {self.folder}: {exc}") from exc
            # a store on read-only media or in a folder of another user: read its
            # checkpoint (changes still only in a write-ahead log are not seen)
            try:
                self._graph = kglite.from_bytes(self.path.read_bytes())
            except (OSError, kglite.KgError, ValueError) as load_exc:
                raise StoreUnavailable(
                    f"cannot open the store {self.folder}: {load_exc}"
                ) from load_exc
            self.read_only = True
            if wal.exists() and wal.stat().st_size > _EMPTY_LOG:
                print(
                    f"warning: {self.folder} is read-only here: the changes in its write-ahead "
                    "log since the last checkpoint are not seen (open it once where it can be "
                    "written to fold them in)",
                    file=sys.stderr,
                )
        # opening builds the graph from the file and kglite's allocator keeps the pages
        # it used on the way: a third of the resident memory of a store just opened
        # (10,000 documents: 0.49 -> 0.32 GB), for as long as a notebook keeps it open
        kglite.trim_memory()
        self._dirty = False
        self._writing_batches = False

    def describe(self) -> str:
        return f"embedded store {self.folder}"

    def query(
        self,
        cypher: str,
        params: dict[str, Any] | None = None,
        *,
        write: bool = False,
        timeout: float | None = None,
        echo_warnings: bool = True,
    ) -> QueryResult:
        import kglite

        if write and self.read_only:
            raise StoreUnavailable(
                f"the store {self.folder} is read-only here (no permission to write to its "
                "folder): it can be queried, not changed"
            )
        check_file_access(cypher, write=write, allow_file_access=self.allow_file_access)
        check_unbounded_paths(cypher)
        check_known_wrong(cypher)
        check_boolean_operands(cypher)
        check_variable_kinds(cypher)
        graph = self._graph
        graph.read_only(not write)
        try:
            view = graph.cypher(
                cypher,
                params=params or {},
                timeout_ms=int(timeout * 1000) if timeout else None,
                # keys(n), properties(n), n {.*} without kglite's virtual title/type
                hide_structural_keys=True,
            )
        except kglite.ReadOnlyError as exc:
            raise QueryError(
                "this query writes to the store; queries are read-only unless you pass --write"
            ) from exc
        except kglite.CypherTimeoutError as exc:
            limit = (
                f"the timeout of {timeout:g} s" if timeout else f"the engine's time limit ({exc})"
            )
            raise QueryError(f"the query ran past {limit}") from exc
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
        if stats.get("nodes_created") and not self._writing_batches:
            self._unmint_titles()
        if write and not self._writing_batches:
            self.save()  # a user's writes fold the log in as a build's do
        warnings = [str(w) for w in (getattr(view, "warnings", None) or [])]
        for warning in warnings if echo_warnings else ():
            print(f"warning: {_one_line(warning)}", file=sys.stderr)
        return QueryResult(keys, records, stats, warnings)

    def _write_batches(
        self, batches: Iterable[Statement], progress: ProgressCallback | None
    ) -> dict[str, int]:
        totals = dict.fromkeys(WRITE_COUNTERS, 0)
        # docgraph's own batches name every node they create: no minted titles to clear
        self._writing_batches = True
        try:
            for batch in batches:
                result = self.query(batch.cypher, {"rows": batch.rows}, write=True)
                for key in WRITE_COUNTERS:
                    totals[key] += int(result.stats.get(key, 0))
                if progress:
                    progress(len(batch.rows))
        finally:
            self._writing_batches = False
        return totals

    def _unmint_titles(self) -> None:
        """Clear the ``<Label>_<n>`` title kglite gives a node created without a name.

        kglite answers ``n.name`` from the node's title, so a nameless node would read as
        named ``Node_3`` and ``n.name IS NULL`` would be false. A minted title is the
        node's type and id joined by ``_`` (a node whose given name is exactly that loses
        it: the one collision left); a stored ``title`` shows in ``keys(n)`` and is kept.
        One scan of the nodes (about 0.1 s per 100,000), after a query that created some.
        """
        self._graph.cypher(
            "MATCH (n) WHERE n.title = n.type + '_' + toString(n.id) "
            "AND NOT 'title' IN keys(n) SET n.title = null",
            hide_structural_keys=True,
        )

    def state_token(self) -> str | None:
        parts = []
        for path in (self.path, self.folder / (GRAPH_FILE + WAL_SUFFIX)):
            try:
                stat = path.stat()
            except OSError:
                parts.append("-")
                continue
            parts.append(f"{stat.st_size}:{stat.st_mtime_ns}")
        return "/".join(parts)

    def save(self, *, force: bool = False) -> None:
        """Fold the write-ahead log into the checkpoint file, once the log has grown to
        ``CHECKPOINT_SHARE`` of it (or when ``force``).

        Every write is durable in the log already (a store killed before a checkpoint
        opens with it); a checkpoint rewrites the whole file, which made adding ten
        documents to a 10,000-document store cost a second. Until then, a store opened
        read-only sees the checkpoint only, and says so.
        """
        if not self._dirty or self.read_only:
            return
        if not force and self.path.exists():
            log = self.folder / (GRAPH_FILE + WAL_SUFFIX)
            try:
                small = log.stat().st_size < CHECKPOINT_SHARE * self.path.stat().st_size
            except OSError:
                small = False
            if small:
                return
        self._graph.save()
        self._dirty = False

    def close(self) -> None:
        graph = getattr(self, "_graph", None)
        if graph is None:
            return
        self.save()  # folds the log only once it has grown
        # Dropping the handle ends kglite's ownership (the writer lease) and keeps the
        # log: kglite's close() would rewrite the whole checkpoint, even after a read
        # (0.7 s for a 10,000-document store, on every query from the command line).
        self._graph = None
        del graph


def _not_writable(folder: Path, exc: Exception) -> bool:
    """Whether opening failed because this process may not write to the store's folder."""
    if isinstance(exc, PermissionError) or "permission denied" in str(exc).lower():
        return True
    if "operation not permitted" in str(exc).lower() or "read-only file system" in str(exc):
        return True
    return not os.access(folder, os.W_OK)


def _one_line(message: str) -> str:
    """kglite's messages can carry a caret diagram; keep the first line with the position."""
    first = message.strip().splitlines()[0] if message.strip() else "query failed"
    return re.sub(r"\s+", " ", first)
