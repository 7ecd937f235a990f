-- Published national figures per NNS indicator key, year and respondent group ("Riket"), imported
-- from a CSV file (docs/import.md "Nationella jämförelsevärden"). A later import of the same key,
-- year and group replaces the figure. `percent` is the share positive as published (may have a
-- decimal), `n` the national number of respondents when the publication gives it.
CREATE TABLE national_references (
  indicator         TEXT NOT NULL,
  year              INTEGER NOT NULL,
  respondent_group  TEXT NOT NULL,
  percent           REAL NOT NULL CHECK (percent >= 0 AND percent <= 100),
  n                 INTEGER CHECK (n IS NULL OR n >= 0),
  imported_by       TEXT,
  imported_on       TEXT NOT NULL,
  PRIMARY KEY (indicator, year, respondent_group)
) WITHOUT ROWID;
