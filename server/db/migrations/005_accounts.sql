-- Kansli accounts, server-side sessions and the audit log. No IP addresses are stored.
CREATE TABLE users (
  id             INTEGER PRIMARY KEY,
  name           TEXT NOT NULL UNIQUE COLLATE NOCASE,
  role           TEXT NOT NULL CHECK (role IN ('admin', 'analytiker')),
  password_hash  TEXT NOT NULL,
  disabled       INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  failed_count   INTEGER NOT NULL DEFAULT 0,
  first_failed   INTEGER,            -- ms since epoch of the first failure in the current window
  locked_until   INTEGER,            -- ms since epoch
  created_on     TEXT NOT NULL DEFAULT (date('now'))
);

-- Only a SHA-256 of the session id is stored, so a copy of the database cannot be used to sign in.
CREATE TABLE sessions (
  id_hash     TEXT PRIMARY KEY,
  user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf        TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  last_seen   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE audit_log (
  id        INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  user_name TEXT,
  action    TEXT NOT NULL,
  details   TEXT NOT NULL DEFAULT '{}'
);
