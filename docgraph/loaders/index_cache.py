"""The stored entities' ids and the cross-document name index, kept beside an embedded
store between builds, in a SQLite file that a build reads and updates for what it touches.

An incremental build needs to tell a new entity from a stored one (every stored id) and
the :class:`~docgraph.loaders.merge.NameIndex` over the stored names. Reading the names
back and building the index cost 1.3 s of adding ten documents to a 10,000-document
store; keeping the index as one JSON file, read and rewritten whole, still cost 0.5 s, and
both grow with the store. In SQLite, a build looks up the keys of the names its documents
use (one indexed read each), reads rapidfuzz's candidates a length at a time as names of
that length come up, and writes back only the keys and ids it changed, in one
transaction with the store's new state token.

The file is trusted only while its token matches the store's (nothing else wrote to the
store since) and the gazetteer is the same; otherwise the build reads the store as before
and writes the file anew. Only stores that give a token (the embedded store) keep one;
with Neo4j the names are read each build. SQLite, not pickle: opening a file someone sent
runs no code.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator, Set
from dataclasses import dataclass

from docgraph.graph.stores.base import GraphStore
from docgraph.loaders.gazetteer import Gazetteer
from docgraph.loaders.merge import NameIndex, _Candidates, fuzzy_length

__all__ = ["KeptIndex", "KeptNames", "StoredIds", "keep_names", "load_kept_names"]

FILE = "resolution-index.sqlite"
#: what earlier versions kept (removed when the new file is written)
OLD_FILES = ("resolution-index.json",)
FORMAT = "2"

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE ids (eid TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE names (
    label TEXT NOT NULL, key TEXT NOT NULL, eid TEXT NOT NULL, fuzzy INTEGER,
    PRIMARY KEY (label, key)
) WITHOUT ROWID;
CREATE INDEX names_fuzzy ON names (label, fuzzy) WHERE fuzzy IS NOT NULL;
"""


def fingerprint(gazetteer: Gazetteer) -> str:
    """Which entity ids are gazetteer entities (the index leaves those out)."""
    return hashlib.sha256("\n".join(sorted(gazetteer.entries)).encode("utf-8")).hexdigest()


class StoredIds(Set[str]):
    """Every stored entity's id, answered from the kept file (never all read at once
    unless iterated)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db
        self._count: int | None = None

    def __contains__(self, eid: object) -> bool:
        return isinstance(eid, str) and bool(
            self._db.execute("SELECT 1 FROM ids WHERE eid = ?", (eid,)).fetchone()
        )

    def __iter__(self) -> Iterator[str]:
        return (eid for (eid,) in self._db.execute("SELECT eid FROM ids"))

    def __len__(self) -> int:
        if self._count is None:
            self._count = self._db.execute("SELECT count(*) FROM ids").fetchone()[0]
        return self._count


class _KeptCandidates(_Candidates):
    """One label's rapidfuzz candidates, each length read from the file when first asked."""

    __slots__ = ("_index", "_label")

    def __init__(self, index: KeptIndex, label: str) -> None:
        super().__init__()
        self._index, self._label = index, label

    def bucket(self, length: int) -> dict[str, str] | None:
        if length not in self.by_length:
            self._index._read_bucket(self, self._label, length)
        return self.by_length[length]


class KeptIndex(NameIndex):
    """A :class:`NameIndex` over the kept file: keys are read as asked, and what the merge
    changes is held here until :meth:`commit` writes it."""

    __slots__ = ("_db", "changed", "_changed_names")

    def __init__(self, db: sqlite3.Connection) -> None:
        super().__init__()
        self._db = db
        #: (label, key) → entity id, or None for a key the merge forgot
        self.changed: dict[tuple[str, str], str | None] = {}
        #: the changed name keys by (label, length): what a bucket read lays over the file
        self._changed_names: dict[tuple[str, int], dict[str, str | None]] = defaultdict(dict)

    def _key(self, label: str, key: str) -> str | None:
        if (label, key) in self.changed:
            return self.changed[(label, key)]
        row = self._db.execute(
            "SELECT eid FROM names WHERE label = ? AND key = ?", (label, key)
        ).fetchone()
        return row[0] if row else None

    def _set(self, label: str, key: str, eid: str | None) -> None:
        old = self._key(label, key)
        self.changed[(label, key)] = eid
        length = fuzzy_length(key)
        if length is not None:
            self._changed_names[(label, length)][key[2:]] = eid
        candidates = self.candidates.get(label)
        if length is None or candidates is None or length not in candidates.by_length:
            return  # read with the change when first asked for
        if old is not None:
            candidates.drop(key[2:], old)
        if eid is not None:
            candidates.put(key[2:], eid)

    def _fuzzy(self, label: str) -> _Candidates:
        if label not in self.candidates:
            self.candidates[label] = _KeptCandidates(self, label)
        return self.candidates[label]

    def _read_bucket(self, candidates: _Candidates, label: str, length: int) -> None:
        """Fill one label's names of one length: the file's, then this build's changes."""
        stored = dict(
            self._db.execute(
                "SELECT substr(key, 3), eid FROM names WHERE label = ? AND fuzzy = ?",
                (label, length),
            )
        )
        for name, eid in self._changed_names.get((label, length), {}).items():
            if eid is None:
                stored.pop(name, None)
            else:
                stored[name] = eid
        candidates.by_length[length] = {name: name for name in stored}
        candidates.target.update(stored)

    def to_rows(self) -> list[list[str]]:
        rows = {
            (label, key): eid
            for label, key, eid in self._db.execute("SELECT label, key, eid FROM names")
        }
        rows.update(self.changed)
        return [[label, key, eid] for (label, key), eid in rows.items() if eid is not None]

    def commit(self, added: Iterable[str], removed: Iterable[str], token: str) -> None:
        """Write the changed keys, the entity ids added and removed, and the store's new
        state token, in one transaction."""
        with self._db:
            self._db.executemany(
                "DELETE FROM names WHERE label = ? AND key = ?",
                [key for key, eid in self.changed.items() if eid is None],
            )
            self._db.executemany(
                "INSERT OR REPLACE INTO names VALUES (?, ?, ?, ?)",
                [
                    (label, key, eid, fuzzy_length(key))
                    for (label, key), eid in self.changed.items()
                    if eid is not None
                ],
            )
            self._db.executemany("DELETE FROM ids WHERE eid = ?", [(i,) for i in removed])
            self._db.executemany("INSERT OR IGNORE INTO ids VALUES (?)", [(i,) for i in added])
            self._db.execute("UPDATE meta SET value = ? WHERE key = 'token'", (token,))
        self.changed.clear()
        self._changed_names.clear()


@dataclass(slots=True)
class KeptNames:
    """Every stored entity's id, and the name index over them, both over the kept file."""

    ids: StoredIds
    index: KeptIndex
    path: str

    def close(self) -> None:
        self.index._db.close()


def _path(store: GraphStore) -> str | None:
    folder = getattr(store, "folder", None)
    return None if folder is None or store.state_token() is None else os.path.join(folder, FILE)


def load_kept_names(store: GraphStore, gazetteer: Gazetteer) -> KeptNames | None:
    """What the last build kept, if the store has not changed since and the gazetteer
    has the same entries; else None."""
    path = _path(store)
    if path is None or not os.path.exists(path):
        return None
    db = None
    try:
        db = sqlite3.connect(path)
        meta = dict(db.execute("SELECT key, value FROM meta"))
    except sqlite3.Error:
        if db is not None:
            db.close()
        return None
    if meta != {
        "format": FORMAT,
        "token": store.state_token(),
        "gazetteer": fingerprint(gazetteer),
    }:
        db.close()
        return None
    return KeptNames(StoredIds(db), KeptIndex(db), path)


def keep_names(
    store: GraphStore,
    gazetteer: Gazetteer,
    ids: Iterable[str],
    index: NameIndex,
    *,
    kept: KeptNames | None = None,
    added: Iterable[str] = (),
    removed: Iterable[str] = (),
) -> None:
    """Keep the ids and the index beside the store for the next build.

    With ``kept`` (what this build read, still the store's file), only the changes are
    written: the index's changed keys and the ids ``added`` and ``removed``. Otherwise
    the whole file is written anew (to a new file renamed over the old one, so a reader
    never sees half of it) from ``ids`` and ``index``; ``ids`` is only iterated then.
    The caller closes ``kept``.
    """
    path = _path(store)
    token = store.state_token()
    if path is None or token is None:
        return
    try:
        if kept is not None and kept.path == path and kept.index is index:
            kept.index.commit(added, removed, token)
            return
        _write_whole(path, token, gazetteer, ids, index)
        for old in OLD_FILES:
            with contextlib.suppress(OSError):
                os.remove(os.path.join(os.path.dirname(path), old))
    except (OSError, sqlite3.Error):
        # a store folder we cannot write beside: the next build reads the names
        with contextlib.suppress(OSError):
            os.remove(path)


def _write_whole(
    path: str, token: str, gazetteer: Gazetteer, ids: Iterable[str], index: NameIndex
) -> None:
    fresh = path + ".tmp"
    with contextlib.suppress(FileNotFoundError):
        os.remove(fresh)
    db = sqlite3.connect(fresh)
    try:
        with db:
            db.executescript(_SCHEMA)
            db.executemany(
                "INSERT INTO meta VALUES (?, ?)",
                [("format", FORMAT), ("token", token), ("gazetteer", fingerprint(gazetteer))],
            )
            db.executemany("INSERT OR IGNORE INTO ids VALUES (?)", ((i,) for i in ids))
            db.executemany(
                "INSERT OR REPLACE INTO names VALUES (?, ?, ?, ?)",
                ((label, key, eid, fuzzy_length(key)) for label, key, eid in index.to_rows()),
            )
    finally:
        db.close()
    os.replace(fresh, path)
