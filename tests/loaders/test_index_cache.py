"""The names and name index a build keeps beside the embedded store: used by the next
build only while nothing else wrote to the store, and then equal to what reading the
store back would give."""

from __future__ import annotations

import docgraph
from docgraph.graph.lazy import TouchedGraph
from docgraph.loaders.gazetteer import load_gazetteer
from docgraph.loaders.index_cache import FILE, load_kept_names
from docgraph.loaders.merge import Merger, fuzzy_length

DOCS = {
    "a": "The National Council for Peace and Development (NCPD) signed an agreement with Mali.",
    "b": "The NCPD met officials from Niger in Niamey. Moussa Keïta Traoré visited Dakar.",
    "c": "Mali appointed Mousa Keita Traoré as ambassador to Senegal.",
    "d": "France funded the National Council for Peace and Development in 2021.",
}


def _write(folder, names):
    folder.mkdir(exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    for name in names:
        (folder / f"{name}.txt").write_text(DOCS[name], encoding="utf-8")
    return sorted(folder.iterdir())


def _read_back(store):
    """Names and index as a build without the kept file would make them."""
    touched = TouchedGraph(store)
    merger = Merger(touched, load_gazetteer())
    names = sorted((e.id, e.name, e.label) for e in touched.entities.values())
    return names, merger.index


def _name_keys(index):
    """The keys by name and the fuzzy candidates (the index kept after a build also holds
    the local ids of every naming, which the names read back cannot give; for names made
    by extraction they are the names' own keys)."""
    keys = {(label, key): eid for label, key, eid in index.to_rows() if not key.startswith("id:")}
    fuzzy = {}
    for (label, key), eid in keys.items():
        if fuzzy_length(key) is not None:
            fuzzy.setdefault(label, {})[key[2:]] = eid
    return keys, fuzzy


def test_the_kept_names_are_what_reading_the_store_gives(tmp_path):
    folder = tmp_path / "docs"
    with docgraph.open(tmp_path / "store", create=True) as graph:
        for present, prune in ((["a", "b"], False), (["a", "b", "c", "d"], False), (["b", "c", "d"], True)):  # fmt: skip
            graph.add(_write(folder, present), progress=False, prune=prune)
            kept = load_kept_names(graph.store, load_gazetteer())
            assert kept is not None, "a build keeps its names beside the store"
            names, index = _read_back(graph.store)
            assert sorted(kept.ids) == [eid for eid, _, _ in names]
            assert _name_keys(kept.index) == _name_keys(index)


def test_removing_documents_keeps_the_kept_names_true(tmp_path):
    """``docgraph remove`` updates the kept file as a build does: the next build still
    uses it, and it still equals what reading the store back gives."""
    folder = tmp_path / "docs"
    with docgraph.open(tmp_path / "store", create=True) as graph:
        graph.add(_write(folder, ["a", "b", "c", "d"]), progress=False)
        report = graph.remove(["b", "d"])
        assert report.removed == ["b", "d"] and not report.errors
        kept = load_kept_names(graph.store, load_gazetteer())
        assert kept is not None, "remove keeps the names beside the store"
        names, index = _read_back(graph.store)
        assert sorted(kept.ids) == [eid for eid, _, _ in names]
        assert _name_keys(kept.index) == _name_keys(index)
        kept.close()
        graph.add(_write(folder, ["a", "b", "c"]), progress=False)  # b comes back
        kept = load_kept_names(graph.store, load_gazetteer())
        names, index = _read_back(graph.store)
        assert sorted(kept.ids) == [eid for eid, _, _ in names]
        assert _name_keys(kept.index) == _name_keys(index)
        kept.close()


def test_a_write_from_elsewhere_sets_the_kept_names_aside(tmp_path):
    with docgraph.open(tmp_path / "store", create=True) as graph:
        graph.add(_write(tmp_path / "docs", ["a", "b"]), progress=False)
        assert load_kept_names(graph.store, load_gazetteer()) is not None
        graph.store.query("CREATE (:Entity:Person {id: 'person:x', name: 'X'})", write=True)
        assert load_kept_names(graph.store, load_gazetteer()) is None  # the store changed since
        graph.add(_write(tmp_path / "docs", ["a", "b", "c"]), progress=False)
        assert "person:x" in load_kept_names(graph.store, load_gazetteer()).ids


def test_a_damaged_kept_file_is_ignored(tmp_path):
    with docgraph.open(tmp_path / "store", create=True) as graph:
        graph.add(_write(tmp_path / "docs", ["a"]), progress=False)
        (tmp_path / "store" / FILE).write_text("{not json", encoding="utf-8")
        assert load_kept_names(graph.store, load_gazetteer()) is None
        report = graph.add(_write(tmp_path / "docs", ["a", "b"]), progress=False)
        assert not report.errors and load_kept_names(graph.store, load_gazetteer()) is not None
