-- Searching records by the words staff wrote in them (decision 0016): an
-- FTS5 index of each record's notes (what happened before, what was seen
-- and heard, how the adult responded) and the amends pupils proposed on it,
-- one row per record with the record's id as its rowid. Records without
-- words have no row. Triggers keep it in step with every write, whichever
-- path makes it (the group commit included); who may find a record is
-- decided by joining incidents, by the same rule as reading one
-- (storage/sqlite/readable.h).
CREATE VIRTUAL TABLE record_words USING fts5(
  antecedent, behaviour, response, amends,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3'
);

-- The record's row as its words are now: removed, then written again when
-- it has any words.
CREATE TRIGGER record_words_insert AFTER INSERT ON incidents
WHEN new.antecedent <> '' OR new.behaviour <> '' OR new.response <> ''
BEGIN
  INSERT INTO record_words (rowid, antecedent, behaviour, response, amends)
  VALUES (new.id, new.antecedent, new.behaviour, new.response, '');
END;

CREATE TRIGGER record_words_update AFTER UPDATE OF antecedent, behaviour, response ON incidents
BEGIN
  DELETE FROM record_words WHERE rowid = old.id;
  INSERT INTO record_words (rowid, antecedent, behaviour, response, amends)
  SELECT i.id, i.antecedent, i.behaviour, i.response,
         COALESCE((SELECT group_concat(words, ' / ') FROM amends WHERE incident_id = i.id), '')
  FROM incidents i WHERE i.id = new.id AND (i.antecedent <> '' OR i.behaviour <> '' OR
        i.response <> '' OR EXISTS (SELECT 1 FROM amends WHERE incident_id = i.id));
END;

CREATE TRIGGER record_words_delete AFTER DELETE ON incidents
BEGIN
  DELETE FROM record_words WHERE rowid = old.id;
END;

CREATE TRIGGER record_words_amends_insert AFTER INSERT ON amends
BEGIN
  DELETE FROM record_words WHERE rowid = new.incident_id;
  INSERT INTO record_words (rowid, antecedent, behaviour, response, amends)
  SELECT i.id, i.antecedent, i.behaviour, i.response,
         COALESCE((SELECT group_concat(words, ' / ') FROM amends WHERE incident_id = i.id), '')
  FROM incidents i WHERE i.id = new.incident_id;
END;

CREATE TRIGGER record_words_amends_update AFTER UPDATE OF words, incident_id ON amends
BEGIN
  DELETE FROM record_words WHERE rowid IN (old.incident_id, new.incident_id);
  INSERT INTO record_words (rowid, antecedent, behaviour, response, amends)
  SELECT i.id, i.antecedent, i.behaviour, i.response,
         COALESCE((SELECT group_concat(words, ' / ') FROM amends WHERE incident_id = i.id), '')
  FROM incidents i WHERE i.id IN (old.incident_id, new.incident_id) AND (i.antecedent <> '' OR
        i.behaviour <> '' OR i.response <> '' OR
        EXISTS (SELECT 1 FROM amends WHERE incident_id = i.id));
END;

CREATE TRIGGER record_words_amends_delete AFTER DELETE ON amends
BEGIN
  DELETE FROM record_words WHERE rowid = old.incident_id;
  INSERT INTO record_words (rowid, antecedent, behaviour, response, amends)
  SELECT i.id, i.antecedent, i.behaviour, i.response,
         COALESCE((SELECT group_concat(words, ' / ') FROM amends WHERE incident_id = i.id), '')
  FROM incidents i WHERE i.id = old.incident_id AND (i.antecedent <> '' OR i.behaviour <> '' OR
        i.response <> '' OR EXISTS (SELECT 1 FROM amends WHERE incident_id = i.id));
END;

-- The records already made.
INSERT INTO record_words (rowid, antecedent, behaviour, response, amends)
SELECT i.id, i.antecedent, i.behaviour, i.response,
       COALESCE((SELECT group_concat(words, ' / ') FROM amends WHERE incident_id = i.id), '')
FROM incidents i WHERE i.antecedent <> '' OR i.behaviour <> '' OR i.response <> '' OR
      EXISTS (SELECT 1 FROM amends WHERE incident_id = i.id);

-- "What I recorded": a member of staff's own records, newest first.
CREATE INDEX incidents_recorded_by ON incidents(recorded_by_staff_id, occurred_at);
