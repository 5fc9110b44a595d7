#!/usr/bin/env bash
# Writes a realistic mgr database of N entries over ten years, in the shape storage writes:
# 12 reports (some in other zones) and a manager, every entry kind with ~200-character notes,
# delegations with check-ins, concerns, talking points, actions and monthly self-checks. People
# are added through mgr itself; the log is generated with SQL, which is what makes a million
# entries take seconds.
#
# usage: contrib/bench/make_db.sh path/to/mgr path/to/new.db [entries]
set -euo pipefail
mgr=$(realpath "$1")
db=$2
entries=${3:-1000000}
export MGR_DB=$db MGR_CONFIG=/nonexistent/mgr-bench.toml MGR_NOW=2016-12-01T09:00 TZ=Europe/Berlin
rm -f "$db" "$db-wal" "$db-shm"

zones=(Europe/Berlin Europe/Berlin America/New_York Europe/London Asia/Tokyo Europe/Berlin
       America/Los_Angeles Europe/Berlin Asia/Kolkata Europe/Berlin Europe/Paris Europe/Berlin)
days=(mon tue wed thu fri mon tue wed thu fri mon tue)
for i in $(seq 0 11); do
  "$mgr" person add "report$i" --name "Report Number $i" --day "${days[$i]}" --time 10:00 \
    --tz "${zones[$i]}" >/dev/null
done
"$mgr" person add boss --relation manager --cadence biweekly --day mon --time 16:00 >/dev/null

sqlite3 "$db" >/dev/null <<SQL
PRAGMA synchronous = OFF;
BEGIN;
CREATE TEMP TABLE n AS
  WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < $entries)
  SELECT i, (SELECT coalesce(max(id), 0) FROM ids) + i AS id, i % 100 AS bucket FROM c;
INSERT INTO ids (id, kind) SELECT id, 'entry' FROM n;
INSERT INTO entries (id, kind, date, logged_at, note, minutes, mood, cancelled, polarity, status,
                     learn_type, delegation_id)
SELECT id,
       CASE WHEN bucket < 20 THEN '1on1' WHEN bucket < 30 THEN 'feedback'
            WHEN bucket < 45 THEN 'ic' WHEN bucket < 65 THEN 'mgmt' WHEN bucket < 70 THEN 'learn'
            WHEN bucket < 90 THEN 'note' WHEN bucket < 94 THEN 'talk' WHEN bucket < 97 THEN 'concern'
            WHEN bucket = 98 THEN 'delegate' ELSE 'note' END,
       date('2016-12-01', '+' || (i * 3647 / $entries) || ' days'),
       '2026-11-26T09:00:00Z',
       'Entry ' || i || ': talked through the roadmap, the on-call load, hiring and what comes '
         || 'next quarter; agreed to follow up on the open points and to write them down for all.',
       CASE WHEN bucket < 20 THEN 30 WHEN bucket BETWEEN 30 AND 69 THEN 45 + bucket END,
       CASE WHEN bucket < 18 THEN 1 + i % 5 END,
       CASE WHEN bucket IN (18, 19) THEN 1 ELSE 0 END,
       CASE WHEN bucket BETWEEN 20 AND 29 THEN CASE WHEN i % 3 = 0 THEN 'constructive' ELSE 'positive' END END,
       CASE WHEN bucket = 99 THEN 'on-track' END,
       CASE WHEN bucket BETWEEN 65 AND 69 THEN CASE WHEN i % 7 = 0 THEN 'feedback-request' ELSE 'reading' END END,
       NULL
FROM n WHERE bucket <> 99;
-- A check-in on the delegation handed over just before it.
INSERT INTO entries (id, kind, date, logged_at, note, status, delegation_id)
SELECT n.id, 'checkin', date('2016-12-01', '+' || (n.i * 3647 / $entries) || ' days'),
       '2026-11-26T09:00:00Z', 'On track; the draft is with the team.', 'on-track', n.id - 1
FROM n WHERE bucket = 99 AND n.i > 1;
INSERT INTO entry_people (entry_id, person_id, position)
SELECT n.id, 1 + n.i % 13, 0 FROM n
WHERE bucket < 30 OR bucket BETWEEN 90 AND 99 OR (bucket BETWEEN 70 AND 89 AND n.i % 2 = 0);
-- What is still open at the end is what a manager has open on any day, whatever the size of the
-- history: the latest concerns, delegations, talking points and actions, at most a dozen or two
-- of each. The rest was closed a few days after it was opened (never after "now").
CREATE TEMP TABLE still_open AS
  SELECT id FROM (SELECT id FROM entries WHERE kind = 'concern' AND date >= '2026-10-01'
                  ORDER BY date DESC, id DESC LIMIT 12)
  UNION ALL
  SELECT id FROM (SELECT id FROM entries WHERE kind = 'delegate' AND date >= '2026-10-01'
                  ORDER BY date DESC, id DESC LIMIT 24);
INSERT INTO concerns (id, text, opened, status, closed_date)
SELECT e.id, e.note, e.date, CASE WHEN e.id IN still_open THEN 'open' ELSE 'resolved' END,
       CASE WHEN e.id NOT IN still_open THEN min(date(e.date, '+10 days'), '2026-11-26') END
FROM entries e WHERE e.kind = 'concern';
INSERT INTO delegations (id, person_id, outcome, why, due, checkin, created, status, closed_date)
SELECT e.id, ep.person_id, 'Outcome of entry ' || e.id, 'It grows them', date(e.date, '+30 days'),
       'weekly', e.date, CASE WHEN e.id IN still_open THEN 'open' ELSE 'done' END,
       CASE WHEN e.id NOT IN still_open THEN min(date(e.date, '+30 days'), '2026-11-26') END
FROM entries e JOIN entry_people ep ON ep.entry_id = e.id WHERE e.kind = 'delegate';
-- A talking point and an action for every 200 entries.
CREATE TEMP TABLE items AS
  SELECT (SELECT max(id) FROM ids) + row_number() OVER (ORDER BY i) * 2 - 1 AS topic_id,
         i, date('2016-12-01', '+' || (i * 3647 / $entries) || ' days') AS day
  FROM n WHERE i % 200 = 0;
INSERT INTO ids (id, kind) SELECT topic_id, 'topic' FROM items;
INSERT INTO ids (id, kind) SELECT topic_id + 1, 'action' FROM items;
CREATE TEMP TABLE open_items AS
  SELECT topic_id FROM items WHERE day >= '2026-10-01' ORDER BY i DESC LIMIT 24;
INSERT INTO topics (id, person_id, text, created, status, closed_date)
SELECT topic_id, 1 + i % 13, 'Talking point ' || i, day,
       CASE WHEN topic_id IN open_items THEN 'open' ELSE 'done' END,
       CASE WHEN topic_id NOT IN open_items THEN min(date(day, '+7 days'), '2026-11-26') END
FROM items;
INSERT INTO actions (id, person_id, owner, text, created, due, done_date, status)
SELECT topic_id + 1, 1 + i % 13, CASE WHEN i % 400 = 0 THEN 'them' ELSE 'me' END,
       'Action ' || i, day, date(day, '+7 days'),
       CASE WHEN topic_id NOT IN open_items THEN min(date(day, '+5 days'), '2026-11-26') END,
       CASE WHEN topic_id IN open_items THEN 'open' ELSE 'done' END FROM items;
-- A monthly self-check for every month of the ten years but the current one.
INSERT INTO self_checks (month, date, coaching, systems, letting_go, hard_talks, ambiguity,
                         craft_pull, focus_pull, note, logged_at)
WITH RECURSIVE m(day, i) AS (SELECT '2016-12-28', 0 UNION ALL
  SELECT date(day, '+1 month'), i + 1 FROM m WHERE day < '2026-10-01')
SELECT substr(day, 1, 7), day, 1 + i % 5, 1 + (i + 1) % 5, 1 + (i + 2) % 5, 1 + (i + 3) % 5,
       1 + (i + 4) % 5, 1 + i % 3, 1 + i % 4, 'Month ' || i || ': a note on how it went.',
       day || 'T18:00:00Z' FROM m;
COMMIT;
PRAGMA wal_checkpoint(TRUNCATE);
SQL
echo "$db: $(sqlite3 "$db" 'SELECT count(*) FROM entries') entries, $(du -h "$db" | cut -f1)"
