-- Two-step sign-in (issue 16, decision 0030): time-based one-time codes
-- (RFC 6238) from an authenticator app, with recovery codes.
--
-- The shared key is kept sealed (libsodium secretbox under a server key),
-- never in clear: `secret_box` is the member's confirmed key, `pending_box`
-- a key being set up until its first code confirms it. `last_step` is the
-- latest 30-second step whose code was accepted, so a code signs in once.
CREATE TABLE second_factors (
  school_id INTEGER NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
  secret_box TEXT,
  pending_box TEXT,
  confirmed_at INTEGER,
  last_step INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  -- Led by the school, as every key is to be (decision 0029).
  PRIMARY KEY (school_id, staff_id)
);

-- Ten a set, shown once; only a keyed hash of each is kept. A new set
-- replaces the old.
CREATE TABLE recovery_codes (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
  code_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  used_at INTEGER,
  UNIQUE (school_id, staff_id, code_hash)
);

-- What a session still owes after the password: 'none', 'code' or 'enrol'.
ALTER TABLE sessions ADD COLUMN second_factor_due TEXT NOT NULL DEFAULT 'none';

-- Sessions open at the upgrade of those who must now use a second factor
-- (model/permissions.cpp, RequiresSecondFactor) set it up before going on.
UPDATE sessions SET second_factor_due = 'enrol'
  WHERE staff_id IN (SELECT id FROM staff
                     WHERE role IN ('pastoral', 'senco', 'dsl', 'senior', 'admin'));
