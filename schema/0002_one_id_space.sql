-- One id space. Entries, talking points and action items all take their id from `ids`, whose
-- AUTOINCREMENT never hands out a number twice, even after a delete or an undo; a concern or a
-- delegation keeps the id of the entry that opened it. So `#42` names exactly one thing.
CREATE TABLE ids (
  id   INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL CHECK (kind IN ('entry', 'topic', 'action'))
);

-- Talking points and action items were numbered on their own and overlapped the entries' ids:
-- they are renumbered once, after the entries, in the order they were created. Nothing refers
-- to a talking point's or an action's id, so only the rows themselves change. (Negated first so
-- that no new id collides with an old one still in the table.)
CREATE TEMP TABLE renumbered (old_id INTEGER, new_id INTEGER, kind TEXT);
INSERT INTO renumbered
  SELECT id, (SELECT coalesce(max(id), 0) FROM entries) + row_number() OVER (ORDER BY id), 'topic'
  FROM topics;
INSERT INTO renumbered
  SELECT id, (SELECT coalesce(max(id), 0) FROM entries) + (SELECT count(*) FROM topics)
             + row_number() OVER (ORDER BY id), 'action'
  FROM actions;
UPDATE topics SET id = -id;
UPDATE topics SET id = (SELECT new_id FROM renumbered WHERE kind = 'topic' AND old_id = -topics.id);
UPDATE actions SET id = -id;
UPDATE actions SET id = (SELECT new_id FROM renumbered WHERE kind = 'action' AND old_id = -actions.id);
DROP TABLE renumbered;

INSERT INTO ids (id, kind)
  SELECT id, 'entry' FROM entries UNION ALL
  SELECT id, 'topic' FROM topics UNION ALL
  SELECT id, 'action' FROM actions
  ORDER BY 1;
-- (Inserting these sets the AUTOINCREMENT counter to the highest of them: new ids come after.)

-- A new row must carry an id drawn from `ids`.
CREATE TRIGGER entries_id_allocated BEFORE INSERT ON entries
  WHEN NEW.id IS NULL OR NOT EXISTS (SELECT 1 FROM ids WHERE id = NEW.id AND kind = 'entry')
  BEGIN SELECT RAISE(ABORT, 'entry id not allocated from ids'); END;
CREATE TRIGGER topics_id_allocated BEFORE INSERT ON topics
  WHEN NEW.id IS NULL OR NOT EXISTS (SELECT 1 FROM ids WHERE id = NEW.id AND kind = 'topic')
  BEGIN SELECT RAISE(ABORT, 'topic id not allocated from ids'); END;
CREATE TRIGGER actions_id_allocated BEFORE INSERT ON actions
  WHEN NEW.id IS NULL OR NOT EXISTS (SELECT 1 FROM ids WHERE id = NEW.id AND kind = 'action')
  BEGIN SELECT RAISE(ABORT, 'action id not allocated from ids'); END;

-- Action items can be dropped as well as done.
ALTER TABLE actions ADD COLUMN status TEXT NOT NULL DEFAULT 'open'
  CHECK (status IN ('open', 'done', 'dropped'));
UPDATE actions SET status = 'done' WHERE done_date IS NOT NULL;
