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
