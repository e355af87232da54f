// name: documents
// description: The documents in the graph, with the entities they mention and the relationships they give evidence for
// Relationships are counted in one pass over them (one row per document they cite), then
// joined to the documents by id: asking every document to scan every relationship grew
// with their product (minutes at 3,000 documents).
CALL {
  MATCH (d:Document)
  RETURN d.id AS doc, 0 AS stated
  UNION ALL
  MATCH (:Entity)-[r]->(:Entity)
  WHERE type(r) <> 'RELATED_TO'
  UNWIND r.documents AS doc
  RETURN doc, 1 AS stated
}
WITH doc, sum(stated) AS relationships
MATCH (d:Document {id: doc})
OPTIONAL MATCH (e:Entity)-[m:MENTIONED_IN]->(d)
WITH d, relationships, count(e) AS entities, sum(m.count) AS mentions
RETURN d.id AS document, d.chars AS chars, entities, mentions, relationships
ORDER BY document
