// name: diplomatic-relations
// description: The countries a country has diplomatic relations with, since when, and the sentence that says so
// param: country  the country's name or one of its aliases
MATCH (c:Entity)-[r:DIPLOMATIC_RELATIONS]-(other:Entity)
WHERE c.name = $country OR $country IN c.aliases
RETURN other.name AS partner, r.since AS since, r.status AS status,
       r.evidence_document[0] AS document, r.evidence_sentence[0] AS sentence
ORDER BY since, partner
