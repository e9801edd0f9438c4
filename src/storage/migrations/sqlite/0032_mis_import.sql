-- Pupils, staff, forms and teaching groups from the school's MIS (issue 16,
-- decision 0032). An import never deletes: a pupil who is no longer in the
-- export is marked left (left_on) and keeps every record; a member of staff
-- is deactivated, and the link remembers that the import did it, so that
-- they come back when the MIS has them again. Every row an import made or
-- matched is linked, per school, to the OneRoster sourcedId it came from.
-- The same schema for PostgreSQL is in ../postgresql/0032_mis_import.sql.

-- The day the pupil left, as the MIS import found it; NULL while on roll.
ALTER TABLE pupils ADD COLUMN left_on TEXT;

-- Which attune row each sourcedId of the school's export is. kind: school,
-- staff, pupil, form (a homeroom class) or group (a scheduled class).
-- left_on: the day the import marked it left (for staff: why they are
-- deactivated); NULL otherwise. One link per attune row: a row whose
-- sourcedId changes (a new MIS supplier) is linked again, not twice.
CREATE TABLE mis_links (
  school_id INTEGER NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('school', 'staff', 'pupil', 'form', 'group')),
  source_id TEXT NOT NULL,
  local_id INTEGER NOT NULL,
  left_on TEXT,
  PRIMARY KEY (school_id, kind, source_id)
);
CREATE UNIQUE INDEX mis_links_local ON mis_links(school_id, kind, local_id);

-- Who teaches each teaching group, as the MIS says (OneRoster has no
-- weekday, so no timetable slot can be made from it).
CREATE TABLE teaching_group_staff (
  group_id INTEGER NOT NULL REFERENCES teaching_groups(id) ON DELETE CASCADE,
  staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
  PRIMARY KEY (group_id, staff_id)
);
CREATE INDEX teaching_group_staff_staff ON teaching_group_staff(staff_id);

-- Every import of a school: what it found or did (report, JSON), and for
-- an upload on the admin's page not yet applied, the uploaded file
-- (export_zip, base64), cleared once applied or after a day.
CREATE TABLE mis_imports (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  staff_id INTEGER REFERENCES staff(id) ON DELETE SET NULL,
  file_name TEXT NOT NULL,
  uploaded_at INTEGER NOT NULL,
  export_zip TEXT NOT NULL DEFAULT '',
  report TEXT NOT NULL,
  applied_at INTEGER,
  applied_by_staff_id INTEGER REFERENCES staff(id) ON DELETE SET NULL
);
CREATE INDEX mis_imports_school ON mis_imports(school_id, uploaded_at);
