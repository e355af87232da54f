"""Progress of long steps as a user sees it: lines on a redirected stderr, nothing on
stdout (which carries JSON), nothing at all with ``progress=False``."""

from __future__ import annotations

import io
import json
import math
import re
import shutil
import time
from pathlib import Path

import pytest

import docgraph
from docgraph.cli import main
from docgraph.progress import ProgressReport

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture
def documents(tmp_path) -> Path:
    """The three documents of examples/ in a folder of their own."""
    folder = tmp_path / "docs"
    shutil.copytree(EXAMPLES, folder)
    assert len(list(folder.iterdir())) >= 3
    return folder


def test_piped_build_prints_a_line_per_stage_on_stderr_only(runner, documents, tmp_path):
    store = str(tmp_path / "store")
    result = runner.invoke(main, ["build", str(documents), "--fast", "--store", store])
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    assert "extract 0/3 documents" in lines
    assert any(line.startswith("extract 3/3 documents, done in ") for line in lines)
    assert any(line.startswith("write ") and " rows, done in " in line for line in lines)
    # the write stage starts at 0 before the first batch, so its pace is not measured
    # from the end of that batch (it showed "35,059,426/s")
    assert any(re.fullmatch(r"write 0/[\d,]+ rows", line) for line in lines), lines
    assert "done in" not in result.stdout

    analysed = runner.invoke(main, ["analyze", "centrality", "--format", "json", "--store", store])
    assert analysed.exit_code == 0, analysed.stderr
    rows = json.loads(analysed.stdout)  # progress did not get into the JSON
    assert rows and {"betweenness", "pagerank"} <= set(rows[0])
    assert f"betweenness {len(rows)}/{len(rows)} sources, done in" in analysed.stderr
    assert "centrality 4/4 measures, done in" in analysed.stderr


def test_build_progress_false_prints_nothing(documents, tmp_path, capfd):
    docgraph.build(documents, tmp_path / "quiet", fast=True, progress=False).close()
    quiet = capfd.readouterr()
    assert quiet.out == "" and quiet.err == ""
    docgraph.build(documents, tmp_path / "shown", fast=True).close()
    shown = capfd.readouterr()
    assert shown.out == "" and "extract 3/3 documents, done in" in shown.err


def test_lines_show_a_stage_when_it_starts_and_when_it_ends():
    stream = io.StringIO()
    report = ProgressReport("lines", stream=stream, interval=math.inf)
    for done in range(0, 11):
        report("extract", done, 10)
    report("extract", 10, 10)  # a repeated last call prints no second "done"
    lines = stream.getvalue().splitlines()
    assert lines[0] == "extract 0/10 documents"
    assert lines[1].startswith("extract 10/10 documents, done in ")
    assert len(lines) == 2


def test_off_prints_nothing():
    stream = io.StringIO()
    report = ProgressReport("off", stream=stream)
    report("write", 5, 5)
    assert stream.getvalue() == ""


def test_a_line_gives_the_pace_and_time_left_except_for_uneven_stages():
    from docgraph.progress import _Stage

    slow = _Stage("extract", 10, time.perf_counter() - 40, done=1)
    assert slow.line() == "extract 1/10 documents, 40s each, eta 6m00s"
    measures = _Stage("centrality", 4, time.perf_counter() - 74, done=2)
    assert measures.line() == "centrality 2/4 measures, 1m14s so far"  # no promise
