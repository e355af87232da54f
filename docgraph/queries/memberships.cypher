// name: memberships
// description: The organisations a country (or any entity) belongs or belonged to, current and former
// param: country  the member's name or one of its aliases
MATCH (m:Entity)-[r:MEMBER_OF]->(o:Entity)
WHERE m.name = $country OR $country IN m.aliases
RETURN o.name AS organization, r.status AS status, r.since AS since, r.until AS until,
       m.name AS member
ORDER BY organization
