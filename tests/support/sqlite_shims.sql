-- For the tests' own look into the database (server.sql) on PostgreSQL: the
-- few SQLite functions those queries use, in a schema of their own that
-- only the tests' psql puts on its search path. attune's connections never
-- see it, so a query of attune's that used one would still fail.
CREATE SCHEMA sqlite_shim;

CREATE FUNCTION sqlite_shim.unixepoch() RETURNS bigint LANGUAGE sql AS $$
  SELECT CAST(floor(extract(epoch FROM now())) AS bigint)
$$;

-- An instant from SQLite's time value and modifiers: 'now', a unix time
-- with 'unixepoch', a 'YYYY-MM-DD' date; '-N days' moves it.
CREATE FUNCTION sqlite_shim.sqlite_instant(v text, m1 text, m2 text) RETURNS timestamptz
LANGUAGE plpgsql AS $$
DECLARE
  t timestamptz;
  m text;
BEGIN
  IF v = 'now' THEN t := now();
  ELSIF m1 = 'unixepoch' OR m2 = 'unixepoch' THEN t := to_timestamp(CAST(v AS double precision));
  ELSE t := CAST(v || ' 00:00:00+00' AS timestamptz);
  END IF;
  FOREACH m IN ARRAY ARRAY[m1, m2] LOOP
    IF m IS NOT NULL AND m ~ '^[-+]?[0-9]+ days?$' THEN
      t := t + CAST(m AS interval);
    END IF;
  END LOOP;
  RETURN t;
END;
$$;

CREATE FUNCTION sqlite_shim.strftime(f text, v text, m1 text DEFAULT NULL, m2 text DEFAULT NULL)
RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  t timestamptz := sqlite_shim.sqlite_instant(v, m1, m2);
BEGIN
  RETURN CASE f
    WHEN '%s' THEN CAST(CAST(floor(extract(epoch FROM t)) AS bigint) AS text)
    WHEN '%Y-%m-%d' THEN to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD')
    WHEN '%Y' THEN to_char(t AT TIME ZONE 'UTC', 'YYYY')
    WHEN '%m' THEN to_char(t AT TIME ZONE 'UTC', 'MM')
  END;
END;
$$;
CREATE FUNCTION sqlite_shim.strftime(f text, v bigint, m1 text DEFAULT NULL, m2 text DEFAULT NULL)
RETURNS text LANGUAGE sql AS $$ SELECT sqlite_shim.strftime(f, CAST(v AS text), m1, m2) $$;

CREATE FUNCTION sqlite_shim.date(v bigint, m1 text) RETURNS text LANGUAGE sql AS $$
  SELECT sqlite_shim.strftime('%Y-%m-%d', CAST(v AS text), m1)
$$;
CREATE FUNCTION sqlite_shim.date(v text) RETURNS text LANGUAGE sql AS $$
  SELECT sqlite_shim.strftime('%Y-%m-%d', v)
$$;

CREATE FUNCTION sqlite_shim.group_concat_step(acc text, v text, sep text) RETURNS text
LANGUAGE sql AS $$ SELECT CASE WHEN acc IS NULL THEN v ELSE acc || sep || v END $$;
CREATE AGGREGATE sqlite_shim.group_concat(text, text) (
  SFUNC = sqlite_shim.group_concat_step, STYPE = text
);
CREATE FUNCTION sqlite_shim.date(v text, m1 text) RETURNS text LANGUAGE sql AS $$
  SELECT sqlite_shim.strftime('%Y-%m-%d', v, m1)
$$;
