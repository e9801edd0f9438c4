-- A year group's pupils, found without reading every pupil of the school
-- (issue 12): the team's queue filtered by year builds that set once per
-- due group, and the pupils list filtered or sorted by year starts here.
CREATE INDEX pupils_year ON pupils(school_id, year_group, last_name, first_name);
