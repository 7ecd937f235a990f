-- Structural work (strukturövergripande arbete): courses, conferences and other events the förbund
-- arranges, with how many took part by gender where known (docs/domain.md "Händelser").
CREATE TABLE events (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL,
  held_on      TEXT NOT NULL,              -- YYYY-MM-DD
  kind         TEXT NOT NULL,              -- kurs, konferens, seminarium, nätverksträff, annat
  target_group TEXT,
  women        INTEGER CHECK (women IS NULL OR women >= 0),
  men          INTEGER CHECK (men IS NULL OR men >= 0),
  other        INTEGER CHECK (other IS NULL OR other >= 0),
  total        INTEGER CHECK (total IS NULL OR total >= 0),
  created_on   TEXT NOT NULL DEFAULT (date('now'))
);
CREATE INDEX events_by_date ON events (held_on);
