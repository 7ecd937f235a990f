-- Targets as the förbund write them (docs/rules.md "Måluppfyllelse"): a value with a direction, a
-- band ("40–60 %"), a change against the same period a year earlier ("+20 p.e."), or a gap that must
-- shrink; and outcomes entered by hand ("101 av 125 poäng", "Okänt"), with who entered them.
ALTER TABLE targets ADD COLUMN mode TEXT NOT NULL DEFAULT 'value' CHECK (mode IN ('value', 'band', 'change', 'shrink'));
ALTER TABLE targets ADD COLUMN value_high REAL;
ALTER TABLE targets ADD COLUMN change_unit TEXT CHECK (change_unit IS NULL OR change_unit IN ('points', 'percent'));
ALTER TABLE targets ADD COLUMN manual_value REAL;
ALTER TABLE targets ADD COLUMN manual_of REAL;
ALTER TABLE targets ADD COLUMN manual_text TEXT;
ALTER TABLE targets ADD COLUMN manual_by TEXT;
ALTER TABLE targets ADD COLUMN manual_on TEXT;

-- One overall verdict per insats and period ("Insatsen har i huvudsak nått sina mål"), optional.
CREATE TABLE insats_verdicts (
  insats_id  INTEGER NOT NULL REFERENCES insatser(id) ON DELETE CASCADE,
  period     TEXT NOT NULL,
  verdict    TEXT NOT NULL,
  entered_by TEXT,
  entered_on TEXT NOT NULL,
  PRIMARY KEY (insats_id, period)
) WITHOUT ROWID;
