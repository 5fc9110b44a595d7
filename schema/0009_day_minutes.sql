-- The minutes of each day by kind, for the kinds whose time the review and `progress` add up
-- (IC work, management, learning and held 1:1s), kept in step with entries by the triggers
-- below. The review adds up nineteen weeks of them and `progress` sixteen months: at a million
-- entries that was 23,500 and 85,000 rows of entries to read and group (about 5 and 20 ms),
-- where this table holds at most four rows a day. A row whose entries are all gone stays, at
-- zero: the sums do not change. Not journaled: like person_entries it follows the table that
-- undo restores.
CREATE TABLE day_minutes (
  kind    TEXT NOT NULL,
  date    TEXT NOT NULL,
  minutes INTEGER NOT NULL,
  PRIMARY KEY (kind, date)
) WITHOUT ROWID;
INSERT INTO day_minutes (kind, date, minutes)
  SELECT kind, date, sum(minutes) FROM entries
  WHERE kind IN ('ic', 'mgmt', 'learn', '1on1') AND cancelled = 0 AND minutes IS NOT NULL
  GROUP BY kind, date;

CREATE TRIGGER day_minutes_add AFTER INSERT ON entries
WHEN NEW.kind IN ('ic', 'mgmt', 'learn', '1on1') AND NEW.cancelled = 0
     AND NEW.minutes IS NOT NULL BEGIN
  INSERT INTO day_minutes (kind, date, minutes) VALUES (NEW.kind, NEW.date, NEW.minutes)
    ON CONFLICT (kind, date) DO UPDATE SET minutes = minutes + excluded.minutes;
END;
CREATE TRIGGER day_minutes_remove AFTER DELETE ON entries
WHEN OLD.kind IN ('ic', 'mgmt', 'learn', '1on1') AND OLD.cancelled = 0
     AND OLD.minutes IS NOT NULL BEGIN
  UPDATE day_minutes SET minutes = minutes - OLD.minutes
    WHERE kind = OLD.kind AND date = OLD.date;
END;
-- An edit takes the old minutes off their day and puts the new ones on theirs.
CREATE TRIGGER day_minutes_change AFTER UPDATE OF kind, date, minutes, cancelled ON entries
WHEN (OLD.kind IN ('ic', 'mgmt', 'learn', '1on1') AND OLD.cancelled = 0
      AND OLD.minutes IS NOT NULL)
  OR (NEW.kind IN ('ic', 'mgmt', 'learn', '1on1') AND NEW.cancelled = 0
      AND NEW.minutes IS NOT NULL) BEGIN
  UPDATE day_minutes SET minutes = minutes - OLD.minutes
    WHERE kind = OLD.kind AND date = OLD.date AND OLD.cancelled = 0
      AND OLD.minutes IS NOT NULL;
  INSERT INTO day_minutes (kind, date, minutes)
    SELECT NEW.kind, NEW.date, NEW.minutes
    WHERE NEW.kind IN ('ic', 'mgmt', 'learn', '1on1') AND NEW.cancelled = 0
      AND NEW.minutes IS NOT NULL
    ON CONFLICT (kind, date) DO UPDATE SET minutes = minutes + excluded.minutes;
END;
