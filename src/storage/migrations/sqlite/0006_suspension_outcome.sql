-- The headteacher's decision on a record the law treats as a suspension:
-- 'suspended' (reason codes, start, school days, then the notices) or
-- 'not_suspended' (the record stays a record, with the reason why); ''
-- while the decision is still to be made. A pupil's suspension days this
-- school year are summed from incident_pupils_history (pupil first), so no
-- new index is needed.
ALTER TABLE suspensions ADD COLUMN outcome TEXT NOT NULL DEFAULT ''
  CHECK (outcome IN ('', 'suspended', 'not_suspended'));
ALTER TABLE suspensions ADD COLUMN not_suspended_reason TEXT NOT NULL DEFAULT '';
