-- Searching records finds words whatever their accents (decision 0036), as
-- on SQLite, whose index takes the accents off Latin letters (unicode61
-- remove_diacritics 2, migrations/sqlite/0016_record_search.sql): "zoe"
-- finds Zoë, "CAFE" finds café, "Zoë" finds Zoe.
--
-- attune_fold takes off what SQLite's tokenizer takes off: the accents
-- that compose a Latin letter (é is e and U+0301; ł, ø, æ, ß and œ are
-- letters of their own and stay, as on SQLite). The text is decomposed
-- (NFD), the marks SQLite removes are dropped after a Latin letter, and
-- the rest composed again (NFC), so Greek and Cyrillic letters keep theirs
-- (й is not и on SQLite either). Case is left to to_tsvector's 'simple',
-- which lowers every word. Built in to PostgreSQL and IMMUTABLE, so it
-- serves a generated column with no extension to install; one SELECT with
-- no SET, so PostgreSQL inlines it. tests/unit/pg_record_words_test.cpp
-- checks it against SQLite's tokenizer letter by letter.
DO $$
BEGIN
  IF current_setting('server_encoding') <> 'UTF8' THEN
    RAISE EXCEPTION 'attune needs its PostgreSQL database in the UTF8 encoding to search '
      'records whatever their accents; this one is %. Make a new database with '
      'createdb --encoding=UTF8 --template=template0, restore a pg_dump of this one into it, '
      'and point db at it', current_setting('server_encoding');
  END IF;
END;
$$;

CREATE FUNCTION attune_fold(words TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT normalize(regexp_replace(normalize(words, NFD),
    '([A-Za-z])[\u0300-\u0304\u0306-\u030c\u030f\u0311\u031b\u0323-\u0328\u032d\u032e\u0330\u0331]+',
    '\1', 'g'), NFC)
$$;

-- The words column again, folded: adding a stored generated column
-- rewrites the table, so every record already made is folded now. Its
-- index went with the old column.
ALTER TABLE record_words DROP COLUMN words;
ALTER TABLE record_words ADD COLUMN words tsvector GENERATED ALWAYS AS (to_tsvector('simple',
  regexp_replace(attune_fold(antecedent || ' ' || behaviour || ' ' || response || ' ' || amends),
  '[^[:alnum:]]+', ' ', 'g'))) STORED;
CREATE INDEX record_words_words ON record_words USING gin (words);
