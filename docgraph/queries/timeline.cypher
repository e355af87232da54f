// name: timeline
// description: The dated relationships of an entity (since, until, date, year), in date order, between two years
// param: entity  the entity's name or one of its aliases
// param: from_year = null  the first year to include; null for no lower bound
// param: to_year = null  the last year to include; null for no upper bound
MATCH (n:Entity)-[r]-(m:Entity)
WHERE (n.name = $entity OR $entity IN n.aliases) AND type(r) <> 'RELATED_TO'
UNWIND ['since', 'until', 'date', 'year'] AS what
WITH r, what, r[what] AS date
WHERE date IS NOT NULL
WITH r, what, date, toInteger(substring(date, 0, 4)) AS year
WHERE ($from_year IS NULL OR year >= $from_year) AND ($to_year IS NULL OR year <= $to_year)
RETURN date, year, what, startNode(r).name AS source, type(r) AS type, endNode(r).name AS target,
       r.evidence_sentence[0] AS sentence
ORDER BY date, source, type, target
