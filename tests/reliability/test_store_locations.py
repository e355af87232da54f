"""Issue 14.7: a store location docgraph cannot use is one clear line, never the
"unexpected" path, and never repeats a password."""

from __future__ import annotations

import pytest

from docgraph.cli import main

pytestmark = pytest.mark.issue(14)


@pytest.mark.parametrize(
    ("location", "says"),
    [
        ("http://localhost:7474", "not http://"),
        ("https://example.invalid/db", "not https://"),
        ("bolt://localhost:notaport", "port is not a number"),
        ("bolt+x://localhost:7687", "not bolt+x://"),
    ],
)
def test_an_unusable_store_location_is_one_clear_line(runner, location, says):
    result = runner.invoke(main, ["stats", "--store", location])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("Error:")
    assert says in result.stderr and "bolt://" in result.stderr
    for noise in ("unexpected", "aiohttp", "preview", "Traceback"):
        assert noise not in result.output


def test_the_password_in_a_bad_uri_is_not_repeated(runner):
    result = runner.invoke(main, ["stats", "--store", "bolt://neo4j:s3cret-pw@host:nope"])
    assert result.exit_code == 1 and "port" in result.stderr
    assert "s3cret-pw" not in result.output


def test_the_library_refuses_it_too():
    import docgraph
    from docgraph.errors import StoreError

    with pytest.raises(StoreError, match="port is not a number"):
        docgraph.open("bolt://localhost:notaport")


@pytest.fixture
def frozen_store(runner, tmp_path):
    """A built store whose folder and files no process may change (chattr +i: even root,
    which these tests run as, cannot write there), thawed after the test."""
    import shutil
    import subprocess

    from .conftest import write

    store = tmp_path / "store"
    write(tmp_path / "docs" / "a.txt", "Mali is a member of ECOWAS. Niger borders Mali.\n")
    built = runner.invoke(main, ["build", str(tmp_path / "docs"), "--fast", "--store", str(store)])
    assert built.exit_code == 0, built.output
    paths = [str(store), *map(str, store.iterdir())]
    if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", *paths]).returncode:
        pytest.skip(
            "needs chattr +i (root on a filesystem with immutable files) to freeze a folder"
        )
    yield store
    subprocess.run(["chattr", "-i", *paths], check=True)


def test_a_store_in_a_read_only_folder_answers_queries_and_refuses_writes(runner, frozen_store):
    before = sorted((p.name, p.stat().st_size) for p in frozen_store.iterdir())
    stats = runner.invoke(main, ["stats", "--format", "json", "--store", str(frozen_store)])
    assert stats.exit_code == 0, stats.output
    assert '"documents": 1' in stats.stdout
    query = runner.invoke(
        main, ["query", "MATCH (n:Country) RETURN n.name AS name", "--store", str(frozen_store)]
    )
    assert query.exit_code == 0 and "Mali" in query.stdout
    write = runner.invoke(
        main, ["query", "CREATE (:Entity {name: 'x'})", "--write", "--store", str(frozen_store)]
    )
    assert write.exit_code == 3
    assert write.stderr.startswith("Error:") and "read-only" in write.stderr
    assert "unexpected" not in write.output
    assert sorted((p.name, p.stat().st_size) for p in frozen_store.iterdir()) == before
