-- Recording on PostgreSQL (issue 16, decision 0035): the function that
-- keeps a record's searchable words, the same statements in PL/pgSQL. As a
-- LANGUAGE sql function called from a trigger it was planned again on every
-- record (about 0.3 ms of the server's time each, a quarter of a record's
-- write); PL/pgSQL keeps its plans for the connection. What it writes is
-- unchanged; the triggers call it by name.
CREATE OR REPLACE FUNCTION attune_record_words(record BIGINT) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM record_words WHERE incident_id = record;
  INSERT INTO record_words (incident_id, antecedent, behaviour, response, amends)
  SELECT i.id, i.antecedent, i.behaviour, i.response,
         COALESCE((SELECT string_agg(a.words, ' / ' ORDER BY a.id) FROM amends a
                   WHERE a.incident_id = i.id), '')
    FROM incidents i
   WHERE i.id = record AND (i.antecedent <> '' OR i.behaviour <> '' OR i.response <> ''
         OR EXISTS (SELECT 1 FROM amends a WHERE a.incident_id = i.id));
END;
$$;
