-- Each school's behaviour policy, versioned: the TOML text as uploaded, who
-- uploaded it, and from which date it is in force. Records made later keep
-- the id of the version in force when they were made.
CREATE TABLE policy_versions (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  source_text TEXT NOT NULL,
  school_name TEXT NOT NULL,     -- from the policy, for lists
  note TEXT NOT NULL DEFAULT '',
  uploaded_by_staff_id INTEGER REFERENCES staff(id) ON DELETE SET NULL,
  uploaded_at INTEGER NOT NULL,
  active_from TEXT,              -- 'YYYY-MM-DD'; NULL while a draft
  activated_by_staff_id INTEGER REFERENCES staff(id) ON DELETE SET NULL,
  UNIQUE (school_id, version)
);
CREATE INDEX policy_versions_active ON policy_versions(school_id, active_from);
