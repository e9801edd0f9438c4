-- Training the school's policy relies on (Team Teach, CPI), recorded per
-- member of staff: the training's id in the policy, when it was taken and,
-- if known, when it expires (else the policy's valid_for_months applies).
-- A physical intervention keeps who held the pupil (staff ids, when named)
-- and what was found about their training at the time: a warning, never a
-- refusal.
CREATE TABLE staff_training (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
  training TEXT NOT NULL,
  taken_on TEXT NOT NULL,
  expires_on TEXT,
  recorded_by_staff_id INTEGER REFERENCES staff(id) ON DELETE SET NULL,
  recorded_at INTEGER NOT NULL,
  CHECK (expires_on IS NULL OR expires_on >= taken_on)
);
CREATE INDEX staff_training_staff ON staff_training(school_id, staff_id, training);

ALTER TABLE physical_interventions ADD COLUMN staff_ids TEXT NOT NULL DEFAULT '';
ALTER TABLE physical_interventions ADD COLUMN training_note TEXT NOT NULL DEFAULT '';
