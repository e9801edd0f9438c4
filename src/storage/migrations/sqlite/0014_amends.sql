-- Amends a pupil proposes, in their own words (issue 11; seed 002: pupils
-- "construct their own way of making amends"), recorded on the record by
-- the adult with them. A policy can require them (an `amends` action),
-- which recording them completes.
CREATE TABLE amends (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  pupil_id INTEGER NOT NULL REFERENCES pupils(id) ON DELETE CASCADE,
  words TEXT NOT NULL CHECK (length(words) > 0),
  agreed_with TEXT NOT NULL DEFAULT '',
  recorded_by_staff_id INTEGER REFERENCES staff(id) ON DELETE SET NULL,
  recorded_at INTEGER NOT NULL
);
CREATE INDEX amends_incident ON amends(incident_id);
