// name: neighbours
// description: The entities within N hops of an entity, with their distance and, for direct neighbours, the relationship types
// param: entity  the entity's name or one of its aliases
// param: depth = 1  how many hops away (1 to 6)
// param: related = false  also walk co-occurrence (RELATED_TO) edges
// Distances come from shortestPath over relationship types spelled out in the pattern (see
// shortest-path.cypher); a variable-length bound cannot be a parameter, so depth is a filter.
MATCH (n:Entity)
WHERE n.name = $entity OR $entity IN n.aliases
MATCH (m:Entity)
WHERE m <> n AND NOT $related
MATCH p = shortestPath((n)-[:DIPLOMATIC_RELATIONS|MEMBER_OF|LEADER_OF|AMBASSADOR_OF|AMBASSADOR_TO|FUNDED|DEPLOYED_TROOPS_IN|EXPELLED|CONDUCTED|PARTICIPATED_IN|IMPLEMENTED|PART_OF|LOCATED_IN|CITIZEN_OF*..6]-(m))
WITH n, m, length(p) AS distance
WHERE distance <= $depth
OPTIONAL MATCH (n)-[r]-(m)
WHERE type(r) <> 'RELATED_TO'
WITH m, distance, type(r) AS type
ORDER BY type
WITH m, distance, collect(DISTINCT type) AS types
RETURN m.name AS neighbour, [label IN labels(m) WHERE label <> 'Entity'][0] AS label, distance,
       types
ORDER BY distance, neighbour
UNION ALL
MATCH (n:Entity)
WHERE n.name = $entity OR $entity IN n.aliases
MATCH (m:Entity)
WHERE m <> n AND $related
MATCH p = shortestPath((n)-[:DIPLOMATIC_RELATIONS|MEMBER_OF|LEADER_OF|AMBASSADOR_OF|AMBASSADOR_TO|FUNDED|DEPLOYED_TROOPS_IN|EXPELLED|CONDUCTED|PARTICIPATED_IN|IMPLEMENTED|PART_OF|LOCATED_IN|CITIZEN_OF|RELATED_TO*..6]-(m))
WITH n, m, length(p) AS distance
WHERE distance <= $depth
OPTIONAL MATCH (n)-[r]-(m)
WITH m, distance, type(r) AS type
ORDER BY type
WITH m, distance, collect(DISTINCT type) AS types
RETURN m.name AS neighbour, [label IN labels(m) WHERE label <> 'Entity'][0] AS label, distance,
       types
ORDER BY distance, neighbour
