"""The notebooks in notebooks/ run top to bottom and show what their text promises.

They are executed in memory with nbclient (the files on disk are never rewritten), with the
notebooks' folder as the working directory, in a kernel running this interpreter.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
ALL = ["01_quickstart.ipynb", "02_analysis.ipynb", "03_neo4j.ipynb"]


@pytest.fixture(scope="session")
def kernel_env(tmp_path_factory):
    """A ``python3`` kernelspec for this interpreter, first on JUPYTER_PATH.

    A user-level ``python3`` kernelspec would otherwise win and could run another Python.
    """
    root = tmp_path_factory.mktemp("jupyter")
    spec = root / "kernels" / "python3"
    spec.mkdir(parents=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    kernel = {"argv": argv, "display_name": "Python 3 (docgraph tests)", "language": "python"}
    (spec / "kernel.json").write_text(json.dumps(kernel), encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("JUPYTER_PATH", str(root))
        yield root


def run(name: str):
    """Execute a notebook in memory and return it with its outputs."""
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    client = nbclient.NotebookClient(
        nb,
        kernel_name="python3",
        timeout=600,
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    client.execute()
    return nb


def text_of(cell) -> str:
    """Everything a code cell showed: streams, plain-text and HTML results."""
    parts = []
    for out in cell.get("outputs", []):
        if out["output_type"] == "stream":
            parts.append(out["text"])
        elif out["output_type"] in ("execute_result", "display_data"):
            for mime in ("text/plain", "text/html"):
                if mime in out["data"]:
                    parts.append(out["data"][mime])
    return "\n".join(parts)


def cell(nb, snippet: str):
    """The one code cell whose source contains ``snippet``."""
    cells = [c for c in nb.cells if c.cell_type == "code" and snippet in c.source]
    assert len(cells) == 1, f"{len(cells)} code cells contain {snippet!r}"
    return cells[0]


def output(nb, snippet: str) -> str:
    """What the one code cell whose source contains ``snippet`` showed."""
    return text_of(cell(nb, snippet))


def images(nb) -> int:
    return sum(
        "image/png" in out.get("data", {})
        for c in nb.cells
        if c.cell_type == "code"
        for out in c.outputs
    )


def snapshot_repo() -> set[Path]:
    return set(NOTEBOOKS.parent.glob("*")) | set(NOTEBOOKS.glob("*"))


def no_tempfiles_in_repo(before: set[Path]) -> None:
    new = snapshot_repo() - before
    assert not new, f"the notebook wrote into the repository: {sorted(new)}"


@pytest.mark.parametrize("name", ALL)
def test_committed_without_outputs(name):
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and any(c.cell_type == "markdown" for c in nb.cells)
    for cell in code:
        assert cell.outputs == [] and cell.execution_count is None, cell.source[:60]
    source = "\n".join(c.source for c in nb.cells)
    assert "password=" not in source.replace(" ", "").lower()


def test_quickstart(kernel_env):
    before = snapshot_repo()
    nb = run("01_quickstart.ipynb")
    no_tempfiles_in_repo(before)

    stats = output(nb, "g.stats()")
    assert "'documents': 3" in stats
    members = output(nb, '"members-of"')
    for country in ("Burkina Faso", "Chad", "Mali", "Mauritania", "Niger"):
        assert country in members
    assert "members-of" in output(nb, "named_queries()")
    assert "United States" in output(nb, "DIPLOMATIC_RELATIONS")
    assert "niger_foreign_relations" in output(nb, "evidence_sentence")
    view = [out for out in cell(nb, "g.view(").outputs if "text/html" in out.get("data", {})]
    assert view and "<iframe srcdoc=" in view[0]["data"]["text/html"]
    assert "niger.html" in view[0]["data"]["text/plain"]


def test_analysis(kernel_env):
    before = snapshot_repo()
    nb = run("02_analysis.ipynb")
    no_tempfiles_in_repo(before)

    central = output(nb, "analysis.centrality_table(G, top=15)")
    first_rows = central.splitlines()[:4]
    assert any("Niger" in line or "Mali" in line for line in first_rows), central
    assert "pagerank" in central
    assert "G5 Sahel" in output(nb, "analysis.communities(")
    path = output(nb, "analysis.shortest_path(")
    assert path.startswith("Senegal") and "Niger" in path
    assert "    " in path  # the evidence sentences, indented under their hop
    timeline = output(nb, "analysis.timeline(")
    assert "1974-07-20" in timeline and "China" in timeline
    assert images(nb) >= 2  # the PageRank bar chart and the community drawing


@pytest.mark.neo4j
def test_neo4j(kernel_env, neo4j_env):
    # neo4j_env put a clean database's credentials in os.environ; the kernel inherits them.
    before = snapshot_repo()
    nb = run("03_neo4j.ipynb")
    no_tempfiles_in_repo(before)

    count = re.search(r"Neo4j holds (\d+) entities", output(nb, "n_entities ="))
    assert count and int(count.group(1)) > 0
    assert "3 documents" in output(nb, "g.add(")
    assert "Burkina Faso" in output(nb, '"members-of"')
    sub = output(nb, "result.to_networkx()")
    nodes = re.search(r"subgraph: (\d+) nodes, (\d+) relationships", sub)
    assert nodes and int(nodes.group(1)) >= 6 and int(nodes.group(2)) >= 5, sub
    assert "('Niger', 'MEMBER_OF', 'G5 Sahel')" in sub
    assert images(nb) >= 1
    assert neo4j_env.password not in json.dumps(nb)

    from docgraph.graph.stores.neo4j_store import Neo4jStore

    with Neo4jStore(neo4j_env.uri) as store:
        assert store.query("MATCH (d:Document) RETURN count(d) AS n").value("n") == [3]


def test_build_in_a_notebook_shows_a_progress_bar_unless_turned_off(kernel_env, tmp_path):
    """Drawn as HTML updated in place (no ipywidgets needed); ``progress=False`` draws none."""
    examples = Path(__file__).resolve().parents[1] / "examples"
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(
            f"import docgraph\ng = docgraph.build({str(examples)!r}, {str(tmp_path / 'a')!r}, "
            "fast=True)\ng.close()"
        ),
        nbformat.v4.new_code_cell(
            f"g = docgraph.build({str(examples)!r}, {str(tmp_path / 'b')!r}, fast=True, "
            "progress=False)\ng.close()"
        ),
    ]
    client = nbclient.NotebookClient(nb, kernel_name="python3", timeout=600)
    client.execute()
    shown, quiet = nb.cells
    html = [o["data"].get("text/html", "") for o in shown.outputs if "data" in o]
    assert any("<progress" in h and "extract 3/3 documents, done in" in h for h in html)
    assert not any(o["output_type"] == "stream" for o in shown.outputs)  # no text lines
    assert quiet.outputs == []
