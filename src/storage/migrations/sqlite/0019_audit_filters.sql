-- The audit log filtered by kind or by person at a busy school's scale
-- (issue 12): 250,000 entries a year. Each filter the audit page offers
-- leads an index with the school, then the time, so the count and a page of
-- entries, newest first, read the index alone (the entry's rowid closes
-- every SQLite index, which gives the page's "at, id" order for free).
CREATE INDEX audit_log_school_action_at ON audit_log(school_id, action, at);
CREATE INDEX audit_log_school_staff_at ON audit_log(school_id, staff_id, at);
