"""The command line as a user drives it: real documents, real store, real exit codes.

Queries, export and views run on the hand-built graph of the seed (tests/data/corpus.jsonl);
the commands that read documents use examples/ and check the shape, not what is extracted.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from docgraph.cli import main

G5_MEMBERS = {"Mali", "Burkina Faso", "Chad", "Mauritania", "Niger"}
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "niger_foreign_relations.txt"


@pytest.fixture
def example_dir(tmp_path) -> Path:
    """A folder holding one document of examples/."""
    folder = tmp_path / "example"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / EXAMPLE.name)
    return folder


def test_cli_extract_jsonl_has_the_scorer_format(runner, example_dir):
    result = runner.invoke(main, ["extract", str(example_dir), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 1
    record = lines[0]
    assert record["document"]["id"] == "niger_foreign_relations"
    ids = {e["id"] for e in record["entities"]}
    for e in record["entities"]:
        assert set(e) >= {"id", "name", "label", "aliases"}
    for r in record["relations"]:
        assert r["source"] in ids and r["target"] in ids
        assert r["evidence"] and all(
            {"sentence", "start", "end"} <= set(ev) for ev in r["evidence"]
        )


def test_cli_build_twice_gives_identical_stats(runner, tmp_path, example_dir):
    store = str(tmp_path / "store")
    first = runner.invoke(main, ["build", str(example_dir), "--store", store])
    assert first.exit_code == 0, first.output
    stats1 = runner.invoke(main, ["stats", "--format", "json", "--store", store])
    again = runner.invoke(main, ["build", str(example_dir), "--store", store])
    assert again.exit_code == 0, again.output
    assert "no changes" in again.stdout
    stats2 = runner.invoke(main, ["stats", "--format", "json", "--store", store])
    assert json.loads(stats1.stdout) == json.loads(stats2.stdout)
    assert json.loads(stats1.stdout)["documents"] == 1


def test_cli_query_members_of_g5_sahel(runner, seed_store):
    result = runner.invoke(
        main,
        [
            "query",
            "MATCH (c:Country)-[:MEMBER_OF]->(o {name: $org}) RETURN c.name AS name",
            "-p",
            "org=G5 Sahel",
            "--format",
            "json",
            "--store",
            str(seed_store),
        ],
    )
    assert result.exit_code == 0, result.output
    assert {row["name"] for row in json.loads(result.stdout)} == G5_MEMBERS


@pytest.mark.parametrize("fmt", ["csv", "table"])
def test_cli_query_formats(runner, seed_store, fmt):
    result = runner.invoke(
        main,
        [
            "query",
            "MATCH (c:Country {name: 'Mali'}) RETURN c.name AS name",
            "--format",
            fmt,
            "--store",
            str(seed_store),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Mali" in result.stdout
    if fmt == "csv":
        assert result.stdout.splitlines() == ["name", "Mali"]


def test_cli_query_refuses_writes_without_flag(runner, seed_store):
    result = runner.invoke(
        main, ["query", "MATCH (n:Country) DETACH DELETE n", "--store", str(seed_store)]
    )
    assert result.exit_code == 1
    assert "read-only" in result.stderr and "--write" in result.stderr
    check = runner.invoke(main, ["stats", "--format", "json", "--store", str(seed_store)])
    assert json.loads(check.stdout)["entities_by_label"]["Country"] >= 14


def test_cli_query_reads_local_files_only_with_allow_file_access(runner, seed_store, tmp_path):
    data = tmp_path / "rows.csv"
    data.write_text("a\n1\n", encoding="utf-8")
    load = f"LOAD CSV FROM 'file://{data}' AS row RETURN row"
    refused = runner.invoke(main, ["query", load, "--store", str(seed_store)])
    assert refused.exit_code == 1 and "--allow-file-access" in refused.stderr
    allowed = runner.invoke(
        main,
        ["query", load, "--allow-file-access", "--format", "json", "--store", str(seed_store)],
    )
    assert allowed.exit_code == 0, allowed.stderr
    assert [row["row"] for row in json.loads(allowed.stdout)] == [["a"], ["1"]]


def test_cli_query_syntax_error_is_one_line_with_position(runner, seed_store):
    result = runner.invoke(main, ["query", "MATCH (n RETURN n", "--store", str(seed_store)])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("Error:")
    assert "col" in result.stderr or "position" in result.stderr
    assert "Traceback" not in result.output


def test_cli_bad_inputs_are_named_and_the_rest_processed(runner, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "good.txt").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (docs / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (docs / "latin1.txt").write_bytes(
        "Relations entre le Mali et la Côte d'Ivoire.".encode("latin-1")
    )
    (docs / "empty.md").write_text("   \n", encoding="utf-8")
    store = str(tmp_path / "store")
    result = runner.invoke(
        main, ["build", str(docs), str(tmp_path / "missing.txt"), "--store", store]
    )
    assert result.exit_code == 1
    for name in ("binary.txt", "latin1.txt", "empty.md", "missing.txt"):
        assert name in result.stderr
    assert "not UTF-8" in result.stderr and "binary" in result.stderr and "empty" in result.stderr
    assert "Traceback" not in result.output
    stats = json.loads(runner.invoke(main, ["stats", "--format", "json", "--store", store]).stdout)
    assert stats["documents"] == 1 and stats["entities"] > 20  # the good file was stored whole


def test_cli_stats_on_missing_store_is_a_clear_error(runner, tmp_path):
    result = runner.invoke(main, ["stats", "--store", str(tmp_path / "nowhere")])
    assert result.exit_code == 3
    assert "docgraph build" in result.stderr


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_cli_export_reads_back_with_networkx(runner, seed_store, tmp_path, fmt):
    import networkx as nx

    out = tmp_path / f"g.{fmt}"
    result = runner.invoke(
        main, ["export", "--format", fmt, "--out", str(out), "--store", str(seed_store)]
    )
    assert result.exit_code == 0, result.output
    if fmt == "graphml":
        g = nx.read_graphml(out)
    elif fmt == "gexf":
        g = nx.read_gexf(out)
    else:
        g = nx.node_link_graph(json.loads(out.read_text()), edges="edges")
    label_key, type_key = ("category", "rel_type") if fmt == "gexf" else ("label", "type")
    assert g.nodes["country:mali"]["name"] == "Mali"
    assert g.nodes["country:mali"][label_key] == "Country"
    member_edges = {(u, v) for u, v, d in g.edges(data=True) if d.get(type_key) == "MEMBER_OF"}
    assert ("country:chad", "organization:g5-sahel") in member_edges
    # the same nodes, edges and attributes as the graph in the store
    import docgraph

    with docgraph.open(seed_store) as graph:
        original = graph.to_networkx()
    assert set(g.nodes) == set(original.nodes)
    edges = {(u, v, d.get(type_key)) for u, v, d in g.edges(data=True)}
    assert edges == {(u, v, k) for u, v, k in original.edges(keys=True)}
    for node, data in original.nodes(data=True):
        assert g.nodes[node]["name"] == data["name"]
        assert g.nodes[node][label_key] == data["label"]
    chad = next(
        d for u, v, d in g.edges(data=True) if (u, v) == ("country:chad", "organization:g5-sahel")
    )
    evidence = chad["evidence"] if fmt == "json" else json.loads(chad["evidence"])
    assert evidence[0]["sentence"].startswith("One of the most prominent examples")


def test_cli_view_writes_html(runner, seed_store, tmp_path):
    out = tmp_path / "v.html"
    result = runner.invoke(main, ["view", "--out", str(out), "--store", str(seed_store)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "vis.Network" in html and "Operation Barkhane" in html
    assert "<script src" not in html and "<link" not in html  # every asset inlined


def test_cli_stats_as_csv_adds_up(runner, seed_store):
    import csv
    import io

    result = runner.invoke(main, ["stats", "--format", "csv", "--store", str(seed_store)])
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    total = {r["kind"]: int(r["count"]) for r in rows if not r["name"]}
    labels = sum(int(r["count"]) for r in rows if r["kind"] == "label")
    types = sum(int(r["count"]) for r in rows if r["kind"] == "type")
    assert total["entities"] == labels > 0 and total["relationships"] == types > 0


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_cli_queries_lists_every_named_query_in_each_format(runner, fmt):
    import csv
    import io

    from docgraph.queries import named_queries

    result = runner.invoke(main, ["queries", "--format", fmt])
    assert result.exit_code == 0, result.output
    if fmt == "json":
        names = [q["name"] for q in json.loads(result.stdout)]
    else:
        names = [r["name"] for r in csv.DictReader(io.StringIO(result.stdout))]
    assert names == list(named_queries())


def test_cli_every_option_of_every_command_has_help():
    import click

    def options(command, path):
        if isinstance(command, click.Group):
            for name, sub in command.commands.items():
                yield from options(sub, [*path, name])
        for param in command.params:
            if isinstance(param, click.Option) and not param.hidden:
                yield " ".join(path), param

    bare = [f"{path} {'/'.join(p.opts)}" for path, p in options(main, ["docgraph"]) if not p.help]
    assert bare == []


def test_cli_query_reads_cypher_from_a_file_or_stdin(runner, seed_store, tmp_path):
    script = tmp_path / "countries.cypher"
    script.write_text("MATCH (n:Country)\n// every country\nRETURN count(n) AS n\n", "utf-8")
    inline = runner.invoke(
        main,
        ["query", "MATCH (n:Country) RETURN count(n) AS n", "--format", "json"]
        + ["--store", str(seed_store)],
    )
    from_file = runner.invoke(
        main, ["query", "-f", str(script), "--format", "json", "--store", str(seed_store)]
    )
    from_stdin = runner.invoke(
        main,
        ["query", "-f", "-", "--format", "json", "--store", str(seed_store)],
        input=script.read_text("utf-8"),
    )
    assert inline.exit_code == from_file.exit_code == from_stdin.exit_code == 0
    assert (
        json.loads(from_file.stdout) == json.loads(from_stdin.stdout) == json.loads(inline.stdout)
    )
    both = runner.invoke(main, ["query", "RETURN 1", "-f", str(script), "--store", str(seed_store)])
    assert both.exit_code == 2 and "one of" in both.output


def test_cli_reads_a_document_from_standard_input(runner, tmp_path):
    store = str(tmp_path / "s")
    text = "Ghana joined ECOWAS in 1975. Togo joined ECOWAS in 1975.\n"
    extracted = runner.invoke(main, ["extract", "-", "--format", "jsonl"], input=text)
    assert extracted.exit_code == 0, extracted.stderr
    (record,) = [json.loads(line) for line in extracted.stdout.splitlines() if line.strip()]
    assert record["document"]["id"].startswith("stdin-")
    assert {e["name"] for e in record["entities"]} >= {"Ghana", "Togo", "ECOWAS"}
    for piped in (text, text, "Mali joined ECOWAS in 1975.\n"):
        built = runner.invoke(main, ["build", "-", "--store", store], input=piped)
        assert built.exit_code == 0, built.stderr
    docs = runner.invoke(
        main,
        ["query", "MATCH (d:Document) RETURN d.id AS id", "--format", "json", "--store", store],
    )
    ids = [row["id"] for row in json.loads(docs.stdout)]
    assert len(ids) == 2 and all(i.startswith("stdin-") for i in ids)  # the same text once
    empty = runner.invoke(main, ["extract", "-"], input="")
    assert empty.exit_code == 1 and "<stdin>: empty" in empty.stderr


def test_cli_store_option_after_the_subcommand_wins_over_the_environment(runner, seed_store):
    env = {"DOCGRAPH_STORE": "http://not-a-store"}
    assert runner.invoke(main, ["queries", "--format", "json"], env=env).exit_code == 0
    refused = runner.invoke(main, ["stats"], env=env)
    assert refused.exit_code == 1 and "not http://" in refused.stderr
    for args in (
        ["stats", "--format", "json"],
        ["query", "MATCH (c:Country) RETURN count(c) AS n", "--format", "json"],
        ["analyze", "bridges", "--format", "json"],
    ):
        result = runner.invoke(main, [*args, "--store", str(seed_store)], env=env)
        assert result.exit_code == 0, (args, result.stderr)
        json.loads(result.stdout)


def test_cli_analyze_write_back_goes_to_the_store_it_read(runner, seed_store, tmp_path):
    store = tmp_path / "store"
    shutil.copytree(seed_store, store)
    args = ["analyze", "centrality", "--write-back", "--top", "1", "--store", str(store)]
    assert runner.invoke(main, args).exit_code == 0
    check = runner.invoke(
        main,
        ["query", "MATCH (n:Entity) WHERE n.pagerank IS NOT NULL RETURN count(n) AS n"]
        + ["--format", "json", "--store", str(store)],
    )
    assert json.loads(check.stdout)[0]["n"] > 0
