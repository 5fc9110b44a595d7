-- mgr's first schema. Dates a user sees are ISO local dates (YYYY-MM-DD, the user's zone);
-- instants are UTC in RFC 3339 form (YYYY-MM-DDTHH:MM:SSZ), so `sqlite3` can read the file.
-- 'MGR1': lets mgr recognise its own file and refuse a foreign SQLite database.
PRAGMA application_id = 1296519729;

CREATE TABLE people (
  id             INTEGER PRIMARY KEY,
  handle         TEXT NOT NULL UNIQUE,
  name           TEXT,
  relation       TEXT NOT NULL CHECK (relation IN ('report', 'manager', 'skip', 'peer', 'mentor')),
  cadence        TEXT NOT NULL,              -- weekly | biweekly | monthly | none | <N>d
  slot_day       TEXT CHECK (slot_day IN ('mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun')),
  slot_time      TEXT,                       -- HH:MM in the person's zone
  length_minutes INTEGER NOT NULL DEFAULT 30 CHECK (length_minutes > 0),
  tz             TEXT,                       -- IANA zone; NULL follows the user's zone
  since          TEXT NOT NULL,              -- local date the cadence counts from
  archived       INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  created_at     TEXT NOT NULL
);

CREATE TABLE time_away (
  id        INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  from_date TEXT NOT NULL,
  to_date   TEXT NOT NULL CHECK (to_date >= from_date),
  reason    TEXT
);
CREATE INDEX time_away_person ON time_away(person_id);

-- One row per thing the manager logged. Kind-specific attributes are nullable columns so that
-- `history` reads one table.
CREATE TABLE entries (
  id            INTEGER PRIMARY KEY,
  kind          TEXT NOT NULL CHECK (kind IN ('1on1', 'feedback', 'concern', 'talk', 'delegate',
                                              'checkin', 'ic', 'mgmt', 'learn', 'note')),
  date          TEXT NOT NULL,
  logged_at     TEXT NOT NULL,
  note          TEXT,
  minutes       INTEGER CHECK (minutes IS NULL OR (minutes > 0 AND minutes <= 1440)),
  mood          INTEGER CHECK (mood IS NULL OR mood BETWEEN 1 AND 5),
  cancelled     INTEGER NOT NULL DEFAULT 0 CHECK (cancelled IN (0, 1)),
  polarity      TEXT CHECK (polarity IN ('positive', 'constructive')),
  status        TEXT CHECK (status IN ('on-track', 'at-risk', 'blocked')),
  learn_type    TEXT CHECK (learn_type IN ('reading', 'course', 'coaching', 'peer-group',
                                           'mentoring', 'feedback-request', 'other')),
  concern_id    INTEGER REFERENCES concerns(id) ON DELETE SET NULL,  -- --about
  delegation_id INTEGER REFERENCES delegations(id) ON DELETE CASCADE -- a check-in's delegation
);
CREATE INDEX entries_date ON entries(date, id);
CREATE INDEX entries_kind_date ON entries(kind, date);
CREATE INDEX entries_concern ON entries(concern_id) WHERE concern_id IS NOT NULL;
CREATE INDEX entries_delegation ON entries(delegation_id) WHERE delegation_id IS NOT NULL;

CREATE TABLE entry_people (
  entry_id  INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  position  INTEGER NOT NULL,
  PRIMARY KEY (entry_id, person_id)
) WITHOUT ROWID;
CREATE INDEX entry_people_person ON entry_people(person_id, entry_id);

CREATE TABLE entry_tags (
  entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
  tag      TEXT NOT NULL,
  PRIMARY KEY (entry_id, tag)
) WITHOUT ROWID;

-- A concern shares its id with the `concern` entry that opened it, and a delegation with its
-- `delegate` entry, so the one id printed by `mgr log` names both.
CREATE TABLE concerns (
  id          INTEGER PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
  text        TEXT NOT NULL,
  opened      TEXT NOT NULL,
  status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved', 'dropped')),
  closed_date TEXT,
  close_note  TEXT
);

CREATE TABLE delegations (
  id          INTEGER PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
  person_id   INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  outcome     TEXT NOT NULL,
  why         TEXT,
  due         TEXT,
  checkin     TEXT NOT NULL DEFAULT 'weekly',  -- weekly | biweekly | monthly | none | <N>d
  constraints TEXT,
  created     TEXT NOT NULL,
  status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'reclaimed', 'dropped')),
  closed_date TEXT,
  close_note  TEXT
);
CREATE INDEX delegations_person ON delegations(person_id);

CREATE TABLE topics (
  id          INTEGER PRIMARY KEY,
  person_id   INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  text        TEXT NOT NULL,
  created     TEXT NOT NULL,
  status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'dropped')),
  closed_date TEXT,
  covered_by  INTEGER REFERENCES entries(id) ON DELETE SET NULL  -- the 1:1 that covered it
);
CREATE INDEX topics_person ON topics(person_id, status);

CREATE TABLE actions (
  id        INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  owner     TEXT NOT NULL CHECK (owner IN ('me', 'them')),
  text      TEXT NOT NULL,
  created   TEXT NOT NULL,
  due       TEXT,
  done_date TEXT,
  entry_id  INTEGER REFERENCES entries(id) ON DELETE CASCADE  -- the 1:1 that agreed it
);
CREATE INDEX actions_person ON actions(person_id, done_date);

-- `mgr schedule skip`: the due 1:1 on `due_date` is skipped and the cadence moves on from it.
CREATE TABLE skips (
  id        INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  due_date  TEXT NOT NULL,
  reason    TEXT,
  logged_at TEXT NOT NULL
);
CREATE INDEX skips_person ON skips(person_id, due_date);
