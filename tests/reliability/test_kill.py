"""Issue 14 (what holds and must keep holding): a build killed with SIGKILL at any moment,
then run again, leaves the store as one clean build does; a second process is refused
with one clear line while a build holds the store."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from docgraph.graph.stores import open_store

from .conftest import TEXT, write

pytestmark = pytest.mark.issue(14)

sys.path.insert(0, os.path.dirname(os.path.dirname(__file__)))
from conftest import snapshot  # noqa: E402  (tests/conftest.py: every node and edge, sorted)

DOCGRAPH = [sys.executable, "-m", "docgraph.cli"]


def corpus(folder, files: int = 300):
    for i in range(files):
        write(folder / f"{i // 50}" / f"news-{i:04d}.txt", TEXT.replace("2013", str(1950 + i)))
    return folder


def build(docs, store, **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [*DOCGRAPH, "build", str(docs), "--fast", "--store", str(store)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,
    )


def contents(store) -> tuple:
    with open_store(store, create=False) as s:
        return snapshot(s)


@pytest.mark.slow
def test_a_build_killed_at_any_moment_then_rerun_equals_a_clean_build(tmp_path):
    docs = corpus(tmp_path / "docs")
    clean = tmp_path / "clean"
    assert build(docs, clean).wait() == 0
    expected = contents(clean)
    started = time.perf_counter()
    assert build(docs, tmp_path / "timing").wait() == 0
    whole = time.perf_counter() - started
    for n, fraction in enumerate((0.3, 0.5, 0.7, 0.85, 0.95)):
        store = tmp_path / f"killed-{n}"
        proc = build(docs, store)
        time.sleep(whole * fraction)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        rerun = build(docs, store)
        out, err = rerun.communicate()
        assert rerun.returncode == 0, err
        assert contents(store) == expected, f"killed at {fraction:.0%} of the build"


def test_a_second_build_while_one_holds_the_store_is_refused_in_one_line(tmp_path):
    docs = corpus(tmp_path / "docs", 400)
    store = tmp_path / "store"
    first = build(docs, store)
    try:
        deadline = time.monotonic() + 60
        while not (store / "graph.kgl").exists() and not any(store.glob("*")):
            assert time.monotonic() < deadline and first.poll() is None
            time.sleep(0.05)
        time.sleep(0.5)
        second = build(docs, store)
        out, err = second.communicate(timeout=120)
    finally:
        first.communicate(timeout=300)
    if first.returncode == 0 and second.returncode == 0:
        pytest.fail("the second build did not overlap the first: the test needs a longer build")
    assert second.returncode == 3, err
    assert err.count("\n") == 1 and "another process" in err
