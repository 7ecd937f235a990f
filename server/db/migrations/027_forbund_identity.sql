-- The förbund's identity, set once in the web or with `finsam forbund` (docs/configuration.md
-- "Förbundets uppgifter"): one row, which wins over the FINSAM_FORBUND_* start values.
CREATE TABLE forbund_identity (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  name       TEXT NOT NULL,
  email      TEXT,
  phone      TEXT,
  web        TEXT,
  logo       BLOB,                         -- PNG or JPEG, at most 200 kB
  logo_type  TEXT CHECK (logo_type IS NULL OR logo_type IN ('image/png', 'image/jpeg')),
  updated_at TEXT NOT NULL
);

-- Messages sent through the accessibility statement's form (DOS-lagen's feedback route). No address
-- or other trace of the sender is stored; the sender may leave a way to be answered.
CREATE TABLE accessibility_feedback (
  id          INTEGER PRIMARY KEY,
  received_on TEXT NOT NULL,               -- YYYY-MM-DD, Swedish date
  message     TEXT NOT NULL,
  reply_to    TEXT
);
