"""``docgraph shell`` as a user drives it: statements piped in, and the real prompt in a
pseudo-terminal."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

from docgraph.cli import main
from docgraph.shell import split_statements

ROOT = Path(__file__).resolve().parents[1]


def test_piped_statements_run_in_order_and_an_error_does_not_stop_them(runner, seed_store):
    script = (
        "MATCH (c:Country) RETURN count(c) AS n;\n"
        "RETURN nope;\n"
        ":format json\n"
        "MATCH (c:Country)-[:MEMBER_OF]->(o {name: 'G5 Sahel'})\n"
        "RETURN c.name AS name ORDER BY name;\n"
    )
    result = runner.invoke(
        main, ["shell", "--format", "csv", "--store", str(seed_store)], input=script
    )
    assert result.exit_code == 1  # one statement failed
    assert result.stderr.count("Error:") == 1 and "nope" in result.stderr
    first, _, rest = result.stdout.partition("\n[")
    assert list(csv.reader(io.StringIO(first)))[0] == ["n"]
    names = {row["name"] for row in json.loads("[" + rest)}
    assert names == {"Mali", "Burkina Faso", "Chad", "Mauritania", "Niger"}


def test_piped_schema_counts_labels_and_types(runner, seed_store):
    result = runner.invoke(
        main, ["shell", "--format", "json", "--store", str(seed_store)], input=":schema\n"
    )
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    kinds = {(r["kind"], r["name"]): r["count"] for r in rows}
    assert kinds[("label", "Country")] >= 5 and kinds[("relationship", "MEMBER_OF")] >= 5


def test_shell_is_read_only_unless_started_with_write(runner, seed_store, tmp_path):
    store = tmp_path / "store"
    shutil.copytree(seed_store, store)
    change = "MATCH (c:Country {name: 'Mali'}) SET c.checked = true RETURN c.name AS name;\n"
    refused = runner.invoke(main, ["shell", "--store", str(store)], input=change)
    assert refused.exit_code == 1 and "--write" in refused.stderr
    allowed = runner.invoke(
        main, ["shell", "--write", "--format", "json", "--store", str(store)], input=change
    )
    assert allowed.exit_code == 0, allowed.stderr
    check = runner.invoke(
        main,
        ["query", "MATCH (c:Country {checked: true}) RETURN c.name AS name", "--format", "json"]
        + ["--store", str(store)],
    )
    assert json.loads(check.stdout) == [{"name": "Mali"}]


def test_a_semicolon_in_a_string_or_comment_does_not_end_a_statement():
    done, rest = split_statements("RETURN 'a;b' AS x // not; the end\n, 2 AS y;\nRETURN")
    assert done == ["RETURN 'a;b' AS x // not; the end\n, 2 AS y"]
    assert rest.strip() == "RETURN"


def _read_until(
    fd: int, wanted: bytes, seen: bytearray, start: int | None = None, limit: float = 60.0
) -> bytes:
    """Read the terminal until ``wanted`` shows up after ``start`` (default: in what is
    new) or the safety limit passes; returns everything read so far."""
    deadline = time.monotonic() + limit
    start = len(seen) if start is None else start
    while wanted not in seen[start:] and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            try:
                seen += os.read(fd, 4096)
            except OSError:
                break
    return bytes(seen)


def test_the_prompt_takes_a_statement_over_two_lines_and_keeps_history(seed_store, tmp_path):
    history = tmp_path / "history"
    master, slave = pty.openpty()
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "TERM": "xterm",
        "PROMPT_TOOLKIT_NO_CPR": "1",
        "COLUMNS": "120",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "docgraph.cli", "shell", "--store", str(seed_store)]
        + ["--history", str(history)],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        close_fds=True,
    )
    os.close(slave)
    seen = bytearray()
    try:
        _read_until(master, b"docgraph>", seen)
        os.write(master, b"MATCH (c:Country {name: 'Mali'})\r")
        _read_until(master, b"...>", seen)
        os.write(master, b"RETURN c.name + '-found' AS name;\r")
        out = _read_until(master, b"Mali-found", seen)
        assert b"Mali-found" in out
        os.write(master, b"RETURN nope;\r")
        out = _read_until(master, b"Error:", seen)
        assert b"Error:" in out
        os.write(master, b"MATCH (n)\r")  # half a statement, then Ctrl-C drops it
        _read_until(master, b"...>", seen)
        os.write(master, b"\x03")
        os.write(master, b"RETURN 'z' + 'q' AS v;\r")
        out = _read_until(master, b"zq", seen)
        assert b"zq" in out and out.count(b"Error:") == 1
        _read_until(master, b"docgraph>", seen, start=out.rfind(b"zq"))  # the next prompt
        os.write(master, b"\x04")  # Ctrl-D leaves
        assert process.wait(timeout=60) == 0
    finally:
        if process.poll() is None:
            process.kill()
        os.close(master)
    assert "RETURN c.name + '-found' AS name;" in history.read_text(encoding="utf-8")


def test_help_names_the_commands_and_says_whether_writes_are_allowed(runner, seed_store):
    for args, mode in (([], "Read-only"), (["--write"], "may change the store")):
        result = runner.invoke(main, ["shell", *args, "--store", str(seed_store)], input=":help\n")
        assert result.exit_code == 0 and result.stderr == ""
        assert ":schema" in result.stdout and ":format" in result.stdout
        assert mode in result.stdout


def test_a_bad_format_or_command_is_one_error_line(runner, seed_store):
    result = runner.invoke(
        main,
        ["shell", "--store", str(seed_store)],
        input=":format xml\n:frobnicate\n:format csv\nRETURN 1 AS one;\n",
    )
    assert result.exit_code == 1
    assert result.stderr.count("Error:") == 2 and "xml" in result.stderr
    assert result.stdout == "one\n1\n"
