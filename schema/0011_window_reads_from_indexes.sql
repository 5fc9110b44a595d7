-- What the review reads of its window's concerns, delegations and actions, held in indexes so
-- that it is read from them alone, never from the rows with their texts. At a million entries
-- these row reads were about 600 of the review's 1,100 page reads, one page for nearly every
-- concern, last check-in and action of ten years.

-- The concerns open at some point of a window: the open ones by when they opened, the closed
-- ones by when they closed (still in closing order, newest first, for the person pages).
DROP INDEX concerns_open;
CREATE INDEX concerns_open ON concerns(status, opened, closed_date);
DROP INDEX concerns_closed;
CREATE INDEX concerns_closed ON concerns(closed_date, id, opened, status)
  WHERE closed_date IS NOT NULL;

-- A delegation's last check-in as of a day, with the kind that makes it a check-in.
DROP INDEX entries_checkins;
CREATE INDEX entries_checkins ON entries(delegation_id, date, id, kind)
  WHERE delegation_id IS NOT NULL;

-- My actions due in a window, or still open, or done after it: years of them are looked
-- through, so whether each counts is read from the index.
DROP INDEX actions_owner_due;
CREATE INDEX actions_owner_due ON actions(owner, due, status, done_date);
