-- Recording on PostgreSQL (issue 16, decision 0037): PostgreSQL writes a
-- new record's words from the row being inserted. SQLite keeps its words
-- with FTS5's own triggers, unchanged: nothing to do here but keep the two
-- dialects' migrations numbered alike.
SELECT 1;
