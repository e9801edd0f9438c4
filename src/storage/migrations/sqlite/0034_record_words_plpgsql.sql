-- Recording on PostgreSQL (issue 16, decision 0035): PostgreSQL's function
-- that keeps a record's searchable words is now PL/pgSQL. SQLite keeps its
-- words with FTS5's own triggers, unchanged: nothing to do here but keep
-- the two dialects' migrations numbered alike.
SELECT 1;
