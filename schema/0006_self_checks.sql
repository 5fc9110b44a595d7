-- The monthly self-check of `mgr reflect`: seven answers from 1 (strongly disagree) to 5
-- (strongly agree) about the last 30 days, at most one per calendar month (a second one that
-- month replaces the first). The answers are stored as given; the reversed statements
-- (craft_pull, focus_pull) are turned around only when `fit` is computed.
CREATE TABLE self_checks (
  month      TEXT PRIMARY KEY CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
  date       TEXT NOT NULL CHECK (substr(date, 1, 7) = month),
  coaching   INTEGER NOT NULL CHECK (coaching BETWEEN 1 AND 5),
  systems    INTEGER NOT NULL CHECK (systems BETWEEN 1 AND 5),
  letting_go INTEGER NOT NULL CHECK (letting_go BETWEEN 1 AND 5),
  hard_talks INTEGER NOT NULL CHECK (hard_talks BETWEEN 1 AND 5),
  ambiguity  INTEGER NOT NULL CHECK (ambiguity BETWEEN 1 AND 5),
  craft_pull INTEGER NOT NULL CHECK (craft_pull BETWEEN 1 AND 5),
  focus_pull INTEGER NOT NULL CHECK (focus_pull BETWEEN 1 AND 5),
  note       TEXT,
  logged_at  TEXT NOT NULL
) WITHOUT ROWID;

-- `mgr undo` reverts a self-check like any other change (schema/tools/journal_triggers.py).
DROP TRIGGER IF EXISTS journal_self_checks_insert;
CREATE TRIGGER journal_self_checks_insert AFTER INSERT ON self_checks WHEN (SELECT change_id FROM journal_now) IS NOT NULL BEGIN
  INSERT INTO journal_rows (change_id, undo_sql) VALUES ((SELECT change_id FROM journal_now), 'DELETE FROM self_checks WHERE ' || 'month=' || quote(NEW.month));
END;
DROP TRIGGER IF EXISTS journal_self_checks_update;
CREATE TRIGGER journal_self_checks_update AFTER UPDATE ON self_checks WHEN (SELECT change_id FROM journal_now) IS NOT NULL BEGIN
  INSERT INTO journal_rows (change_id, undo_sql) VALUES ((SELECT change_id FROM journal_now), 'UPDATE self_checks SET ' || 'month=' || quote(OLD.month) || ',' || 'date=' || quote(OLD.date) || ',' || 'coaching=' || quote(OLD.coaching) || ',' || 'systems=' || quote(OLD.systems) || ',' || 'letting_go=' || quote(OLD.letting_go) || ',' || 'hard_talks=' || quote(OLD.hard_talks) || ',' || 'ambiguity=' || quote(OLD.ambiguity) || ',' || 'craft_pull=' || quote(OLD.craft_pull) || ',' || 'focus_pull=' || quote(OLD.focus_pull) || ',' || 'note=' || quote(OLD.note) || ',' || 'logged_at=' || quote(OLD.logged_at) || ' WHERE ' || 'month=' || quote(NEW.month));
END;
DROP TRIGGER IF EXISTS journal_self_checks_delete;
CREATE TRIGGER journal_self_checks_delete AFTER DELETE ON self_checks WHEN (SELECT change_id FROM journal_now) IS NOT NULL BEGIN
  INSERT INTO journal_rows (change_id, undo_sql) VALUES ((SELECT change_id FROM journal_now), 'INSERT INTO self_checks (month,date,coaching,systems,letting_go,hard_talks,ambiguity,craft_pull,focus_pull,note,logged_at) VALUES (' || quote(OLD.month) || ',' || quote(OLD.date) || ',' || quote(OLD.coaching) || ',' || quote(OLD.systems) || ',' || quote(OLD.letting_go) || ',' || quote(OLD.hard_talks) || ',' || quote(OLD.ambiguity) || ',' || quote(OLD.craft_pull) || ',' || quote(OLD.focus_pull) || ',' || quote(OLD.note) || ',' || quote(OLD.logged_at) || ')');
END;
