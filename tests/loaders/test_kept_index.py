"""The name index kept in SQLite beside a store answers exactly as the in-memory one:
the same matches and the same rows after any sequence of puts and drops, before and
after its changes are committed and the file is opened again."""

from __future__ import annotations

import random
import sqlite3
import types

import pytest

from docgraph.loaders import index_cache
from docgraph.loaders.index_cache import KeptIndex
from docgraph.loaders.merge import NameIndex

NO_GAZETTEER = types.SimpleNamespace(entries={})
LABELS = ["Person", "Organization"]
ENTITIES = [f"person:{i}" for i in range(5)]
LOCAL_IDS = [f"local:{i}" for i in range(6)]


def _name(rng: random.Random) -> str:
    """Names that collide, nearly collide, are too short for rapidfuzz, have no Latin
    letters (transliterated) or no letters at all (a slug key)."""
    kind = rng.random()
    if kind < 0.08:
        return rng.choice(["!!!", "???", "—"])
    if kind < 0.15:
        return rng.choice(["Россия", "Москва Россия", "Россияя"])
    if kind < 0.25:
        return "".join(rng.choice("ab") for _ in range(rng.randint(3, 8)))
    name = "".join(rng.choice("ab") for _ in range(rng.randint(9, 12)))
    return name if rng.random() < 0.7 else name.upper()[:4] + " " + name[4:]


def _operation(rng: random.Random) -> tuple:
    label = rng.choice(LABELS)
    names = [_name(rng) for _ in range(rng.randint(0, 3))]
    kind = rng.random()
    if kind < 0.35:
        return ("put", label, names, rng.choice(ENTITIES), rng.sample(LOCAL_IDS, rng.randint(0, 2)))
    if kind < 0.6:
        return (
            "drop",
            label,
            names,
            rng.choice(ENTITIES),
            rng.sample(LOCAL_IDS, rng.randint(0, 2)),
        )
    return ("matches", label, names, rng.choice(["", *LOCAL_IDS, *ENTITIES]))


def _run(index: NameIndex, operation: tuple) -> set[str] | None:
    kind, *args = operation
    return getattr(index, kind)(*args)


def _rows(index: NameIndex) -> set[tuple[str, ...]]:
    return {tuple(row) for row in index.to_rows()}


def _kept_copy(folder, index: NameIndex) -> tuple[str, KeptIndex]:
    path = str(folder / index_cache.FILE)
    index_cache._write_whole(path, "token-0", NO_GAZETTEER, [], index)
    return path, KeptIndex(sqlite3.connect(path))


@pytest.mark.parametrize("seed", range(60))
def test_the_kept_index_answers_as_the_index_in_memory(tmp_path, seed):
    rng = random.Random(seed)
    memory = NameIndex()
    for _ in range(rng.randint(0, 25)):
        operation = _operation(rng)
        if operation[0] != "matches":
            _run(memory, operation)
    memory = NameIndex.from_rows(memory.to_rows())  # as a build without the file has it
    path, kept = _kept_copy(tmp_path, memory)
    done = []
    for step in range(rng.randint(1, 60)):
        if rng.random() < 0.05:
            kept.commit([], [], f"token-{step}")
            kept = KeptIndex(sqlite3.connect(path))
            done.append("commit and reopen")
            assert _rows(kept) == _rows(memory), done
            continue
        operation = _operation(rng)
        done.append(operation)
        assert _run(kept, operation) == _run(memory, operation), done
    kept.commit([], [], "token-end")
    again = KeptIndex(sqlite3.connect(path))
    assert _rows(again) == _rows(memory), done
    for label, key, _ in memory.to_rows():
        if key.startswith("f:"):
            assert again.matches(label, [key[2:]]) == memory.matches(label, [key[2:]]), done


def test_changes_before_a_length_is_first_read_and_competing_entities(tmp_path):
    rows = [
        ["Person", "f:aaaaaaaaaa", "person:0"],
        ["Person", "id:person:0", "person:0"],
        ["Person", "f:bbbbbbbbbb", "person:1"],
    ]
    memory = NameIndex.from_rows(rows)
    path, kept = _kept_copy(tmp_path, memory)

    def both(kind: str, *args: object) -> None:
        for index in (memory, kept):
            getattr(index, kind)(*args)
        assert kept.matches("Person", ["aaaaaaaaac", "bbbbbbbbbc"]) == memory.matches(
            "Person", ["aaaaaaaaac", "bbbbbbbbbc"]
        )
        assert _rows(kept) == _rows(memory)

    both("put", "Person", ["aaaaaaaaab"], "person:2")  # before its length was read
    both("drop", "Person", ["aaaaaaaaaa"], "person:0")
    both("drop", "Person", ["bbbbbbbbbb"], "person:1")  # after its length was read
    both("put", "Person", ["bbbbbbbbbb"], "person:1")
    both("put", "Person", ["bbbbbbbbbb"], "person:3")  # another entity takes the name
    both("drop", "Person", ["bbbbbbbbbb"], "person:1")  # not its holder: stays
    assert kept.matches("Person", ["bbbbbbbbbb"]) == {"person:3"}
    kept.commit(["person:3"], [], "token-1")
    again = KeptIndex(sqlite3.connect(path))
    assert _rows(again) == _rows(memory)
    assert again.matches("Person", ["aaaaaaaaac"], "person:0") == memory.matches(
        "Person", ["aaaaaaaaac"], "person:0"
    )
