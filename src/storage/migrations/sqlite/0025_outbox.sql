-- The email outbox (decision 0025): one row per message to one recipient,
-- written in the same transaction as what causes it and sent afterwards by
-- the sender, at least once. A sender claims a message by writing its own
-- lease (a random token) and when it runs out; nobody else sends it until
-- then. Each message keeps one Message-ID, so that a copy sent again after
-- a crash is recognisably the same message.
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  message_id TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT NOT NULL DEFAULT '',
  lease TEXT,
  lease_until INTEGER,
  created_at INTEGER NOT NULL,
  sent_at INTEGER
);
-- The sender's question: what is due next. Sent messages leave the index.
CREATE INDEX outbox_due ON outbox(next_attempt_at, id) WHERE status = 'pending';
-- The admin's page: a school's messages still waiting, or failed.
CREATE INDEX outbox_waiting ON outbox(school_id, id) WHERE status <> 'sent';
