-- Reads of restricted records and special-category fields are audited once
-- per request, naming everything read (decision 0011): an entry about
-- several records or pupils lists them here, so "who has read this child's
-- record?" finds list reads too.
CREATE TABLE audit_subjects (
  audit_id INTEGER NOT NULL REFERENCES audit_log(id) ON DELETE CASCADE,
  subject_id INTEGER NOT NULL,
  PRIMARY KEY (audit_id, subject_id)
) WITHOUT ROWID;
CREATE INDEX audit_subjects_subject ON audit_subjects(subject_id);

-- Secrets the server keeps, made on first use and shared by every process
-- on the database: 'sign_in_form' signs the pre-sign-in CSRF token.
CREATE TABLE server_secrets (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
