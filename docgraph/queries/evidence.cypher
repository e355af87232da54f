// name: evidence
// description: Every sentence behind the relationships between two entities, with document and offsets
// param: a  one entity's name or alias
// param: b  the other entity's name or alias
MATCH (x:Entity)-[r]-(y:Entity)
WHERE (x.name = $a OR $a IN x.aliases) AND (y.name = $b OR $b IN y.aliases)
UNWIND range(0, size(r.evidence_sentence) - 1) AS i
RETURN startNode(r).name AS source, type(r) AS type, endNode(r).name AS target,
       r.evidence_document[i] AS document, r.evidence_start[i] AS start,
       r.evidence_end[i] AS end, r.evidence_method[i] AS method,
       r.evidence_confidence[i] AS confidence, r.evidence_sentence[i] AS sentence
ORDER BY type, source, document, start
