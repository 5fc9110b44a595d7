-- The CHECK constraints that name a list of three or more values (kind IN ('entry', 'topic',
-- 'action')) are written as comparisons joined by OR. They accept and refuse exactly the same
-- values, NULL included. The difference is cost: for such a list SQLite builds a temporary
-- table each time it checks a row (a CHECK constraint cannot keep one from row to row). That
-- took 2 microseconds a row of entries: more than the insert itself in an import of a million
-- entries, and most of the time PRAGMA integrity_check spends on entries. Comparisons cost a few
-- string compares.
--
-- Only the constraints' text changes, and every stored row is valid under both. So the tables'
-- definitions are edited where SQLite keeps them, as its documentation allows for a change that
-- leaves the stored format as it is (sqlite.org/lang_altertable.html, "Making Other Kinds Of
-- Table Schema Changes"), instead of copying every table. The replaced text is the one the
-- earlier migrations wrote, character for character (a test checks that no list is left).
-- Turning writable_schema off with RESET makes this connection read the schema again (an
-- import right after creating the database uses the new text); another connection that read it
-- before keeps the old text until it closes, which checks the same.
PRAGMA writable_schema = ON;

UPDATE sqlite_schema SET sql = replace(sql,
  'CHECK (status IN (''open'', ''done'', ''dropped''))',
  'CHECK (status = ''open'' OR status = ''done'' OR status = ''dropped'')')
WHERE type = 'table' AND name = 'actions';

UPDATE sqlite_schema SET sql = replace(sql,
  'CHECK (status IN (''open'', ''resolved'', ''dropped''))',
  'CHECK (status = ''open'' OR status = ''resolved'' OR status = ''dropped'')')
WHERE type = 'table' AND name = 'concerns';

UPDATE sqlite_schema SET sql = replace(sql,
  'CHECK (status IN (''open'', ''done'', ''reclaimed'', ''dropped''))',
  'CHECK (status = ''open'' OR status = ''done'' OR status = ''reclaimed'' OR
         status = ''dropped'')')
WHERE type = 'table' AND name = 'delegations';

UPDATE sqlite_schema SET sql = replace(sql,
  'CHECK (kind IN (''1on1'', ''feedback'', ''concern'', ''talk'', ''delegate'',
                                              ''checkin'', ''ic'', ''mgmt'', ''learn'', ''note''))',
  'CHECK (kind = ''1on1'' OR kind = ''feedback'' OR kind = ''concern'' OR
         kind = ''talk'' OR kind = ''delegate'' OR kind = ''checkin'' OR
         kind = ''ic'' OR kind = ''mgmt'' OR kind = ''learn'' OR
         kind = ''note'')')
WHERE type = 'table' AND name = 'entries';

UPDATE sqlite_schema SET sql = replace(sql,
  'CHECK (status IN (''on-track'', ''at-risk'', ''blocked''))',
  'CHECK (status = ''on-track'' OR status = ''at-risk'' OR status = ''blocked'')')
WHERE type = 'table' AND name = 'entries';

UPDATE sqlite_schema SET sql = replace(sql,
  'CHECK (learn_type IN (''reading'', ''course'', ''coaching'', ''peer-group'',
                                           ''mentoring'', ''feedback-request'', ''other''))',
  'CHECK (learn_type = ''reading'' OR learn_type = ''course'' OR
         learn_type = ''coaching'' OR learn_type = ''peer-group'' OR
         learn_type = ''mentoring'' OR learn_type = ''feedback-request'' OR
         learn_type = ''other'')')
WHERE type = 'table' AND name = 'entries';

UPDATE sqlite_schema SET sql = replace(sql,
  'CHECK (kind IN (''entry'', ''topic'', ''action''))',
  'CHECK (kind = ''entry'' OR kind = ''topic'' OR kind = ''action'')')
WHERE type = 'table' AND name = 'ids';

UPDATE sqlite_schema SET sql = replace(sql,
  'CHECK (relation IN (''report'', ''manager'', ''skip'', ''peer'', ''mentor''))',
  'CHECK (relation = ''report'' OR relation = ''manager'' OR relation = ''skip'' OR
         relation = ''peer'' OR relation = ''mentor'')')
WHERE type = 'table' AND name = 'people';

UPDATE sqlite_schema SET sql = replace(sql,
  'CHECK (slot_day IN (''mon'', ''tue'', ''wed'', ''thu'', ''fri'', ''sat'', ''sun''))',
  'CHECK (slot_day = ''mon'' OR slot_day = ''tue'' OR slot_day = ''wed'' OR
         slot_day = ''thu'' OR slot_day = ''fri'' OR slot_day = ''sat'' OR
         slot_day = ''sun'')')
WHERE type = 'table' AND name = 'people';

UPDATE sqlite_schema SET sql = replace(sql,
  'CHECK (status IN (''open'', ''done'', ''dropped''))',
  'CHECK (status = ''open'' OR status = ''done'' OR status = ''dropped'')')
WHERE type = 'table' AND name = 'topics';

PRAGMA writable_schema = RESET;
