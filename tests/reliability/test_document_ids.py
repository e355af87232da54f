"""Issue 14.1 and 14.10: document ids are unique and stable; a collision never replaces
another document; the same folder by another spelling is the same documents."""

from __future__ import annotations

import json

import pytest

from docgraph.cli import main
from docgraph.loaders.read import read_documents

from .conftest import TEXT, documents, stats, write

pytestmark = pytest.mark.issue(14)


def build(runner, *args: str):
    return runner.invoke(main, ["build", *args, "--fast"])


def test_two_builds_of_folders_with_the_same_file_name_keep_both(runner, tmp_path):
    a = write(tmp_path / "A" / "report.txt", "Mali is a member of ECOWAS.\n")
    b = write(tmp_path / "B" / "report.txt", "Senegal is a member of ECOWAS.\n")
    store = str(tmp_path / "store")
    first = build(runner, str(a.parent), "--store", store)
    assert first.exit_code == 0, first.output
    second = build(runner, str(b.parent), "--store", store)
    assert second.exit_code == 0, second.output
    docs = documents(runner, tmp_path / "store")
    assert sorted(docs.values()) == [str(a), str(b)]
    assert docs["report"] == str(a)  # the first keeps its id
    (other,) = set(docs) - {"report"}
    assert other.startswith("report-")
    # the collision is said, not silent
    assert "report" in second.stderr and other in second.stderr
    # both texts are in the graph: each document's entities are there
    names = runner.invoke(
        main,
        ["query", "MATCH (c:Country) RETURN c.name AS n", "--format", "json", "--store", store],
    )
    assert {"Mali", "Senegal"} <= {r["n"] for r in json.loads(names.stdout)}
    # ids are stable: building either folder again changes nothing
    for folder in (a.parent, b.parent):
        again = build(runner, str(folder), "--store", store)
        assert again.exit_code == 0 and "no changes" in again.stdout, again.output
    assert documents(runner, tmp_path / "store") == docs


def test_one_build_of_two_folders_with_the_same_file_name_keeps_both(runner, tmp_path):
    write(tmp_path / "A" / "report.txt", "Mali is a member of ECOWAS.\n")
    write(tmp_path / "B" / "report.md", "Senegal is a member of ECOWAS.\n")
    write(tmp_path / "B" / "report.txt", "Niger is a member of ECOWAS.\n")
    store = tmp_path / "store"
    result = build(runner, str(tmp_path / "A"), str(tmp_path / "B"), "--store", str(store))
    assert result.exit_code == 0, result.output
    assert stats(runner, store)["documents"] == 3
    assert len(set(documents(runner, store))) == 3


def test_files_in_subfolders_are_named_by_their_relative_path(tmp_path):
    write(tmp_path / "report.txt")
    write(tmp_path / "2024" / "report.txt")
    write(tmp_path / "2024" / "q1" / "report.txt")
    ids = sorted(d.id for d in read_documents([tmp_path]).documents)
    assert ids == ["2024/q1/report", "2024/report", "report"]


def test_extract_names_top_level_files_by_their_stem(runner, tmp_path):
    """What the scorer expects: ``<id>.txt`` in one flat folder is document ``<id>``."""
    for stem in ("doc-1", "doc.2", "Doc 3"):
        write(tmp_path / f"{stem}.txt", "Mali is a member of ECOWAS.\n")
    result = runner.invoke(main, ["extract", str(tmp_path), "--format", "jsonl", "--fast"])
    assert result.exit_code == 0, result.output
    ids = [json.loads(line)["document"]["id"] for line in result.stdout.splitlines()]
    assert sorted(ids) == ["Doc 3", "doc-1", "doc.2"]


def test_the_same_folder_spelled_relatively_is_not_extracted_again(runner, tmp_path, monkeypatch):
    write(tmp_path / "docs" / "a.txt")
    write(tmp_path / "docs" / "sub" / "b.txt")
    store = str(tmp_path / "store")
    first = build(runner, str(tmp_path / "docs"), "--store", store)
    assert first.exit_code == 0, first.output
    monkeypatch.chdir(tmp_path / "docs" / "sub")
    for spelling in ("..", "../../docs", "./../"):
        again = build(runner, spelling, "--store", store)
        assert again.exit_code == 0, again.output
        assert "0 extracted, 2 unchanged" in again.stdout and "no changes" in again.stdout


def test_a_store_written_with_relative_sources_keeps_its_ids(runner, tmp_path, monkeypatch):
    """Stores built before sources were absolute hold the path as typed."""
    from docgraph.loaders.read import normal_source

    monkeypatch.chdir(tmp_path)
    write(tmp_path / "docs" / "a.txt")
    assert normal_source("docs/a.txt") == str(tmp_path / "docs" / "a.txt")
    report = read_documents(["docs"], known={"old-id": "docs/a.txt"})
    assert [d.id for d in report.documents] == ["old-id"] and not report.notes


def test_a_jsonl_record_keeps_its_id_when_lines_move(runner, tmp_path):
    f = tmp_path / "d.jsonl"
    f.write_text('{"id": "a", "text": "Mali."}\n{"id": "b", "text": "Niger."}\n', "utf-8")
    store = str(tmp_path / "store")
    assert build(runner, str(f), "--store", store).exit_code == 0
    f.write_text('{"id": "b", "text": "Niger."}\n{"id": "a", "text": "Mali."}\n', "utf-8")
    again = build(runner, str(f), "--store", store)
    assert again.exit_code == 0, again.output
    assert sorted(documents(runner, tmp_path / "store")) == ["a", "b"]
    assert "no changes" in again.stdout


def test_a_file_named_twice_is_read_once(tmp_path):
    f = write(tmp_path / "a.txt", TEXT)
    report = read_documents([tmp_path, f, tmp_path / "." / "a.txt"])
    assert [d.id for d in report.documents] == ["a"] and not report.errors
