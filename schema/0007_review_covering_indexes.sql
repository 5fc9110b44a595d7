-- The review and `mgr progress` read every feedback, talk, delegation, check-in, learning and
-- IC entry of their window, but only these small columns of it: with all of them in the index
-- the window is read from the index alone, never from the rows with their notes.
DROP INDEX entries_kind_date;
CREATE INDEX entries_kind_date ON entries(kind, date, cancelled, minutes, polarity, status,
                                          learn_type, concern_id, delegation_id);

-- A concern's first conversation is the earliest entry about it that was not cancelled.
DROP INDEX entries_concern;
CREATE INDEX entries_concern ON entries(concern_id, cancelled, date) WHERE concern_id IS NOT NULL;
