-- Spellings of end reasons that the kansli mapped to a code book's reason from the web import
-- (docs/import.md "Kodböcker"). Every later import with the same code book reads them as aliases.
-- `match_key` is the spelling's match key (analysis/reasonMatch.ts), `spelling` the text as it
-- was written (never anything like a personnummer: the import page does not offer those).
CREATE TABLE codebook_mappings (
  id         INTEGER PRIMARY KEY,
  codebook   TEXT NOT NULL,
  match_key  TEXT NOT NULL,
  spelling   TEXT NOT NULL,
  reason     TEXT NOT NULL,
  created_by TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (codebook, match_key)
);
