"""A small hand-built graph in the shape of ``Graph.to_networkx()``, and the CLI runner."""

from __future__ import annotations

import networkx as nx
import pytest

NODES = [
    ("country:mali", "Mali", "Country", ["Republic of Mali"]),
    ("country:niger", "Niger", "Country", []),
    ("country:france", "France", "Country", ["French Republic"]),
    ("country:united-states", "United States", "Country", ["U.S.", "US"]),
    ("organization:g5-sahel", "G5 Sahel", "Organization", ["G-5 Sahel"]),
    (
        "organization:ecowas",
        "ECOWAS",
        "Organization",
        ["Economic Community of West African States"],
    ),
    ("organization:european-union", "European Union", "Organization", ["EU"]),
    ("person:assimi-goita", "Assimi Goïta", "Person", []),
    ("person:dennis-hankins", "Dennis Hankins", "Person", []),
    ("location:niger-river", "Niger River", "Location", ["Niger"]),
    ("event:2020-coup", "2020 coup", "Event", []),
]

# (source, type, target, properties, confidence, sentence)
EDGES = [
    ("country:mali", "MEMBER_OF", "organization:g5-sahel",
     {"status": "former", "since": "2014-02", "until": "2022-05"}, 0.85,
     "Mali, a founding member of the G5 Sahel in February 2014, withdrew in May 2022."),
    ("country:niger", "MEMBER_OF", "organization:g5-sahel",
     {"status": "current", "since": "2014-02"}, 0.85,
     "Niger joined the G5 Sahel in February 2014."),
    ("country:mali", "MEMBER_OF", "organization:ecowas",
     {"status": "current", "since": 1975}, 0.85,
     "Mali has been a member of ECOWAS since 1975."),
    ("country:niger", "MEMBER_OF", "organization:ecowas",
     {"since": 1975}, 0.85,
     "Niger is a member of ECOWAS."),
    ("country:france", "FUNDED", "organization:g5-sahel",
     {"amount": 8_000_000, "currency": "EUR", "kind": "aid", "date": 2018}, 0.75,
     "France gave €8 million in aid to the G5 Sahel in 2018."),
    ("country:united-states", "FUNDED", "organization:g5-sahel",
     {"amount": 60_000_000, "currency": "USD", "date": "2017-10"}, 0.75,
     "The U.S. pledged $60 million to the G5 Sahel in October 2017."),
    ("organization:european-union", "FUNDED", "organization:g5-sahel",
     {"amount": 50_000_000, "currency": "EUR", "kind": "pledge", "date": 2017}, 0.75,
     "The EU pledged €50 million to the G5 Sahel in 2017."),
    ("country:united-states", "FUNDED", "country:mali",
     {"amount": 10_000_000, "currency": "USD", "kind": "grant", "year": 2019}, 0.75,
     "The United States gave Mali a $10 million grant in 2019."),
    ("country:france", "FUNDED", "country:mali",
     {"amount": 5_000_000, "currency": "EUR", "since": 2013}, 0.75,
     "France has funded Mali with €5 million since 2013."),
    ("country:france", "DEPLOYED_TROOPS_IN", "country:mali",
     {"troops": 4500, "since": "2013-01", "until": 2022}, 0.7,
     "France deployed 4,500 troops to Mali in January 2013 [citation needed]."),
    ("country:mali", "EXPELLED", "country:france",
     {"date": "2022-02"}, 0.8,
     "Mali expelled the French ambassador in February 2022."),
    ("country:mali", "DIPLOMATIC_RELATIONS", "country:united-states",
     {"since": 1960}, 0.9,
     "Mali and the United States established diplomatic relations in 1960."),
    ("person:assimi-goita", "LEADER_OF", "country:mali",
     {"title": "President", "since": 2021}, 0.8,
     "President Assimi Goïta has led Mali since 2021."),
    ("person:dennis-hankins", "AMBASSADOR_TO", "country:mali",
     {"since": 2019}, 0.85,
     "Dennis Hankins became U.S. Ambassador to Mali in 2019."),
    ("person:dennis-hankins", "AMBASSADOR_OF", "country:united-states",
     {}, 0.85,
     "Dennis Hankins became U.S. Ambassador to Mali in 2019."),
    ("location:niger-river", "LOCATED_IN", "country:mali",
     {}, 0.6,
     "The Niger River flows through Mali."),
    ("country:mali", "RELATED_TO", "country:niger",
     {"weight": 3}, 0.5,
     "Mali and Niger share a long border."),
    ("country:mali", "RELATED_TO", "event:2020-coup",
     {"weight": 1}, 0.5,
     "The 2020 coup in Mali removed the president."),
]  # fmt: skip


def make_graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for node_id, name, label, aliases in NODES:
        G.add_node(
            node_id, name=name, label=label, aliases=aliases, documents=["sahel.txt"], mentions=2
        )
    for i, (u, rel_type, v, props, confidence, sentence) in enumerate(EDGES):
        evidence = [
            {
                "document": "sahel.txt",
                "sentence": sentence,
                "start": 100 * i,
                "end": 100 * i + len(sentence),
                "method": "pattern",
                "confidence": confidence,
            }
        ]
        attrs = {"weight": 1, **props}
        G.add_edge(
            u, v, key=rel_type, type=rel_type, evidence=evidence, confidence=confidence, **attrs
        )
    return G


@pytest.fixture
def tiny_graph() -> nx.MultiDiGraph:
    """Sahel foreign relations: 11 entities, 18 relationships, one of each kind of fact."""
    return make_graph()


@pytest.fixture
def two_triangles() -> nx.MultiDiGraph:
    """Two triangles joined by one relationship: two obvious communities, one bridge."""
    G = nx.MultiDiGraph()
    for u, v in [
        ("a1", "a2"),
        ("a2", "a3"),
        ("a1", "a3"),
        ("b1", "b2"),
        ("b2", "b3"),
        ("b1", "b3"),
    ]:
        G.add_edge(f"country:{u}", f"country:{v}", key="RELATED_TO", type="RELATED_TO", weight=2)
    G.add_edge("country:a3", "country:b1", key="RELATED_TO", type="RELATED_TO", weight=1)
    return G
