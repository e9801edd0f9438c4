-- Two-step sign-in for the people of trusts and local authorities
-- (decisions 0030 and 0034): they see many schools' figures, so both of
-- their roles require it, as the staff roles that hold restricted records
-- do. Their accounts are kept apart from staff's (migration 0033), so their
-- keys and recovery codes are too, in tables of the same shape as
-- migration 0030's, keyed by the organisation and the member as staff's
-- are by the school and the member of staff.
CREATE TABLE organisation_second_factors (
  organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  member_id INTEGER NOT NULL REFERENCES organisation_members(id) ON DELETE CASCADE,
  secret_box TEXT,
  pending_box TEXT,
  confirmed_at INTEGER,
  last_step INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (organisation_id, member_id)
);

CREATE TABLE organisation_recovery_codes (
  id INTEGER PRIMARY KEY,
  organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  member_id INTEGER NOT NULL REFERENCES organisation_members(id) ON DELETE CASCADE,
  code_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  used_at INTEGER,
  UNIQUE (organisation_id, member_id, code_hash)
);

-- What a session still owes after the password: 'none', 'code' or 'enrol'.
ALTER TABLE organisation_sessions ADD COLUMN second_factor_due TEXT NOT NULL DEFAULT 'none';

-- Every session open at the upgrade sets two-step sign-in up before going
-- on: both roles require it.
UPDATE organisation_sessions SET second_factor_due = 'enrol';
