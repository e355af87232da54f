// name: documents
// description: The documents in the graph, with the entities they mention and the relationships they give evidence for
MATCH (d:Document)
OPTIONAL MATCH (e:Entity)-[m:MENTIONED_IN]->(d)
WITH d, count(e) AS entities, sum(m.count) AS mentions
OPTIONAL MATCH (:Entity)-[r]->(:Entity)
WHERE d.id IN r.documents AND type(r) <> 'RELATED_TO'
WITH d, entities, mentions, count(r) AS relationships
RETURN d.id AS document, d.chars AS chars, entities, mentions, relationships
ORDER BY document
