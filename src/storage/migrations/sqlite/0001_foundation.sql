-- attune foundation schema: schools and their calendar, places, forms,
-- teaching groups and timetable, staff, pupils with profiles and contacts,
-- sessions, sign-in attempts, API tokens and the audit log.
-- Instants are INTEGER unix seconds (UTC); dates are TEXT 'YYYY-MM-DD';
-- times of day are INTEGER minutes after midnight, London time.
-- Every row belongs to a school, so one database can hold a trust.

CREATE TABLE schools (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  urn TEXT NOT NULL DEFAULT '',
  phase TEXT NOT NULL DEFAULT 'secondary',
  timezone TEXT NOT NULL DEFAULT 'Europe/London',
  created_at INTEGER NOT NULL
);

CREATE TABLE calendar_entries (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('term', 'half_term', 'holiday', 'inset')),
  name TEXT NOT NULL,
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  CHECK (ends_on >= starts_on)
);
CREATE INDEX calendar_entries_school ON calendar_entries(school_id, starts_on);

CREATE TABLE periods (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  name TEXT NOT NULL,
  starts_at INTEGER NOT NULL,
  ends_at INTEGER NOT NULL,
  teaching INTEGER NOT NULL DEFAULT 1,
  UNIQUE (school_id, ordinal),
  CHECK (ends_at > starts_at)
);

CREATE TABLE places (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL DEFAULT 'other',
  UNIQUE (school_id, name)
);

CREATE TABLE staff (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('teacher', 'support', 'pastoral', 'senco', 'dsl', 'senior', 'admin')),
  job_title TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1,
  password_hash TEXT NOT NULL,
  password_changed_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX staff_school ON staff(school_id, name);

CREATE TABLE forms (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  year_group INTEGER NOT NULL,
  tutor_staff_id INTEGER REFERENCES staff(id) ON DELETE SET NULL,
  UNIQUE (school_id, name)
);

CREATE TABLE teaching_groups (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  subject TEXT NOT NULL,
  year_group INTEGER NOT NULL,
  UNIQUE (school_id, name)
);

CREATE TABLE pupils (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  upn TEXT NOT NULL,
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  preferred_name TEXT NOT NULL DEFAULT '',
  date_of_birth TEXT NOT NULL,
  year_group INTEGER NOT NULL,
  form_id INTEGER REFERENCES forms(id) ON DELETE SET NULL,
  sex TEXT NOT NULL CHECK (sex IN ('F', 'M')),
  sen_status TEXT NOT NULL DEFAULT 'N' CHECK (sen_status IN ('N', 'K', 'E')),
  ethnicity_code TEXT NOT NULL DEFAULT 'REFU',
  ehcp INTEGER NOT NULL DEFAULT 0,
  fsm INTEGER NOT NULL DEFAULT 0,
  looked_after INTEGER NOT NULL DEFAULT 0,
  key_adult_staff_id INTEGER REFERENCES staff(id) ON DELETE SET NULL,
  -- lower-case "first last preferred upn", for search as you type
  search_text TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  UNIQUE (school_id, upn)
);
CREATE INDEX pupils_school_name ON pupils(school_id, last_name, first_name);
CREATE INDEX pupils_form ON pupils(form_id);

CREATE TABLE teaching_group_members (
  group_id INTEGER NOT NULL REFERENCES teaching_groups(id) ON DELETE CASCADE,
  pupil_id INTEGER NOT NULL REFERENCES pupils(id) ON DELETE CASCADE,
  PRIMARY KEY (group_id, pupil_id)
);
CREATE INDEX teaching_group_members_pupil ON teaching_group_members(pupil_id);

CREATE TABLE timetable_slots (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  group_id INTEGER NOT NULL REFERENCES teaching_groups(id) ON DELETE CASCADE,
  staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
  place_id INTEGER REFERENCES places(id) ON DELETE SET NULL,
  period_id INTEGER NOT NULL REFERENCES periods(id) ON DELETE CASCADE,
  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  UNIQUE (group_id, weekday, period_id)
);
CREATE INDEX timetable_slots_staff ON timetable_slots(staff_id, weekday, period_id);

CREATE TABLE pupil_profiles (
  pupil_id INTEGER PRIMARY KEY REFERENCES pupils(id) ON DELETE CASCADE,
  school_id INTEGER NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  communication TEXT NOT NULL DEFAULT '',  -- one ticked preference per line
  what_helps TEXT NOT NULL DEFAULT '',
  triggers TEXT NOT NULL DEFAULT '',
  strengths TEXT NOT NULL DEFAULT '',
  pupil_voice TEXT NOT NULL DEFAULT '',
  updated_at INTEGER NOT NULL,
  updated_by_staff_id INTEGER REFERENCES staff(id) ON DELETE SET NULL
);

CREATE TABLE contacts (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  pupil_id INTEGER NOT NULL REFERENCES pupils(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  relationship TEXT NOT NULL,
  phone TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  parental_responsibility INTEGER NOT NULL DEFAULT 1,
  priority INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX contacts_pupil ON contacts(pupil_id, priority);

CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  ip TEXT NOT NULL DEFAULT '',
  user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_staff ON sessions(staff_id);

CREATE TABLE sign_in_attempts (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL,
  ip TEXT NOT NULL,
  at INTEGER NOT NULL,
  succeeded INTEGER NOT NULL
);
CREATE INDEX sign_in_attempts_email ON sign_in_attempts(email, at);
CREATE INDEX sign_in_attempts_ip ON sign_in_attempts(ip, at);

CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  label TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  last_used_at INTEGER,
  revoked_at INTEGER
);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  school_id INTEGER,
  staff_id INTEGER,
  at INTEGER NOT NULL,
  action TEXT NOT NULL,
  subject_type TEXT NOT NULL DEFAULT '',
  subject_id INTEGER NOT NULL DEFAULT 0,
  detail TEXT NOT NULL DEFAULT '',
  ip TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_school_at ON audit_log(school_id, at);
CREATE INDEX audit_log_subject ON audit_log(subject_type, subject_id);
