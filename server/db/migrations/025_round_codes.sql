-- A short code per round to type from paper (docs/security.md "Kort kod"): eight characters from an
-- alphabet without look-alikes, stored without the dash, matched case-insensitively.
CREATE TABLE round_codes (
  code     TEXT PRIMARY KEY,
  round_id INTEGER NOT NULL UNIQUE REFERENCES rounds(id) ON DELETE CASCADE
) WITHOUT ROWID;
