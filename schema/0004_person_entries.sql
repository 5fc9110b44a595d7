-- Each person's entries, by kind and date: a derived index the triggers below keep in step with
-- entries and entry_people, so that "alice's last held 1:1", "her last positive feedback" or
-- "her timeline, newest first" read a few rows of an index instead of all her entries.
-- Not journaled: undoing a change to entries or entry_people brings it along.
CREATE TABLE person_entries (
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  entry_id  INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
  kind      TEXT NOT NULL,
  date      TEXT NOT NULL,
  cancelled INTEGER NOT NULL,
  PRIMARY KEY (person_id, entry_id)
) WITHOUT ROWID;
CREATE INDEX person_entries_date ON person_entries(person_id, date);
CREATE INDEX person_entries_kind ON person_entries(person_id, kind, date);
CREATE INDEX person_entries_held ON person_entries(person_id, kind, cancelled, date);
CREATE INDEX person_entries_entry ON person_entries(entry_id);

INSERT INTO person_entries (person_id, entry_id, kind, date, cancelled)
  SELECT ep.person_id, e.id, e.kind, e.date, e.cancelled
  FROM entry_people ep JOIN entries e ON e.id = ep.entry_id;

CREATE TRIGGER person_entries_link AFTER INSERT ON entry_people BEGIN
  INSERT OR REPLACE INTO person_entries (person_id, entry_id, kind, date, cancelled)
    SELECT NEW.person_id, id, kind, date, cancelled FROM entries WHERE id = NEW.entry_id;
END;
CREATE TRIGGER person_entries_relink AFTER UPDATE ON entry_people BEGIN
  DELETE FROM person_entries WHERE person_id = OLD.person_id AND entry_id = OLD.entry_id;
  INSERT OR REPLACE INTO person_entries (person_id, entry_id, kind, date, cancelled)
    SELECT NEW.person_id, id, kind, date, cancelled FROM entries WHERE id = NEW.entry_id;
END;
CREATE TRIGGER person_entries_unlink AFTER DELETE ON entry_people BEGIN
  DELETE FROM person_entries WHERE person_id = OLD.person_id AND entry_id = OLD.entry_id;
END;
CREATE TRIGGER person_entries_follow AFTER UPDATE OF kind, date, cancelled ON entries BEGIN
  UPDATE person_entries SET kind = NEW.kind, date = NEW.date, cancelled = NEW.cancelled
    WHERE entry_id = NEW.id;
END;

-- What was open during a window (the review): open ones by date, closed ones by closing date.
CREATE INDEX concerns_open ON concerns(status, opened);
CREATE INDEX concerns_closed ON concerns(closed_date) WHERE closed_date IS NOT NULL;
CREATE INDEX delegations_open ON delegations(status, created);
CREATE INDEX delegations_closed ON delegations(closed_date) WHERE closed_date IS NOT NULL;

-- The review sums minutes by kind and day: the index holds them.
DROP INDEX entries_kind_date;
CREATE INDEX entries_kind_date ON entries(kind, date, cancelled, minutes);

-- A delegation's check-ins newest first, and your actions by due date (the review's promises).
CREATE INDEX entries_checkins ON entries(delegation_id, date, id) WHERE delegation_id IS NOT NULL;
DROP INDEX entries_delegation;
CREATE INDEX actions_owner_due ON actions(owner, due);
