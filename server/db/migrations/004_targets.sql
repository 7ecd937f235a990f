-- Targets (förväntat resultat) per insats and year on a metric of the merged report.
CREATE TABLE targets (
  id         INTEGER PRIMARY KEY,
  insats_id  INTEGER NOT NULL REFERENCES insatser(id) ON DELETE CASCADE,
  year       INTEGER NOT NULL,
  metric     TEXT NOT NULL,
  -- JSON: e.g. {"reasons": ["Arbete", "Studier"]} or {"instrument": "nns-deltagare-avslut", "question": "nytta"}
  params     TEXT NOT NULL DEFAULT '{}',
  direction  TEXT NOT NULL DEFAULT 'atLeast' CHECK (direction IN ('atLeast', 'atMost')),
  value      REAL NOT NULL,
  label      TEXT,
  UNIQUE (insats_id, year, metric, params)
);
CREATE INDEX targets_by_insats_year ON targets (insats_id, year);
