-- Targets belong to a reporting period (docs/rules.md "Perioder"), not only to a calendar year: a
-- project period ("2022-09-01..2025-12-31"), a half-year ("2024-H1") or since start. `period` is the
-- period's key as analysis/period.ts writes it; a year's target keeps its year as the key ("2024").
-- SQLite cannot change a UNIQUE constraint in place, so the table is rebuilt with the same ids.
CREATE TABLE targets_by_period (
  id         INTEGER PRIMARY KEY,
  insats_id  INTEGER NOT NULL REFERENCES insatser(id) ON DELETE CASCADE,
  period     TEXT NOT NULL,
  metric     TEXT NOT NULL,
  params     TEXT NOT NULL DEFAULT '{}',
  direction  TEXT NOT NULL DEFAULT 'atLeast' CHECK (direction IN ('atLeast', 'atMost')),
  value      REAL NOT NULL,
  label      TEXT,
  UNIQUE (insats_id, period, metric, params)
);
INSERT INTO targets_by_period (id, insats_id, period, metric, params, direction, value, label)
  SELECT id, insats_id, CAST(year AS TEXT), metric, params, direction, value, label FROM targets;
DROP TABLE targets;
ALTER TABLE targets_by_period RENAME TO targets;
CREATE INDEX targets_by_insats_period ON targets (insats_id, period);
