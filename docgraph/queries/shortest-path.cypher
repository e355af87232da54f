// name: shortest-path
// description: The shortest path between two entities, one row per hop with the evidence behind it (typed relationships preferred)
// param: source  the first entity's name or alias
// param: target  the second entity's name or alias
// param: related = true  allow co-occurrence (RELATED_TO) hops; false for typed relationships only
// The relationship types are spelled out in each pattern (not filtered in WHERE): kglite applies a
// path predicate after the search, Neo4j during it (ENGINE_DIFFERENCES.md). Among several shortest
// paths the one with the fewest RELATED_TO hops, then the first by entity ids and
// relationship types, is returned, so both engines give the same path.
MATCH (a:Entity)
WHERE a.name = $source OR $source IN a.aliases
MATCH (b:Entity)
WHERE (b.name = $target OR $target IN b.aliases) AND a <> b AND $related
MATCH p = allShortestPaths((a)-[:DIPLOMATIC_RELATIONS|MEMBER_OF|LEADER_OF|AMBASSADOR_OF|AMBASSADOR_TO|FUNDED|DEPLOYED_TROOPS_IN|EXPELLED|CONDUCTED|PARTICIPATED_IN|IMPLEMENTED|PART_OF|LOCATED_IN|CITIZEN_OF|RELATED_TO*..8]-(b))
WITH p, size([r IN relationships(p) WHERE type(r) = 'RELATED_TO']) AS weak,
     reduce(key = '', n IN nodes(p) | key + n.id + ' ')
       + reduce(key = '', r IN relationships(p) | key + type(r) + ' ' + startNode(r).id + ' ') AS key
ORDER BY weak, key
LIMIT 1
UNWIND range(0, length(p) - 1) AS i
WITH i, nodes(p)[i] AS x, relationships(p)[i] AS r, nodes(p)[i + 1] AS y
RETURN i + 1 AS hop, x.name AS from, type(r) AS type, y.name AS to,
       CASE WHEN startNode(r) = x THEN 'forward' ELSE 'backward' END AS direction,
       r.evidence_document AS documents, r.evidence_sentence AS sentences
ORDER BY hop
UNION ALL
MATCH (a:Entity)
WHERE a.name = $source OR $source IN a.aliases
MATCH (b:Entity)
WHERE (b.name = $target OR $target IN b.aliases) AND a <> b AND NOT $related
MATCH p = allShortestPaths((a)-[:DIPLOMATIC_RELATIONS|MEMBER_OF|LEADER_OF|AMBASSADOR_OF|AMBASSADOR_TO|FUNDED|DEPLOYED_TROOPS_IN|EXPELLED|CONDUCTED|PARTICIPATED_IN|IMPLEMENTED|PART_OF|LOCATED_IN|CITIZEN_OF*..8]-(b))
WITH p, reduce(key = '', n IN nodes(p) | key + n.id + ' ')
       + reduce(key = '', r IN relationships(p) | key + type(r) + ' ' + startNode(r).id + ' ') AS key
ORDER BY key
LIMIT 1
UNWIND range(0, length(p) - 1) AS i
WITH i, nodes(p)[i] AS x, relationships(p)[i] AS r, nodes(p)[i + 1] AS y
RETURN i + 1 AS hop, x.name AS from, type(r) AS type, y.name AS to,
       CASE WHEN startNode(r) = x THEN 'forward' ELSE 'backward' END AS direction,
       r.evidence_document AS documents, r.evidence_sentence AS sentences
ORDER BY hop
