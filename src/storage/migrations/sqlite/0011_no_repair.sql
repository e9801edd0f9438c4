-- The rupture–repair cycle closes when the repair is recorded, or when a
-- senior leader records why it will not happen for a pupil of a record: one
-- of a short fixed list of reasons and a note (model/restorative.h). Such a
-- cycle counts as not repaired everywhere. One per pupil and record; a
-- pupil's own are read by pupil (the pupil page), a record's by incident.
CREATE TABLE no_repairs (
  incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  pupil_id INTEGER NOT NULL REFERENCES pupils(id) ON DELETE CASCADE,
  school_id INTEGER NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  reason TEXT NOT NULL
    CHECK (reason IN ('pupil_declined', 'adult_left', 'pupil_left', 'not_appropriate')),
  note TEXT NOT NULL CHECK (note <> ''),
  recorded_by_staff_id INTEGER REFERENCES staff(id) ON DELETE SET NULL,
  recorded_at INTEGER NOT NULL,
  PRIMARY KEY (incident_id, pupil_id)
);
CREATE INDEX no_repairs_pupil ON no_repairs(pupil_id);
