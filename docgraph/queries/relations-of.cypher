// name: relations-of
// description: Every relationship of an entity, optionally of one type, in both directions
// param: entity  the entity's name or one of its aliases
// param: type = null  only this relationship type (e.g. "FUNDED"); null for every type
// param: related = false  also list the co-occurrence fallback RELATED_TO
MATCH (n:Entity)-[r]-(m:Entity)
WHERE (n.name = $entity OR $entity IN n.aliases)
  AND ($type IS NULL OR type(r) = $type)
  AND ($related OR type(r) <> 'RELATED_TO')
RETURN type(r) AS type,
       CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END AS direction,
       m.name AS other,
       [label IN labels(m) WHERE label <> 'Entity'][0] AS other_label,
       r.status AS status,
       coalesce(r.since, r.date, r.year) AS date,
       r.until AS until,
       size(r.evidence_sentence) AS evidence
ORDER BY type, direction, other
