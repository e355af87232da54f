// name: funding-flows
// description: Funding (aid, loans, pledges) by donor and/or recipient, then one total row per currency
// param: donor = null  the donor's name or alias; null for any donor
// param: recipient = null  the recipient's name or alias; null for any recipient
// param: min_amount = null  only flows of at least this amount (flows with no amount are then left out)
MATCH (d:Entity)-[r:FUNDED]->(t:Entity)
WHERE ($donor IS NULL OR d.name = $donor OR $donor IN d.aliases)
  AND ($recipient IS NULL OR t.name = $recipient OR $recipient IN t.aliases)
  AND ($min_amount IS NULL OR r.amount >= $min_amount)
RETURN 'flow' AS row, d.name AS donor, t.name AS recipient, r.amount AS amount,
       r.currency AS currency, r.kind AS kind, coalesce(r.date, r.since, r.year) AS date,
       1 AS flows
ORDER BY donor, recipient, date
UNION ALL
MATCH (d:Entity)-[r:FUNDED]->(t:Entity)
WHERE ($donor IS NULL OR d.name = $donor OR $donor IN d.aliases)
  AND ($recipient IS NULL OR t.name = $recipient OR $recipient IN t.aliases)
  AND ($min_amount IS NULL OR r.amount >= $min_amount)
WITH r.currency AS currency, count(r) AS flows, count(r.amount) AS amounts,
     sum(r.amount) AS total
RETURN 'total' AS row, null AS donor, null AS recipient,
       CASE WHEN amounts = 0 THEN null ELSE total END AS amount,
       currency, null AS kind, null AS date, flows
ORDER BY currency
