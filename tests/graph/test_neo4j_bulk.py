"""Bulk files for neo4j-admin: imported by the real 5.26 import tool, they give the graph
that ``docgraph load`` writes."""

from __future__ import annotations

import copy
import subprocess

import neo4j_server
import pytest
from conftest import snapshot

import docgraph
from docgraph.cli import main
from docgraph.errors import DocgraphError
from docgraph.graph.diff import diff_graphs
from docgraph.graph.model import Entity, Evidence, GraphData, Relation
from docgraph.graph.neo4j_csv import write_neo4j_csv
from docgraph.graph.stores.neo4j_store import Neo4jStore

pytestmark = pytest.mark.neo4j

#: text that breaks naive CSV: the tool's default array delimiter, quotes, commas, new
#: lines, the first delimiter docgraph would pick, markup, emoji, a long name
AWKWARD = [
    "Semi; colon; list",
    "Quote \" and 'single'",
    "comma, separated, name",
    "line\nbreak\r\nand more",
    "unit\x1fseparator",
    "<script>alert(1)</script>",
    "emoji 🇲🇱 🚀",
    "A" * 5_000,
]


def _awkward_graph(base: GraphData) -> GraphData:
    graph = copy.deepcopy(base)
    doc = next(iter(graph.documents))
    for i, name in enumerate(AWKWARD):
        graph.add_entity(
            Entity(
                f"person:awkward-{i}",
                name,
                "Person",
                {name[:40], f"alias {i}; with, punctuation"},
                {"born": 1950 + i, "share": i / 3, "active": i % 2 == 0, "codes": [f"c{i}", "x"]},
                mentions={doc: i + 1},
            )
        )
    for i in range(len(AWKWARD) - 1):
        graph.add_relation(
            Relation(
                f"person:awkward-{i}",
                "ALLY_OF",
                f"person:awkward-{i + 1}",
                {"since": f"19{60 + i}"},
                [Evidence(doc, i, i + 10, AWKWARD[i], "test", 0.5 + i / 100)],
            )
        )
    return graph


def _without_empty_lists(rows: list[str]) -> list[str]:
    """The import tool stores no empty list (an entity with no aliases has no property)."""
    return sorted(
        row.replace(", ('aliases', [])", "").replace("('aliases', []), ", "") for row in rows
    )


def test_bulk_files_import_into_the_graph_that_load_writes(
    neo4j_env, seed_store, tmp_path, monkeypatch
):
    with docgraph.open(seed_store) as embedded:
        graph = _awkward_graph(embedded.read())
    with Neo4jStore(neo4j_env.uri) as loaded:
        loaded.apply(diff_graphs(GraphData(), graph))
        expected_nodes, expected_rels = snapshot(loaded)

    files = write_neo4j_csv(graph, tmp_path / "csv")
    assert files.delimiter != "\x1f"  # it occurs in the text, so another one was chosen
    data = tmp_path / "imported"
    imported = subprocess.run(
        [str(neo4j_server.SCRIPT), "admin", "--data", str(data), "--", *files.command()[1:]],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,
    )
    assert imported.returncode == 0, imported.stdout[-2000:] + imported.stderr[-2000:]
    assert f"{len(graph.entities) + len(graph.documents)} nodes" in imported.stdout
    # the tool's report lands beside the files, not in the directory it ran from
    assert (files.folder / "import.report").exists() and not (tmp_path / "import.report").exists()

    monkeypatch.setenv("NEO4J_TEST_SERVER_RUNDIR", str(tmp_path / "run"))
    server = neo4j_server.start(data_dir=data)
    try:
        with Neo4jStore(server.uri, username=server.user, password=server.password) as bulk:
            nodes, rels = snapshot(bulk)
            assert _without_empty_lists(nodes) == _without_empty_lists(expected_nodes)
            assert rels == expected_rels
            assert diff_graphs(bulk.read_graph(), graph).is_empty
    finally:
        neo4j_server.stop()


def test_export_neo4j_csv_from_the_command_line(runner, seed_store, tmp_path):
    out = tmp_path / "bulk"
    result = runner.invoke(
        main, ["export", "--format", "neo4j-csv", "--out", str(out), "--store", str(seed_store)]
    )
    assert result.exit_code == 0, result.output
    assert (out / "import.sh").exists() and (out / "documents.csv").exists()
    assert "neo4j-admin database import full" in result.output and str(out) in result.output
    # a second export into the same folder would make the import read both: refused
    again = runner.invoke(
        main, ["export", "--format", "neo4j-csv", "--out", str(out), "--store", str(seed_store)]
    )
    assert again.exit_code != 0 and "empty folder" in again.output


def test_values_the_import_tool_cannot_hold_are_refused_by_name(tmp_path):
    graph = GraphData()
    graph.add_entity(Entity("country:x", "X", "Country", set(), {"mixed": [1, "a"]}))
    with pytest.raises(DocgraphError, match="mixed"):
        write_neo4j_csv(graph, tmp_path / "a")
    graph = GraphData()
    graph.add_entity(Entity("country:y", "Y", "Country", set(), {"bad:key": 1}))
    with pytest.raises(DocgraphError, match="bad:key"):
        write_neo4j_csv(graph, tmp_path / "b")
