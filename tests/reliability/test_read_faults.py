"""Issue 14.2 and 14.7: what cannot be read is named, never skipped in silence, and text
in UTF-16 or UTF-32 with a byte-order mark is read."""

from __future__ import annotations

import codecs
import errno
import os
import shutil

import pytest

from docgraph.cli import main
from docgraph.loaders.read import read_documents, read_file

from .conftest import TEXT, stats, write

pytestmark = pytest.mark.issue(14)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_text_with_a_byte_order_mark_is_decoded(tmp_path, codec):
    f = tmp_path / "wide.txt"
    data = "Côte d'Ivoire and Mali.\r\nЛюди.".encode(codec)
    if codec.endswith(("-le", "-be")):  # these codecs write no mark of their own
        data = (codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE) + data
    f.write_bytes(data)
    (doc,) = read_file(f)
    assert doc.text == "Côte d'Ivoire and Mali.\nЛюди."


def test_utf16_without_a_mark_is_still_binary(tmp_path):
    f = tmp_path / "wide.txt"
    f.write_bytes("Mali".encode("utf-16-le"))
    report = read_documents([f])
    assert not report.documents and "binary" in report.errors[0].reason


def test_broken_and_looping_links_are_named(runner, tmp_path):
    docs = tmp_path / "docs"
    write(docs / "good.txt")
    (docs / "dangling.txt").symlink_to(docs / "gone.txt")
    (docs / "loop.txt").symlink_to(docs / "loop.txt")
    (docs / "sub").mkdir()
    (docs / "sub" / "up").symlink_to(docs)  # a folder link back up the tree
    (docs / "other.txt").symlink_to(docs / "good.txt")  # a good link is read
    report = read_documents([docs])
    assert sorted(d.id for d in report.documents) == ["good", "other"]
    by_name = {os.path.basename(e.path): e.reason for e in report.errors}
    assert set(by_name) == {"dangling.txt", "loop.txt", "up"}
    assert "broken symbolic link" in by_name["dangling.txt"]
    assert "loop" in by_name["loop.txt"] and "loop" in by_name["up"]
    store = tmp_path / "store"
    result = runner.invoke(main, ["build", str(docs), "--fast", "--store", str(store)])
    assert result.exit_code == 1
    assert "dangling.txt" in result.stderr and "loop.txt" in result.stderr
    assert stats(runner, store)["documents"] == 2


def _deep_file(top, total: int) -> str:
    """A file whose path is longer than PATH_MAX, made one folder at a time (no single
    call may name the whole path)."""
    name = "d" * 200
    fd = os.open(top, os.O_RDONLY)
    depth = 0
    try:
        while len(str(top)) + depth * (len(name) + 1) < total:
            os.mkdir(name, dir_fd=fd)
            new = os.open(name, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = new
            depth += 1
        with os.fdopen(os.open("deep.txt", os.O_WRONLY | os.O_CREAT, dir_fd=fd), "w") as out:
            out.write(TEXT)
    finally:
        os.close(fd)
    return os.path.join(str(top), *[name] * depth, "deep.txt")


def test_a_path_longer_than_path_max_is_named_and_the_rest_stored(runner, tmp_path):
    docs = tmp_path / "docs"
    write(docs / "good.txt")
    deep = _deep_file(docs, os.pathconf("/", "PC_PATH_MAX") + 100)
    with pytest.raises(OSError) as info:
        os.stat(deep)
    assert info.value.errno == errno.ENAMETOOLONG
    store = tmp_path / "store"
    try:
        result = runner.invoke(main, ["build", str(docs), deep, "--fast", "--store", str(store)])
    finally:
        shutil.rmtree(docs / ("d" * 200))
    assert result.exit_code == 1, result.output
    assert "unexpected" not in result.output and "Traceback" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 2 and all("too long" in line for line in errors)
    assert all(line.count("d" * 200) >= 10 for line in errors)  # named by its path
    assert stats(runner, store)["documents"] == 1
