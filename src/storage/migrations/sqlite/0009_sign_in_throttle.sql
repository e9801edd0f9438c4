-- Sign-in throttling counted before a password is checked, in one row per
-- account (kind 'email') and per network address (kind 'ip'), so that a
-- burst of attempts sent at once is counted one after another and cannot
-- all be checked (issue 10, item 5). An upsert on these rows is atomic in
-- SQLite and, by its row lock, in PostgreSQL too. It replaces the log of
-- attempts, which was counted and then written, leaving a race between.
-- `failures` counts attempts not (yet) known to have succeeded, each within
-- the throttle window of the one before; `last_failure_at` is unix seconds.
CREATE TABLE sign_in_throttle (
  kind TEXT NOT NULL,
  key TEXT NOT NULL,
  failures INTEGER NOT NULL,
  last_failure_at INTEGER NOT NULL,
  PRIMARY KEY (kind, key)
);
CREATE INDEX sign_in_throttle_last ON sign_in_throttle(last_failure_at);

DROP TABLE sign_in_attempts;
