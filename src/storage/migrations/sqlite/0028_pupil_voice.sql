-- Pupils' voice (issue 15, decision 0028).
--
-- The personal profile: which of its parts are in the pupil's own words
-- (one part a line: communication, what_helps, triggers, strengths), and
-- the day the pupil last went through it with an adult, kept apart from
-- the last save (staff may save without the pupil). The profile's review
-- cycle counts that day. Profiles saved before this were saved through a
-- form titled "Update the profile with <first name>": their last save is
-- taken as their last review with the pupil (its day in UTC; London's day
-- differs only for a save between midnight and 01:00 in summer).
ALTER TABLE pupil_profiles ADD COLUMN own_words TEXT NOT NULL DEFAULT '';
ALTER TABLE pupil_profiles ADD COLUMN reviewed_with_pupil_on TEXT;
ALTER TABLE pupil_profiles ADD COLUMN reviewed_by_staff_id INTEGER
  REFERENCES staff(id) ON DELETE SET NULL;
UPDATE pupil_profiles SET reviewed_with_pupil_on = date(updated_at, 'unixepoch'),
  reviewed_by_staff_id = updated_by_staff_id;

-- The pupil's turn on a plan: a member of staff who may write the plan
-- opens one section's questions for the pupil, who answers them on a
-- shared device that is not signed in, with a short one-time code. Only
-- the code's hash is kept. A turn ends when it is answered, when another
-- is started for the plan, or at expires_at; what the pupil wrote goes
-- into the plan's entry or review of on_date (entry_id).
CREATE TABLE pupil_turns (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  section_id TEXT NOT NULL,
  on_date TEXT NOT NULL,
  code_hash TEXT NOT NULL UNIQUE,
  started_by_staff_id INTEGER REFERENCES staff(id) ON DELETE SET NULL,
  started_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  ended_at INTEGER,
  entry_id INTEGER REFERENCES plan_entries(id) ON DELETE SET NULL
);
CREATE INDEX pupil_turns_by_plan ON pupil_turns(plan_id, ended_at);
