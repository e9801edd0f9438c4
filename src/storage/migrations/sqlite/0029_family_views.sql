-- A plan's request for the family's view (issue 15; the WAP's "Parental
-- View"): the fields of one section of the plan's form that the policy
-- gives to the parent (view_of = "parent"). Open until staff close it or
-- the plan ends.
CREATE TABLE family_view_requests (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  pupil_id INTEGER NOT NULL REFERENCES pupils(id) ON DELETE CASCADE,
  section_id TEXT NOT NULL,
  asked_by_staff_id INTEGER REFERENCES staff(id) ON DELETE SET NULL,
  asked_at INTEGER NOT NULL,
  closed_at INTEGER
);
CREATE INDEX family_view_requests_plan ON family_view_requests(plan_id);
CREATE INDEX family_view_requests_pupil ON family_view_requests(pupil_id) WHERE closed_at IS NULL;
-- One open request a section.
CREATE UNIQUE INDEX family_view_requests_open ON family_view_requests(plan_id, section_id)
  WHERE closed_at IS NULL;

-- Each family account answers for itself; it may change its answer while
-- the request is open. Separated parents never see each other's words.
CREATE TABLE family_view_answers (
  request_id INTEGER NOT NULL REFERENCES family_view_requests(id) ON DELETE CASCADE,
  family_id INTEGER NOT NULL REFERENCES family_accounts(id) ON DELETE CASCADE,
  school_id INTEGER NOT NULL,
  fields TEXT NOT NULL,
  answered_at INTEGER NOT NULL,
  PRIMARY KEY (request_id, family_id)
);
