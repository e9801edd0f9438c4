-- In-app notifications (decision 0017): one row per person told, written
-- in the same transaction as what caused it. A role-addressed notice ("the
-- pastoral team") is fanned out to each active member holding the role when
-- it is written, so reading state is per person and the header's count is
-- one look-up in the index below. The text never carries a record's
-- content: who, where and when only.
CREATE TABLE notifications (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('action', 'concern', 'proposal')),
  text TEXT NOT NULL,
  -- What it is about: the record (gone with it, if it is undone), the
  -- action or proposal on it, the pupil.
  incident_id INTEGER REFERENCES incidents(id) ON DELETE CASCADE,
  action_id INTEGER REFERENCES actions(id) ON DELETE CASCADE,
  escalation_id INTEGER REFERENCES escalations(id) ON DELETE CASCADE,
  pupil_id INTEGER REFERENCES pupils(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  read_at INTEGER
);
-- A person's notifications newest first; and their unread ones, carrying
-- what each is about, so the header's count reads no row of this table (only
-- the action, proposal and record each is about, by primary key).
CREATE INDEX notifications_staff ON notifications(school_id, staff_id, id);
CREATE INDEX notifications_unread
    ON notifications(school_id, staff_id, id, incident_id, action_id, escalation_id)
    WHERE read_at IS NULL;
