// name: leaders-and-envoys
// description: Leaders (with their title) and ambassadors (who they represent, where they are accredited)
// param: country = null  only people leading, representing or accredited to this entity; null for all
MATCH (p:Entity)-[r:LEADER_OF]->(c:Entity)
WHERE $country IS NULL OR c.name = $country OR $country IN c.aliases
RETURN p.name AS person, 'leader' AS role, r.title AS title, c.name AS of, null AS to,
       r.since AS since
ORDER BY of, person
UNION ALL
MATCH (p:Entity)-[r]->(:Entity)
WHERE type(r) IN ['AMBASSADOR_OF', 'AMBASSADOR_TO']
WITH DISTINCT p
OPTIONAL MATCH (p)-[home_r:AMBASSADOR_OF]->(home:Entity)
OPTIONAL MATCH (p)-[host_r:AMBASSADOR_TO]->(host:Entity)
WITH p, home, host, coalesce(host_r.since, home_r.since) AS since
WHERE $country IS NULL
   OR any(x IN [home, host] WHERE x IS NOT NULL AND (x.name = $country OR $country IN x.aliases))
RETURN p.name AS person, 'ambassador' AS role, null AS title, home.name AS of, host.name AS to,
       since
ORDER BY of, person
