-- Insatser, survey rounds, anonymous responses and their answers.
CREATE TABLE insatser (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
  archived    INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  created_on  TEXT NOT NULL DEFAULT (date('now'))
);

CREATE TABLE rounds (
  id                 INTEGER PRIMARY KEY,
  token              TEXT NOT NULL UNIQUE,
  instrument_id      TEXT NOT NULL,
  instrument_version INTEGER NOT NULL,
  insats_id          INTEGER NOT NULL REFERENCES insatser(id),
  period             TEXT NOT NULL,
  year               INTEGER NOT NULL,
  opens_on           TEXT,
  closes_on          TEXT,
  invited            INTEGER CHECK (invited IS NULL OR invited >= 0),
  kiosk              INTEGER NOT NULL DEFAULT 0 CHECK (kiosk IN (0, 1)),
  closed             INTEGER NOT NULL DEFAULT 0 CHECK (closed IN (0, 1)),
  created_on         TEXT NOT NULL DEFAULT (date('now'))
);
CREATE INDEX rounds_by_insats_year ON rounds (insats_id, year, instrument_id);

-- Only the date of a response is kept (docs/security.md). Gender is copied from the response's gender
-- question so that indicator counts by gender need no join.
CREATE TABLE responses (
  id                 INTEGER PRIMARY KEY,
  round_id           INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
  submitted_on       TEXT NOT NULL,
  instrument_version INTEGER NOT NULL,
  gender             TEXT NOT NULL CHECK (gender IN ('kvinna', 'man', 'annat'))
);
CREATE INDEX responses_by_round ON responses (round_id, gender);

-- Closed answers (scale steps, vet-ej, ja/nej, option values). round_id and gender are denormalised
-- so that counts per question, value and gender are one covering-index GROUP BY.
CREATE TABLE answers (
  response_id INTEGER NOT NULL REFERENCES responses(id) ON DELETE CASCADE,
  round_id    INTEGER NOT NULL,
  question_id TEXT NOT NULL,
  value       TEXT NOT NULL,
  gender      TEXT NOT NULL,
  PRIMARY KEY (response_id, question_id)
) WITHOUT ROWID;
CREATE INDEX answers_counts ON answers (round_id, question_id, value, gender);

-- Free text is kept apart: shown only to signed-in kansli users, hideable by an admin.
CREATE TABLE text_answers (
  response_id INTEGER NOT NULL REFERENCES responses(id) ON DELETE CASCADE,
  round_id    INTEGER NOT NULL,
  question_id TEXT NOT NULL,
  body        TEXT NOT NULL,
  hidden      INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
  PRIMARY KEY (response_id, question_id)
) WITHOUT ROWID;
CREATE INDEX text_answers_by_round ON text_answers (round_id, question_id);

-- One-time form nonces: the unique key makes a double click, refresh or retry store one response.
-- Deliberately not linked to the response it produced.
CREATE TABLE submission_nonces (
  nonce       TEXT PRIMARY KEY,
  round_id    INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
  used_on     TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX submission_nonces_by_round ON submission_nonces (round_id);
