// name: troops
// description: Troop deployments and expulsions, with numbers and dates
// param: country = null  only those involving this entity (either side); null for all
MATCH (a:Entity)-[r]->(b:Entity)
WHERE type(r) IN ['DEPLOYED_TROOPS_IN', 'EXPELLED']
  AND ($country IS NULL OR a.name = $country OR $country IN a.aliases
       OR b.name = $country OR $country IN b.aliases)
RETURN CASE type(r) WHEN 'EXPELLED' THEN 'expelled' ELSE 'deployed' END AS event,
       a.name AS actor, b.name AS target, r.troops AS troops,
       coalesce(r.since, r.date, r.year) AS date, r.until AS until
ORDER BY date, event, actor, target
