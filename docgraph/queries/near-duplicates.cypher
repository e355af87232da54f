// name: near-duplicates
// description: Pairs of entities whose names look alike (same spelling, alias overlap, acronym, one name inside the other, same surname), for review
// param: min_length = 4  the shortest name (letters and digits) that may count as inside another
// Compares every pair of entities (quadratic): fine for a few thousand entities, slow beyond.
MATCH (n:Entity)
WITH n, [label IN labels(n) WHERE label <> 'Entity'][0] AS label,
     replace(replace(replace(replace(replace(replace(toLower(n.name), '.', ''), '-', ''), ' ', ''), "'", ''), ',', ''), '’', '') AS key
WITH collect({id: n.id, name: n.name, aliases: n.aliases, label: label, key: key,
              last: toLower(last(split(n.name, ' '))),
              initials: CASE WHEN size(split(n.name, ' ')) < 2 THEN '' ELSE
                reduce(s = '', w IN split(n.name, ' ') |
                  s + CASE WHEN left(w, 1) = toUpper(left(w, 1)) THEN left(w, 1) ELSE '' END)
              END}) AS entities
UNWIND entities AS a
UNWIND entities AS b
WITH a, b
WHERE a.id < b.id
WITH a, b,
     CASE
       WHEN a.key = b.key THEN 'same name'
       WHEN a.name IN b.aliases OR b.name IN a.aliases THEN 'name is an alias of the other'
       WHEN any(x IN a.aliases WHERE x IN b.aliases) THEN 'shared alias'
       WHEN (size(a.initials) >= 2 AND (a.initials = b.name OR a.initials IN b.aliases))
            OR (size(b.initials) >= 2 AND (b.initials = a.name OR b.initials IN a.aliases))
            THEN 'acronym of the other'
       WHEN a.label = b.label AND size(a.key) >= $min_length AND size(b.key) >= $min_length
            AND (a.key CONTAINS b.key OR b.key CONTAINS a.key) THEN 'one name contains the other'
       WHEN a.label = 'Person' AND b.label = 'Person' AND a.last = b.last
            AND size(a.last) >= $min_length THEN 'same surname'
     END AS reason
WHERE reason IS NOT NULL
RETURN a.name AS name, a.label AS label, b.name AS other, b.label AS other_label, reason
ORDER BY name, other
