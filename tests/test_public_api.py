import docgraph


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


def test_public_api_build_query_networkx(tmp_path, seed_dir):
    with docgraph.build([seed_dir], store=tmp_path / "s") as g:
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
