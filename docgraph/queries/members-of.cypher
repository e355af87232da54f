// name: members-of
// description: Members of an organisation, with their status (current or former)
// param: org = "G5 Sahel"  the organisation's name or one of its aliases
MATCH (m:Entity)-[r:MEMBER_OF]->(o:Organization)
WHERE o.name = $org OR $org IN o.aliases
RETURN m.name AS member, r.status AS status, r.since AS since, r.until AS until,
       o.name AS organization
ORDER BY member
