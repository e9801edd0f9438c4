-- Search as you type reads (school, surname, first name, search text) from one
-- index, so only matching pupils are fetched from the table.
CREATE INDEX pupils_search ON pupils(school_id, last_name, first_name, search_text);
DROP INDEX pupils_school_name;
