-- migrate: foreign_keys off
-- A round may belong to the förbund itself instead of an insats (styrelse, beredningsgrupp, remittenter,
-- courses): rounds.insats_id becomes nullable (docs/domain.md "Omgångar utan insats").
--
-- SQLite cannot drop NOT NULL in place, so the table is rebuilt: a new table, the rows copied with the
-- same ids, the old one dropped, the new one renamed, its index recreated. Foreign keys are off while
-- this runs (the directive on the first line; server/db/migrate.ts checks them all before it commits):
-- with them on, dropping the old table would delete every response and nonce through ON DELETE CASCADE.
-- responses(round_id) and submission_nonces(round_id) name the table "rounds", so they refer to the new
-- table once it has that name. No trigger or view reads rounds (migrations 001, 006, 009, 019), and the
-- running totals (answer_totals, response_totals) are keyed by round id, which does not change.
CREATE TABLE rounds_new (
  id                 INTEGER PRIMARY KEY,
  token              TEXT NOT NULL UNIQUE,
  instrument_id      TEXT NOT NULL,
  instrument_version INTEGER NOT NULL,
  -- NULL: the förbund's own round, not tied to an insats.
  insats_id          INTEGER REFERENCES insatser(id),
  period             TEXT NOT NULL,
  year               INTEGER NOT NULL,
  opens_on           TEXT,
  closes_on          TEXT,
  invited            INTEGER CHECK (invited IS NULL OR invited >= 0),
  kiosk              INTEGER NOT NULL DEFAULT 0 CHECK (kiosk IN (0, 1)),
  closed             INTEGER NOT NULL DEFAULT 0 CHECK (closed IN (0, 1)),
  created_on         TEXT NOT NULL DEFAULT (date('now')),
  invited_basis      TEXT CHECK (invited_basis IS NULL OR invited_basis IN ('entered', 'subgroup', 'ended', 'enrolled')),
  invited_note       TEXT
);
INSERT INTO rounds_new (id, token, instrument_id, instrument_version, insats_id, period, year, opens_on, closes_on, invited,
                        kiosk, closed, created_on, invited_basis, invited_note)
  SELECT id, token, instrument_id, instrument_version, insats_id, period, year, opens_on, closes_on, invited,
         kiosk, closed, created_on, invited_basis, invited_note
    FROM rounds ORDER BY id;
DROP TABLE rounds;
ALTER TABLE rounds_new RENAME TO rounds;
CREATE INDEX rounds_by_insats_year ON rounds (insats_id, year, instrument_id);
