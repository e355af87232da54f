import pytest

from docgraph.errors import InputError
from docgraph.loaders.read import read_documents, read_file


def test_read_html_keeps_visible_text_only(tmp_path):
    page = tmp_path / "p.html"
    page.write_text(
        "<html><script>alert(1)</script><p>Mali joined ECOWAS.</p></html>", encoding="utf-8"
    )
    (doc,) = read_file(page)
    assert doc.text == "Mali joined ECOWAS."


def test_read_jsonl_gives_one_document_per_line(tmp_path):
    f = tmp_path / "d.jsonl"
    f.write_text('{"id": "a", "text": "Chad."}\n{"id": "b", "text": "Niger."}\n', encoding="utf-8")
    assert [d.id for d in read_file(f)] == ["a", "b"]


@pytest.mark.parametrize(
    ("data", "reason"),
    [(b"", "empty"), (b"abc\x00def", "binary"), ("Côte".encode("latin-1"), "not UTF-8")],
)
def test_read_bad_files_raise_input_error_naming_the_file(tmp_path, data, reason):
    f = tmp_path / "bad.txt"
    f.write_bytes(data)
    with pytest.raises(InputError, match=reason) as info:
        read_file(f)
    assert info.value.path.endswith("bad.txt")


def test_read_too_large_is_refused(tmp_path):
    f = tmp_path / "big.txt"
    f.write_text("Mali. " * 100, encoding="utf-8")
    with pytest.raises(InputError, match="too large"):
        read_file(f, max_bytes=100)


def test_read_documents_keeps_going(tmp_path):
    (tmp_path / "ok.txt").write_text("Mali.", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00")
    report = read_documents([tmp_path, tmp_path / "nope.txt"])
    assert [d.id for d in report.documents] == ["ok"]
    assert sorted(e.path.rsplit("/", 1)[-1] for e in report.errors) == ["bad.txt", "nope.txt"]


def test_iter_documents_reads_each_file_when_its_turn_comes(tmp_path):
    from docgraph.loaders.read import ReadReport, iter_documents

    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.txt").write_text(f"{name} first.", encoding="utf-8")
    report = ReadReport()
    documents = iter_documents([tmp_path], report=report)
    assert next(documents).text == "a first."
    # files not reached yet are read as they are now, not as they were at the start
    (tmp_path / "b.txt").write_text("b later.", encoding="utf-8")
    (tmp_path / "c.txt").unlink()
    assert [d.text for d in documents] == ["b later."]
    assert [e.path.rsplit("/", 1)[-1] for e in report.errors] == ["c.txt"]
    assert report.documents == []


@pytest.mark.parametrize("processes", [1, 2])
def test_a_file_that_goes_while_the_build_reads_it_is_named_and_the_rest_stored(
    tmp_path, processes
):
    import docgraph

    docs = tmp_path / "docs"
    docs.mkdir()
    for n in range(80):  # more than the first batches a build reads before extracting
        (docs / f"d{n:02}.txt").write_text(f"Mali and Niger signed accord {n}.", encoding="utf-8")

    def progress(stage: str, done: int, total: int) -> None:
        if stage == "extract" and done == 1:
            (docs / "d79.txt").unlink()  # read once to count it, gone before its turn

    with docgraph.build(
        [docs], store=tmp_path / "store", fast=True, processes=processes, progress=progress
    ) as g:
        report = g.last_build
        assert report is not None
        assert [e.path.rsplit("/", 1)[-1] for e in report.errors] == ["d79.txt"]
        assert "could not be read again" in report.errors[0].reason
        assert g.stats()["documents"] == 79
