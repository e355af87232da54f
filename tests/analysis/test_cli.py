import csv
import io
import json

import pytest
from click.testing import CliRunner

from docgraph.analysis import EntityNotFound, NoPath
from docgraph.analysis.cli import GraphSource, analyze


class Recorder:
    def __init__(self):
        self.calls = []

    def __call__(self, metrics):
        self.calls.append(metrics)


class Source(GraphSource):
    """A graph source as the main CLI provides one: a graph and, if given, a writer."""

    def __init__(self, graph, write_back=None, expect_store=None):
        self.graph, self.writer, self.expect_store = graph, write_back, expect_store

    def load_graph(self):
        assert self.store == self.expect_store
        return self.graph

    def write_back(self, metrics):
        if self.writer is None:
            return super().write_back(metrics)
        self.writer(metrics)


@pytest.fixture
def recorder():
    return Recorder()


@pytest.fixture
def run(tiny_graph, recorder):
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(
            analyze,
            list(args),
            obj=Source(tiny_graph, recorder),
            env={"COLUMNS": "250"},
        )

    return invoke


def test_cli_centrality_json_top(run):
    result = run("centrality", "--top", "2", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [r["id"] for r in rows] == ["country:mali", "organization:g5-sahel"]
    assert rows[0]["degree"] == pytest.approx(0.9)


def test_cli_centrality_csv(run):
    result = run("centrality", "--format", "csv", "--by", "degree", "--no-related")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == [
        "id",
        "name",
        "label",
        "degree",
        "betweenness",
        "pagerank",
        "eigenvector",
    ]
    assert len(rows) == 11
    assert (rows[0]["name"], float(rows[0]["degree"])) == ("Mali", pytest.approx(0.7))


def test_cli_centrality_table(run):
    result = run("centrality", "--top", "3")
    assert result.exit_code == 0, result.output
    assert "Centrality (3 of 11 entities, by pagerank)" in result.output
    assert "G5 Sahel" in result.output and "Niger River" not in result.output


def test_cli_centrality_write_back(run, recorder, tiny_graph):
    result = run("centrality", "--top", "1", "--write-back", "--format", "json")
    assert result.exit_code == 0, result.output
    (metrics,) = recorder.calls
    assert sorted(metrics) == ["betweenness", "degree", "eigenvector", "pagerank"]
    assert all(set(values) == set(tiny_graph) for values in metrics.values())
    assert metrics["degree"]["country:mali"] == pytest.approx(0.9)
    assert "wrote degree, betweenness, pagerank, eigenvector for 11 entities" in result.stderr


def test_cli_no_write_back_by_default(run, recorder):
    assert run("centrality").exit_code == 0
    assert run("communities").exit_code == 0
    assert recorder.calls == []


def test_cli_communities_json_and_write_back(run, recorder):
    result = run("communities", "--seed", "7", "--format", "json", "--write-back")
    assert result.exit_code == 0, result.output
    groups = json.loads(result.stdout)
    assert [g["community"] for g in groups] == list(range(len(groups)))
    assert sum(g["size"] for g in groups) == 11
    (metrics,) = recorder.calls
    assert list(metrics) == ["community"]
    for group in groups:
        assert {metrics["community"][m["id"]] for m in group["members"]} == {group["community"]}
    assert run("communities", "--seed", "7", "--format", "json").stdout == result.stdout


def test_cli_path_json(run):
    result = run("path", "Niger", "France", "--no-related", "--format", "json")
    assert result.exit_code == 0, result.output
    hops = json.loads(result.stdout)
    assert [(h["source"], h["type"], h["direction"], h["target"]) for h in hops] == [
        ("country:niger", "MEMBER_OF", "forward", "organization:g5-sahel"),
        ("organization:g5-sahel", "FUNDED", "backward", "country:france"),
    ]
    assert (
        hops[1]["evidence"][0]["sentence"]
        == "France gave €8 million in aid to the G5 Sahel in 2018."
    )


def test_cli_path_table_all(run):
    result = run("path", "Niger", "France", "--all")
    assert result.exit_code == 0, result.output
    assert "Path 1: 2 hop(s)" in result.output and "Path 2: 2 hop(s)" in result.output
    assert "<-FUNDED-" in result.output
    assert "-EXPELLED-> (also DEPLOYED_TROOPS_IN, FUNDED)" in result.output


def test_cli_path_unknown_entity_is_a_docgraph_error(run):
    result = run("path", "Atlantis", "Mali")
    assert result.exit_code == 1
    assert isinstance(result.exception, EntityNotFound)


def test_cli_path_no_path(run):
    result = run("path", "Niger", "2020 coup", "--no-related")
    assert result.exit_code == 1
    assert isinstance(result.exception, NoPath)


def test_cli_ego(run):
    result = run("ego", "Niger", "--radius", "1", "--no-related", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["center"] == "country:niger"
    assert [n["id"] for n in data["nodes"]] == [
        "country:niger",
        "organization:ecowas",
        "organization:g5-sahel",
    ]
    assert len(data["edges"]) == 2
    table = run("ego", "Niger")
    assert "Niger: 4 entities within 1 hop(s)" in table.output


def test_cli_bridges(run):
    result = run("bridges", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [a["id"] for a in data["articulation_points"]] == [
        "country:mali",
        "organization:g5-sahel",
    ]
    assert len(data["bridges"]) == 4
    assert "4 bridges" in run("bridges").output


def test_cli_timeline_table_escapes_document_text(run):
    result = run("timeline", "Mali", "--from", "2013", "--to", "2013")
    assert result.exit_code == 0, result.output
    assert "Timeline (2 dated relationships)" in result.output
    assert "[citation needed]" in result.output


def test_cli_timeline_csv(run):
    result = run("timeline", "--from", "2022", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["date"], r["type"]) for r in rows] == [
        ("2022", "DEPLOYED_TROOPS_IN"),
        ("2022-02", "EXPELLED"),
        ("2022-05", "MEMBER_OF"),
    ]


def test_cli_timeline_bad_range(run):
    result = run("timeline", "--from", "2020", "--to", "2010")
    assert result.exit_code == 2
    assert "--from 2020 is after --to 2010" in result.output


def test_cli_profile_json(run):
    result = run("profile", "G-5 Sahel", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["funding"]["received_totals"] == {"EUR": 58_000_000, "USD": 60_000_000}


def test_cli_profile_table(run):
    result = run("profile", "Mali")
    assert result.exit_code == 0, result.output
    for text in (
        "Member of (current)",
        "Member of (former)",
        "Funding received (total 5,000,000 EUR; 10,000,000 USD)",
        "Leaders",
        "Assimi Goïta",
        "Envoys",
        "DEPLOYED_TROOPS_IN",
        "troops=4500",
    ):
        assert text in result.output


def test_cli_without_graph_loader():
    result = CliRunner().invoke(analyze, ["bridges"])
    assert result.exit_code == 1
    assert "no graph to analyse" in result.output


def test_cli_write_back_unavailable(tiny_graph):
    result = CliRunner().invoke(analyze, ["communities", "--write-back"], obj=Source(tiny_graph))
    assert result.exit_code == 1
    assert "--write-back is not available" in result.output


def test_cli_store_option_is_recorded_for_the_loader(tiny_graph):
    source = Source(tiny_graph, expect_store="elsewhere")
    result = CliRunner().invoke(analyze, ["--store", "elsewhere", "bridges"], obj=source)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    "args",
    [
        ["--store", "elsewhere", "bridges"],
        ["bridges", "--store", "elsewhere"],
        ["centrality", "--top", "1", "--store", "elsewhere"],
        ["path", "Mali", "G5 Sahel", "--store", "elsewhere"],
    ],
)
def test_cli_store_option_before_or_after_the_subcommand(tiny_graph, args):
    source = Source(tiny_graph, expect_store="elsewhere")
    result = CliRunner().invoke(analyze, args, obj=source)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("args", "columns"),
    [
        (["communities", "--seed", "7"], {"community", "size", "id", "name"}),
        (["path", "Niger", "France", "--no-related"], {"path", "hop", "source", "target"}),
        (["ego", "Niger", "--no-related"], {"kind", "id", "name", "source", "target"}),
        (["bridges"], {"kind", "source", "source_name", "target", "target_name"}),
        (["profile", "Mali"], {"section", "name"}),
    ],
)
def test_cli_every_row_printing_command_has_csv(run, args, columns):
    as_csv = run(*args, "--format", "csv")
    assert as_csv.exit_code == 0, as_csv.output
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert rows and columns <= set(rows[0])
    as_json = json.loads(run(*args, "--format", "json").stdout)
    ids = {r.get("id") or r.get("source") for r in rows}
    assert ids and all(json.dumps(i) in json.dumps(as_json) for i in ids if i)


def test_cli_ego_csv_has_its_entities_and_relationships(run):
    rows = list(csv.DictReader(io.StringIO(run("ego", "Niger", "--format", "csv").stdout)))
    kinds = {r["kind"] for r in rows}
    assert kinds == {"entity", "relationship"}
    assert any(
        r["kind"] == "entity" and r["name"] == "Niger" and r["distance"] == "0" for r in rows
    )
