from pathlib import Path

import docgraph

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_public_api_names_are_pinned():
    assert sorted(docgraph.__all__) == [
        "AuthenticationError",
        "BuildReport",
        "DocgraphError",
        "ExtractionError",
        "Graph",
        "InputError",
        "QueryError",
        "SchemaError",
        "StoreError",
        "StoreUnavailable",
        "build",
        "open",
    ]


def test_public_api_open_query_networkx(seed_store):
    with docgraph.open(seed_store) as g:
        df = g.query(
            "MATCH (c:Country)-[r:MEMBER_OF]->(:Organization {name: 'G5 Sahel'}) "
            "RETURN c.name AS country, r.status AS status ORDER BY country"
        ).to_df()
        assert dict(zip(df.country, df.status, strict=True)) == {
            "Burkina Faso": "former",
            "Chad": "current",
            "Mali": "former",
            "Mauritania": "current",
            "Niger": "former",
        }
        nxg = g.to_networkx()
        assert nxg.nodes["country:libya"]["name"] == "Libya"
        assert nxg.has_edge("person:muhammad-ahmad-mograhi", "country:mali", key="AMBASSADOR_TO")


def test_public_api_build_from_documents(tmp_path):
    # what the extractor finds is the loaders' tests' business; here only that build
    # reads, writes and reports
    with docgraph.build([EXAMPLES / "niger_foreign_relations.txt"], store=tmp_path / "s") as g:
        assert g.last_build is not None and g.last_build.ok
        assert g.last_build.documents == 1
        stats = g.stats()
        assert stats["documents"] == 1 and stats["entities"] > 0
        assert g.query("documents").data()[0]["document"] == "niger_foreign_relations"
        assert g.to_networkx().number_of_nodes() == stats["entities"]


def test_open_refuses_a_missing_store_and_names_the_close_one(tmp_path):
    with docgraph.build([EXAMPLES / "niger_foreign_relations.txt"], store=tmp_path / "corpus"):
        pass
    typo = tmp_path / "corpsu"
    try:
        docgraph.open(typo)
    except docgraph.StoreUnavailable as exc:
        message = str(exc)
    else:
        raise AssertionError("a missing store opened")
    assert "no docgraph store" in message and "did you mean" in message
    assert str(tmp_path / "corpus") in message
    assert not typo.exists()  # nothing was created by the failed open


def test_open_create_makes_an_empty_store(tmp_path):
    with docgraph.open(tmp_path / "new", create=True) as g:
        assert g.stats()["entities"] == 0
    with docgraph.open(tmp_path / "new") as g:  # and it exists from then on
        assert g.stats()["documents"] == 0


def test_submodules_are_reachable_from_the_package():
    import subprocess
    import sys

    code = (
        "import docgraph\n"
        "print(docgraph.analysis.pagerank.__name__, docgraph.views.write_view.__name__,"
        " docgraph.queries.__name__, 'analysis' in dir(docgraph))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == ["pagerank", "write_view", "docgraph.queries", "True"]
    try:
        docgraph.no_such_module  # noqa: B018
    except AttributeError as exc:
        assert "no_such_module" in str(exc)
    else:
        raise AssertionError("an unknown attribute was found")


def test_entry_points_name_their_parameters():
    import inspect

    for fn, expected in [
        (docgraph.open, {"location", "create", "username", "password", "allow_file_access"}),
        (docgraph.build, {"paths", "store", "fast", "processes", "infer_places", "progress"}),
    ]:
        params = inspect.signature(fn).parameters
        assert expected <= set(params), fn
        assert all(p.kind is not p.VAR_KEYWORD for p in params.values()), fn


def test_query_result_shows_its_first_rows_and_escapes_html():
    from docgraph.graph.results import QueryResult

    hostile = "<img src=x onerror=alert(1)>"
    result = QueryResult(
        ["name", "n"], [{"name": hostile if i == 0 else f"c{i}", "n": i} for i in range(60)]
    )
    text = repr(result)
    assert text.splitlines()[0] == "<QueryResult 60 row(s), keys ['name', 'n']>"
    assert "name=c1, n=1" in text and "… 55 more" in text
    page = result._repr_html_()
    assert hostile not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert page.count("<tr>") == 51  # the header and the first 50 rows
    assert "10 more row(s) of 60" in page


def test_push_copies_the_graph_then_writes_nothing_and_undoes_changes(seed_store, tmp_path):
    from docgraph.graph.diff import diff_graphs

    target = tmp_path / "copy"
    with docgraph.open(seed_store) as source:
        first = source.push(target, progress=False)
        assert first.write.rows > 0 and first.stats == source.stats()
        again = source.push(target, progress=False)
        assert again.write.rows == 0
        with docgraph.open(target) as copy:
            copy.query("MATCH (c:Country {name: 'Mali'}) DETACH DELETE c", write=True)
            fixed = source.push(copy, progress=False)  # an open graph is left open
            assert fixed.write.rows > 0
            assert diff_graphs(copy.read(), source.read()).is_empty
