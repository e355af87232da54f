// name: schema
// description: Labels and relationship types with their counts
MATCH (n:Entity)
UNWIND labels(n) AS label
WITH label WHERE label <> 'Entity'
RETURN 'label' AS kind, label AS name, count(*) AS count
ORDER BY name
UNION ALL
MATCH (:Entity)-[r]->(:Entity)
RETURN 'relationship' AS kind, type(r) AS name, count(r) AS count
ORDER BY name
