"""Issue 14.8: nothing a file name, a document or a stored value holds reaches the
terminal as a control sequence."""

from __future__ import annotations

import pytest

from docgraph.cli import main, printable

from .conftest import write

pytestmark = pytest.mark.issue(14)

OSC_TITLE = "\x1b]0;owned\x07"
RED = "\x1b[31m"


def test_a_file_name_with_an_osc_sequence_is_escaped_in_the_error_line(runner, tmp_path):
    docs = tmp_path / "docs"
    write(docs / "good.txt")
    bad = docs / f"bad{OSC_TITLE}\u202e.txt"
    bad.write_bytes(b"\x00\x01binary")
    result = runner.invoke(main, ["build", str(docs), "--fast", "--store", str(tmp_path / "s")])
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "\u202e" not in result.output
    assert "bad\\x1b]0;owned\\x07\\u202e.txt: binary" in result.stderr


def test_stored_text_with_escapes_is_escaped_in_tables(runner, tmp_path):
    docs = tmp_path / "docs"
    write(docs / f"{RED}doc.txt", "Mali is a member of ECOWAS.\n")
    store = str(tmp_path / "s")
    built = runner.invoke(main, ["build", str(docs), "--fast", "--store", store])
    assert built.exit_code == 0, built.output
    assert "\x1b" not in built.output
    query = runner.invoke(
        main,
        [
            "query",
            "MATCH (d:Document) RETURN d.id AS id, $x AS x, [$x] AS xs",
            "-p",
            f"x=[b]{RED}red\x9b31m",
            "--store",
            store,
        ],
    )
    assert query.exit_code == 0, query.output
    assert "\x1b" not in query.stdout and "\x9b" not in query.stdout
    assert "\\x1b[31mdoc" in query.stdout and "[b]\\x1b[31mred\\x9b31m" in query.stdout
    extract = runner.invoke(main, ["extract", str(docs), "--fast"])
    assert extract.exit_code == 0, extract.output
    assert "\x1b" not in extract.stdout and "\\x1b[31mdoc" in extract.stdout


def test_printable_keeps_text_and_escapes_only_controls():
    assert printable("Côte d'Ivoire — 北京\n\tok") == "Côte d'Ivoire — 北京\n\tok"
    assert printable("a\nb\tc", one_line=True) == "a\\nb\\tc"
    assert printable("\x1b[2J\x9b\x7f\u2028") == "\\x1b[2J\\x9b\\x7f\\u2028"


def test_analysis_tables_escape_stored_names(runner, tmp_path):
    from conftest import load_corpus

    store = str(tmp_path / "s")
    load_corpus(store)
    renamed = runner.invoke(
        main,
        [
            "query",
            "MATCH (n:Entity {name: 'Mali'}) SET n.name = $x RETURN count(n) AS n",
            "-p",
            f"x=Ma{OSC_TITLE}li{RED}",
            "--write",
            "--store",
            store,
        ],
    )
    assert renamed.exit_code == 0, renamed.output
    for command in (["centrality", "--top", "50"], ["profile", f"Ma{OSC_TITLE}li{RED}"]):
        result = runner.invoke(main, ["analyze", "--store", store, *command])
        assert result.exit_code == 0, result.output
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout
        assert "\\x1b" in result.stdout  # shown escaped (the cell may wrap the name)
