-- Organisations above schools (decision 0034): a multi-academy trust or a
-- local authority, the schools each holds (a school in at most one trust
-- and at most one local authority) and the people who sign in for them.
-- Organisation rows have their own id; a school's membership leads with the
-- school (decision 0029). Organisation accounts are kept apart from staff
-- and family accounts, as those are from each other (decision 0026).
CREATE TABLE organisations (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('trust', 'local_authority')),
  name TEXT NOT NULL,
  code TEXT NOT NULL DEFAULT '',  -- the DfE LA code or the trust's reference
  created_at INTEGER NOT NULL,
  UNIQUE (kind, name)
);

CREATE TABLE organisation_schools (
  school_id INTEGER NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('trust', 'local_authority')),
  organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  attached_at INTEGER NOT NULL,
  PRIMARY KEY (school_id, kind)
);
CREATE INDEX organisation_schools_organisation ON organisation_schools(organisation_id, school_id);

CREATE TABLE organisation_members (
  id INTEGER PRIMARY KEY,
  organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('trust_leader', 'la_officer')),
  active INTEGER NOT NULL DEFAULT 1,
  password_hash TEXT NOT NULL,
  password_changed_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX organisation_members_organisation ON organisation_members(organisation_id, name);

CREATE TABLE organisation_sessions (
  id_hash TEXT PRIMARY KEY,
  organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  member_id INTEGER NOT NULL REFERENCES organisation_members(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  ip TEXT NOT NULL DEFAULT '',
  user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX organisation_sessions_member ON organisation_sessions(member_id);

-- The authority's notices: each school's decided suspensions by the day
-- they start (suspensions_school_start, migration 0023, serves the
-- outcomes) and its physical interventions whose notice went to the
-- authority instead of the parents, by the school and the record.
CREATE INDEX physical_interventions_harm ON physical_interventions(school_id, incident_id)
  WHERE parent_notice_would_harm = 1;
