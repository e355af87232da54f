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
