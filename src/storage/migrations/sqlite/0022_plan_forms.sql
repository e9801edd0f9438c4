-- Plans with their forms (issue 13): what was written when the plan
-- started and ended, each later entry, review and signature, the next
-- check-in, who is involved (for plans kept to them), and the actions a
-- plan asks of staff, linked to it.
ALTER TABLE plans ADD COLUMN fields TEXT NOT NULL DEFAULT '{}';
ALTER TABLE plans ADD COLUMN end_fields TEXT NOT NULL DEFAULT '{}';
ALTER TABLE plans ADD COLUMN check_in_on TEXT;
ALTER TABLE plans ADD COLUMN check_in_every INTEGER NOT NULL DEFAULT 0;
ALTER TABLE plans ADD COLUMN ended_by_staff_id INTEGER REFERENCES staff(id) ON DELETE SET NULL;
-- ",3,17," : staff involved, for a plan the policy keeps to them.
ALTER TABLE plans ADD COLUMN involved_staff TEXT NOT NULL DEFAULT '';

-- The plans page: a school's active plans, by when they are next due.
CREATE INDEX plans_school ON plans(school_id, status, started_on);

CREATE TABLE plan_entries (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('entry', 'review', 'signature')),
  on_date TEXT NOT NULL,
  fields TEXT NOT NULL DEFAULT '{}',
  by_staff_id INTEGER REFERENCES staff(id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX plan_entries_plan ON plan_entries(plan_id, on_date, id);

ALTER TABLE actions ADD COLUMN plan_id INTEGER REFERENCES plans(id) ON DELETE CASCADE;
CREATE INDEX actions_plan ON actions(plan_id) WHERE plan_id IS NOT NULL;
