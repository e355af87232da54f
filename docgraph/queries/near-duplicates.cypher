// name: near-duplicates
// description: Pairs of entities whose names look alike (same spelling, alias overlap, acronym, one name inside the other, same surname), for review
// param: min_length = 4  the shortest name (letters and digits) that may count as inside another
// Two entities are compared only when they share a key (folded name, a name or alias,
// initials, the first letters from a word of the name on, a person's surname), so the cost
// follows the number of look-alikes, not the square of the entities; "one name inside the
// other" is found where the shorter name starts at a word of the longer.
MATCH (n:Entity)
WITH n, [label IN labels(n) WHERE label <> 'Entity'][0] AS label,
     replace(replace(replace(replace(replace(toLower(n.name), '.', ''), '-', ''), "'", ''), ',', ''), '’', '') AS spaced
WITH n, label, [w IN split(spaced, ' ') WHERE w <> ''] AS words
WITH words, {id: n.id, name: n.name, aliases: coalesce(n.aliases, []), label: label,
             key: reduce(s = '', w IN words | s + w),
             last: toLower(last(split(n.name, ' '))),
             initials: CASE WHEN size(split(n.name, ' ')) < 2 THEN '' ELSE
               reduce(s = '', w IN split(n.name, ' ') |
                 s + CASE WHEN left(w, 1) = toUpper(left(w, 1)) THEN left(w, 1) ELSE '' END)
             END} AS e
// [key, true] where e may be either side of a pair; [key, false] where e can only be the
// other side: its initials meet names and aliases, not other initials ("J. Smith" never
// pairs with "J. Stone"), and a word after its first can only hold the other's name
// ("X Summit" never pairs with "Y Summit")
WITH e, [k IN ['k:' + e.key, 'x:' + e.name] + [alias IN e.aliases | 'x:' + alias]
              + CASE WHEN e.label = 'Person' AND size(e.last) >= $min_length
                  THEN ['p:' + e.last] ELSE [] END | [k, true]]
        + CASE WHEN size(e.initials) >= 2 THEN [['x:' + e.initials, false]] ELSE [] END
        + CASE WHEN size(e.key) >= $min_length
            THEN [i IN range(0, size(words) - 1) |
                  ['w:' + e.label + ':' + left(reduce(s = '', w IN words[i..] | s + w), $min_length),
                   i = 0]]
            ELSE [] END
        AS blocks
UNWIND blocks AS block
WITH block[0] AS key, collect(CASE WHEN block[1] THEN e END) AS either, collect(e) AS alike
WHERE size(alike) > 1 AND size(either) > 0
UNWIND either AS x
UNWIND alike AS y
WITH x, y
WHERE x.id <> y.id
WITH CASE WHEN x.id < y.id THEN x ELSE y END AS a, CASE WHEN x.id < y.id THEN y ELSE x END AS b
WITH DISTINCT a, b
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
