-- Families (issue 15, decision 0026): parents' and carers' accounts, kept
-- apart from staff, linked to their children through the contacts the
-- school already holds; their sign-ins; what of each record reaches them.

-- A parent or carer who may sign in. The password is set from the
-- invitation: '' until then, and no sign-in matches an empty hash.
CREATE TABLE family_accounts (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  password_hash TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1,
  -- 1: one email a week with the week's notes, instead of one a note.
  weekly_digest INTEGER NOT NULL DEFAULT 0,
  last_digest_at INTEGER,
  created_at INTEGER NOT NULL,
  password_changed_at INTEGER
);

-- Each contact is one person about one pupil; the account a contact signs
-- in with makes that pupil one of its children.
ALTER TABLE contacts ADD COLUMN family_account_id INTEGER REFERENCES family_accounts(id) ON DELETE SET NULL;
CREATE INDEX contacts_family ON contacts(family_account_id) WHERE family_account_id IS NOT NULL;

-- An invitation's link, by the hash of its token; used once.
CREATE TABLE family_invitations (
  token_hash TEXT PRIMARY KEY,
  family_id INTEGER NOT NULL REFERENCES family_accounts(id) ON DELETE CASCADE,
  school_id INTEGER NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  created_by_staff_id INTEGER REFERENCES staff(id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
);
CREATE INDEX family_invitations_family ON family_invitations(family_id);

CREATE TABLE family_sessions (
  id_hash TEXT PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  family_id INTEGER NOT NULL REFERENCES family_accounts(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  ip TEXT NOT NULL DEFAULT '',
  user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX family_sessions_family ON family_sessions(family_id);

CREATE TABLE family_api_tokens (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  family_id INTEGER NOT NULL REFERENCES family_accounts(id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  label TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);

-- What of a record reaches one pupil's family: written with the record as
-- the policy says (at once: 'shared'; after review: 'waiting'), never for a
-- restricted record. No row: the family never sees it. `words` are the
-- words for home (a positive note's own words, or what the reviewer
-- wrote); staff's notes on the record never go.
CREATE TABLE family_shares (
  incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  pupil_id INTEGER NOT NULL REFERENCES pupils(id) ON DELETE CASCADE,
  school_id INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('waiting', 'shared', 'withheld')),
  words TEXT NOT NULL DEFAULT '',
  send_home INTEGER NOT NULL DEFAULT 0,
  occurred_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  decided_at INTEGER,
  decided_by_staff_id INTEGER REFERENCES staff(id) ON DELETE SET NULL,
  PRIMARY KEY (incident_id, pupil_id)
);
CREATE INDEX family_shares_pupil ON family_shares(pupil_id, state, occurred_at);
CREATE INDEX family_shares_waiting ON family_shares(school_id, occurred_at) WHERE state = 'waiting';

-- A family's short thank-you to a note, one per note and account.
CREATE TABLE family_replies (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  pupil_id INTEGER NOT NULL REFERENCES pupils(id) ON DELETE CASCADE,
  family_id INTEGER NOT NULL REFERENCES family_accounts(id) ON DELETE CASCADE,
  words TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (incident_id, pupil_id, family_id)
);

-- A note home's email goes with its note: undoing the note takes back the
-- email still waiting (it waits out the undo window first).
ALTER TABLE outbox ADD COLUMN incident_id INTEGER REFERENCES incidents(id) ON DELETE CASCADE;
