-- Signing in through the school's OpenID Connect provider (issue 16,
-- decision 0031).
--
-- One row per sign-in begun at a provider, keyed by the hash of its state
-- (the state itself travels in the provider's address and in a cookie of
-- the browser that began it). The nonce and the PKCE verifier are kept
-- here, never sent to the browser; they are useless without the
-- provider's one-time code, and the row is forgotten an hour after it
-- runs out (ten minutes after it began). used_at is set when the provider
-- sends the browser back, once: a second return with the same state is
-- refused. ip counts the sign-ins one address begins, so that nobody can
-- fill the table.
CREATE TABLE oidc_sign_in_attempts (
  state_hash TEXT PRIMARY KEY,
  provider TEXT NOT NULL,
  nonce TEXT NOT NULL,
  code_verifier TEXT NOT NULL,
  next_path TEXT NOT NULL DEFAULT '',
  ip TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
);
CREATE INDEX oidc_sign_in_attempts_by_ip ON oidc_sign_in_attempts(ip, created_at);
CREATE INDEX oidc_sign_in_attempts_by_expiry ON oidc_sign_in_attempts(expires_at);
