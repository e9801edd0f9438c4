-- Marking periods in the school calendar: a policy may count records over
-- them (window = "marking_period", docs/policy.md), with the school's own
-- names. SQLite cannot change a CHECK, so the table is rebuilt as it was,
-- with the new kind allowed; nothing refers to it.
CREATE TABLE calendar_entries_new (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('term', 'half_term', 'holiday', 'inset', 'marking_period')),
  name TEXT NOT NULL,
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  CHECK (ends_on >= starts_on)
);
INSERT INTO calendar_entries_new (id, school_id, kind, name, starts_on, ends_on)
  SELECT id, school_id, kind, name, starts_on, ends_on FROM calendar_entries;
DROP TABLE calendar_entries;
ALTER TABLE calendar_entries_new RENAME TO calendar_entries;
CREATE INDEX calendar_entries_school ON calendar_entries(school_id, starts_on);
