-- Secrets the server keeps, made on first use and shared by every process
-- on the database: 'sign_in_form' signs the pre-sign-in CSRF token.
CREATE TABLE server_secrets (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
