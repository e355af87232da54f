"""One answer on both stores: every named query and a set of ad-hoc Cypher, on the embedded
kglite store and on a real Neo4j holding the same graph (the seed + examples/)."""

from __future__ import annotations

import pytest

from docgraph.queries import named_queries

pytestmark = pytest.mark.neo4j

#: parameters that give non-empty answers on the seed + examples
NAMED_CASES = [
    ("members-of", {}),
    ("members-of", {"org": "UN"}),
    ("memberships", {"country": "Niger"}),
    ("relations-of", {"entity": "Libya"}),
    ("relations-of", {"entity": "U.S.", "type": "FUNDED"}),
    ("relations-of", {"entity": "Senegal", "related": True}),
    ("diplomatic-relations", {"country": "Niger"}),
    ("diplomatic-relations", {"country": "Senegalese"}),
    ("funding-flows", {}),
    ("funding-flows", {"recipient": "Mali"}),
    ("funding-flows", {"donor": "China", "min_amount": 1_000_000}),
    ("troops", {}),
    ("troops", {"country": "Mali"}),
    ("leaders-and-envoys", {}),
    ("leaders-and-envoys", {"country": "Mali"}),
    ("timeline", {"entity": "Niger"}),
    ("timeline", {"entity": "Niger", "from_year": 1970, "to_year": 2015}),
    ("shortest-path", {"source": "Libya", "target": "Chad"}),
    ("shortest-path", {"source": "Mali", "target": "Gambia", "related": False}),
    ("shortest-path", {"source": "Muhammad Ahmad Mograhi", "target": "Taiwan"}),
    ("neighbours", {"entity": "Libya", "depth": 2}),
    ("neighbours", {"entity": "Niger", "depth": 2, "related": True}),
    ("evidence", {"a": "Mali", "b": "France"}),
    ("near-duplicates", {}),
    ("schema", {}),
    ("documents", {}),
]

#: (id, cypher, parameters, ordered)
ADHOC = [
    (
        "match-pattern",
        "MATCH (c:Country)-[r:MEMBER_OF]->(o:Organization) RETURN c.name AS c, r.status AS s, o.name AS o",
        {},
        False,
    ),
    (
        "match-alias-param",
        "MATCH (n:Entity) WHERE n.name = $x OR $x IN n.aliases RETURN n.id AS id",
        {"x": "Côte d'Ivoire"},
        False,
    ),
    (
        "optional-match",
        "MATCH (c:Country) OPTIONAL MATCH (c)-[r:FUNDED]->(t) "
        "RETURN c.name AS c, t.name AS t, r.amount AS amount",
        {},
        False,
    ),
    (
        "optional-match-collect",
        "MATCH (o:Organization) OPTIONAL MATCH (m)-[:MEMBER_OF]->(o) WITH o, m ORDER BY m.name "
        "RETURN o.name AS o, collect(m.name) AS members, count(m) AS n ORDER BY o",
        {},
        True,
    ),
    (
        "aggregation",
        "MATCH (:Entity)-[r]->(:Entity) RETURN type(r) AS t, count(*) AS n, "
        "sum(size(r.evidence_sentence)) AS sentences, avg(r.confidence) AS conf, "
        "min(r.confidence) AS lo, max(r.confidence) AS hi ORDER BY t",
        {},
        True,
    ),
    (
        "aggregation-distinct",
        "MATCH (d)-[r:FUNDED]->() RETURN r.currency AS cur, count(DISTINCT d) AS donors, "
        "collect(DISTINCT r.kind) AS kinds",
        {},
        False,
    ),
    (
        "var-length",
        "MATCH p = (a:Entity {name: 'Libya'})-[:DIPLOMATIC_RELATIONS|MEMBER_OF*1..3]-(b:Entity) "
        "RETURN b.name AS b, min(length(p)) AS d",
        {},
        False,
    ),
    (
        "var-length-nodes",
        "MATCH p = (a:Entity {name: 'Chad'})-[:MEMBER_OF*2]-(b:Entity) "
        "RETURN [n IN nodes(p) | n.name] AS names",
        {},
        False,
    ),
    (
        "shortest-path",
        "MATCH (a:Entity {name: 'Libya'}), (b:Entity {name: 'Mauritania'}) "
        "MATCH p = shortestPath((a)-[:DIPLOMATIC_RELATIONS|MEMBER_OF*..6]-(b)) RETURN length(p) AS l",
        {},
        True,
    ),
    (
        "all-shortest-paths",
        "MATCH (a:Entity {name: 'Mali'}), (b:Entity {name: 'Taiwan'}) "
        "MATCH p = allShortestPaths((a)-[:DIPLOMATIC_RELATIONS|MEMBER_OF|FUNDED*..6]-(b)) "
        "RETURN [n IN nodes(p) | n.name] AS names, [r IN relationships(p) | type(r)] AS types",
        {},
        False,
    ),
    (
        "unwind-evidence",
        "MATCH (a:Entity {name: 'Libya'})-[r:DIPLOMATIC_RELATIONS]-(b:Entity {name: 'Mali'}) "
        "UNWIND range(0, size(r.evidence_sentence) - 1) AS i "
        "RETURN r.since AS since, r.evidence_document[i] AS doc, r.evidence_start[i] AS start",
        {},
        False,
    ),
    (
        "unwind-list",
        "UNWIND [3, 1, 2] AS x WITH x WHERE x > 1 RETURN x, x * 2 AS y ORDER BY x",
        {},
        True,
    ),
    (
        "case",
        "MATCH (:Entity)-[r:FUNDED]->(t:Entity) RETURN t.name AS t, CASE "
        "WHEN r.amount IS NULL THEN 'unknown' WHEN r.amount >= 1e9 THEN 'billions' "
        "ELSE 'millions' END AS size",
        {},
        False,
    ),
    (
        "list-comprehension",
        "MATCH (n:Entity) WHERE size(n.aliases) > 0 "
        "RETURN n.name AS n, [a IN n.aliases WHERE size(a) <= 3 | toLower(a)] AS short",
        {},
        False,
    ),
    (
        "pattern-comprehension",
        "MATCH (o:Organization {name: 'G5 Sahel'}) "
        "RETURN size([(m)-[:MEMBER_OF]->(o) WHERE m:Country | m.name]) AS n",
        {},
        True,
    ),
    (
        "exists-subquery",
        "MATCH (c:Country) WHERE EXISTS { (c)-[:MEMBER_OF]->(:Organization {name: 'G5 Sahel'}) } "
        "AND NOT EXISTS { (c)-[:FUNDED]->() } RETURN c.name AS c",
        {},
        False,
    ),
    (
        "count-subquery",
        "MATCH (c:Country) RETURN c.name AS c, COUNT { (c)-[:DIPLOMATIC_RELATIONS]-() } AS n "
        "ORDER BY n DESC, c LIMIT 5",
        {},
        True,
    ),
    (
        "call-subquery",
        "MATCH (c:Country) WHERE c.name IN ['Mali', 'Niger', 'Senegal'] "
        "CALL { WITH c MATCH (c)-[r]-(:Entity) WHERE type(r) <> 'RELATED_TO' RETURN count(r) AS deg } "
        "RETURN c.name AS c, deg ORDER BY c",
        {},
        True,
    ),
    (
        "union",
        "MATCH (p:Person)-[:LEADER_OF]->(c) RETURN p.name AS name, 'leader' AS role "
        "UNION MATCH (p:Person)-[:AMBASSADOR_OF]->(c) RETURN p.name AS name, 'ambassador' AS role",
        {},
        False,
    ),
    (
        "year-filter",
        "MATCH (a:Entity)-[r]->(b:Entity) WHERE r.since IS NOT NULL "
        "AND toInteger(substring(r.since, 0, 4)) >= $year "
        "RETURN a.name AS a, type(r) AS t, b.name AS b, r.since AS since ORDER BY since, a, t, b",
        {"year": 2014},
        True,
    ),
    (
        "strings-and-reduce",
        "MATCH (n:Entity) WHERE n.name STARTS WITH 'S' OR n.name ENDS WITH 'ia' "
        "RETURN toUpper(n.name) AS up, reduce(s = 0, a IN n.aliases | s + size(a)) AS alias_chars, "
        "coalesce(n.aliases[0], '-') AS first ORDER BY up SKIP 1 LIMIT 6",
        {},
        True,
    ),
    (
        "node-and-relationship-values",
        "MATCH (a:Country {name: 'Libya'})-[r:DIPLOMATIC_RELATIONS]->(b) RETURN a, r, b",
        {},
        True,
    ),
    (
        "path-value",
        "MATCH p = (:Person {name: 'Muhammad Ahmad Mograhi'})-[:AMBASSADOR_TO]->(:Country) RETURN p",
        {},
        True,
    ),
    (
        "map-projection",
        "MATCH (n:Entity {name: 'G5 Sahel'}) RETURN n {.name, .aliases, members: "
        "COUNT { (n)<-[:MEMBER_OF]-() }} AS org",
        {},
        True,
    ),
]


def test_parity_stores_hold_the_same_graph(both_stores):
    embedded, neo4j = both_stores
    assert embedded.stats() == neo4j.stats()
    assert embedded.stats()["documents"] == 4


def test_parity_cases_cover_every_named_query():
    assert {name for name, _ in NAMED_CASES} == set(named_queries())


@pytest.mark.parametrize(
    ("name", "params"), NAMED_CASES, ids=[f"{n}-{i}" for i, (n, _) in enumerate(NAMED_CASES)]
)
def test_parity_named_query(both_stores, comparable, name, params):
    embedded, neo4j = both_stores
    here = embedded.query(name, **params)
    there = neo4j.query(name, **params)
    assert here.keys == there.keys
    assert comparable(here, ordered=True) == comparable(there, ordered=True)
    assert len(here) > 0, f"{name} {params} gives no rows: pick parameters that do"


@pytest.mark.parametrize(
    ("cypher", "params", "ordered"), [c[1:] for c in ADHOC], ids=[c[0] for c in ADHOC]
)
def test_parity_adhoc_query(both_stores, comparable, cypher, params, ordered):
    embedded, neo4j = both_stores
    here = embedded.query(cypher, params)
    there = neo4j.query(cypher, params)
    assert here.keys == there.keys
    assert comparable(here, ordered=ordered) == comparable(there, ordered=ordered)
    assert len(here) > 0
