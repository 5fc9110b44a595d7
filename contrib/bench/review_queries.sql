-- The queries `mgr review` runs for week 2026-W48 (as of 2026-11-26), with its parameters
-- filled in: what the sqlite3 shell does for the same work, to compare against.
SELECT e.id, e.kind, e.date, e.minutes, e.polarity, e.status, e.learn_type, e.concern_id,
       e.delegation_id, p.handle FROM entries e
  LEFT JOIN entry_people ep ON ep.entry_id = e.id LEFT JOIN people p ON p.id = ep.person_id
  WHERE e.kind IN ('feedback', 'talk', 'delegate', 'checkin', 'learn')
  AND e.date BETWEEN '2026-07-20' AND '2026-11-29'
UNION ALL SELECT e.id, e.kind, e.date, e.minutes, NULL, NULL, NULL, NULL, NULL, NULL
  FROM entries e WHERE e.kind = 'ic' AND e.date BETWEEN '2026-11-23' AND '2026-11-29';
SELECT date, kind, sum(minutes) FROM entries
  WHERE kind IN ('ic', 'mgmt', 'learn', '1on1') AND cancelled = 0
  AND date BETWEEN '2026-07-20' AND '2026-11-29' GROUP BY date, kind;
SELECT c.id, c.text, c.opened, c.status, c.closed_date, c.close_note,
       (SELECT min(e.date) FROM entries e WHERE e.concern_id = c.id AND e.cancelled = 0),
       (SELECT group_concat(handle, ',') FROM (SELECT p.handle FROM entry_people ep
          JOIN people p ON p.id = ep.person_id WHERE ep.entry_id = c.id ORDER BY ep.position))
  FROM concerns c WHERE c.opened <= '2026-11-29'
  AND (c.status = 'open' OR c.closed_date >= '2026-07-20');
SELECT d.id, p.handle, d.outcome, d.why, d.due, d.checkin, d.created, d.status, d.closed_date,
       lc.id, lc.date, lc.status
  FROM delegations d JOIN people p ON p.id = d.person_id
  LEFT JOIN entries lc ON lc.id = (SELECT id FROM entries WHERE delegation_id = d.id
    AND kind = 'checkin' ORDER BY date DESC, id DESC LIMIT 1)
  WHERE d.created <= '2026-11-29' AND (d.status = 'open' OR d.closed_date >= '2026-07-20');
SELECT a.id, p.handle, a.owner, a.text, a.created, a.due, a.status, a.done_date
  FROM actions a JOIN people p ON p.id = a.person_id
  WHERE a.owner = 'me' AND a.due IS NOT NULL AND a.due <= '2026-11-26'
  AND (a.due >= '2026-07-20' OR a.status = 'open' OR a.done_date > '2026-11-26');
SELECT pe.person_id, max(pe.date) FROM person_entries pe
  WHERE pe.kind = '1on1' AND pe.cancelled = 0 GROUP BY pe.person_id;
SELECT person_id, entry_id, date, cancelled FROM person_entries
  WHERE kind = '1on1' AND date >= '2026-07-20' AND person_id IN (SELECT id FROM people);
