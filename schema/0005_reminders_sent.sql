-- What `mgr remind --email` delivered: one row per reminder item and the local day it was for,
-- written only after the mail transport accepted the message, so a rerun that day sends only
-- what is new and a failed send leaves everything pending. `item` names the thing without any
-- name or text ("1on1:2026-11-23", "action:42", "review"); a 1:1's person is referenced, so
-- erasing the person erases their rows too.
CREATE TABLE reminders_sent (
  day        TEXT NOT NULL,
  item       TEXT NOT NULL,
  person_id  INTEGER REFERENCES people(id) ON DELETE CASCADE,
  sent_at    TEXT NOT NULL,
  message_id TEXT NOT NULL
);
CREATE UNIQUE INDEX reminders_sent_item ON reminders_sent(day, item, coalesce(person_id, 0));
