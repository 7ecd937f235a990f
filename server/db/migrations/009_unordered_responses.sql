-- Nothing stored keeps the order in which responses arrived (docs/security.md, "Ingen ordning").
--
-- Until now a response's id was one past the largest (so ids, rowids and the keys of its answers
-- and free texts followed the order of submission), and the kansli's "dölj svaret" form named a
-- free text by that id. From here on:
-- - a response's id is a random integer (survey/submissions.ts), so neither the id nor the rowid
--   (INTEGER PRIMARY KEY is the rowid) nor the answers' key (response_id, question_id) says who
--   answered before whom;
-- - a free text has its own random handle, the only thing a page uses to name it.
-- Existing responses are renumbered here in a random order, keeping every response, answer and text.
--
-- The old tables are rebuilt rather than updated: answers refer to responses(id) without ON UPDATE,
-- so the ids cannot be changed in place while foreign keys are on (and PRAGMA foreign_keys cannot be
-- changed inside the migration's transaction). The running totals (migration 006) stay as they are:
-- their triggers are dropped before the copy and recreated after it, so they count nothing twice.

-- Server-side settings, such as the secret that signs form nonces (survey/formNonces.ts).
CREATE TABLE IF NOT EXISTS settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

DROP TRIGGER IF EXISTS answers_total_insert;
DROP TRIGGER IF EXISTS answers_total_delete;
DROP TRIGGER IF EXISTS responses_total_insert;
DROP TRIGGER IF EXISTS responses_total_delete;

-- A random permutation of 1..N: new responses get random ids far above N (survey/submissions.ts).
CREATE TEMP TABLE response_renumbering AS
  SELECT id AS old_id, ROW_NUMBER() OVER (ORDER BY random()) AS new_id FROM responses;

CREATE TABLE responses_new (
  id                 INTEGER PRIMARY KEY,
  round_id           INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
  submitted_on       TEXT NOT NULL,
  instrument_version INTEGER NOT NULL,
  gender             TEXT NOT NULL CHECK (gender IN ('kvinna', 'man', 'annat'))
);
INSERT INTO responses_new (id, round_id, submitted_on, instrument_version, gender)
  SELECT m.new_id, r.round_id, r.submitted_on, r.instrument_version, r.gender
    FROM responses r JOIN response_renumbering m ON m.old_id = r.id
   ORDER BY m.new_id;

CREATE TABLE answers_new (
  response_id INTEGER NOT NULL REFERENCES responses_new(id) ON DELETE CASCADE,
  round_id    INTEGER NOT NULL,
  question_id TEXT NOT NULL,
  value       TEXT NOT NULL,
  gender      TEXT NOT NULL,
  PRIMARY KEY (response_id, question_id)
) WITHOUT ROWID;
INSERT INTO answers_new (response_id, round_id, question_id, value, gender)
  SELECT m.new_id, a.round_id, a.question_id, a.value, a.gender
    FROM answers a JOIN response_renumbering m ON m.old_id = a.response_id
   ORDER BY m.new_id, a.question_id;

-- handle: 128 random bits in hex, the free text's only name outside the database.
CREATE TABLE text_answers_new (
  response_id INTEGER NOT NULL REFERENCES responses_new(id) ON DELETE CASCADE,
  round_id    INTEGER NOT NULL,
  question_id TEXT NOT NULL,
  body        TEXT NOT NULL,
  hidden      INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
  handle      TEXT NOT NULL UNIQUE,
  PRIMARY KEY (response_id, question_id)
) WITHOUT ROWID;
INSERT INTO text_answers_new (response_id, round_id, question_id, body, hidden, handle)
  SELECT m.new_id, t.round_id, t.question_id, t.body, t.hidden, lower(hex(randomblob(16)))
    FROM text_answers t JOIN response_renumbering m ON m.old_id = t.response_id
   ORDER BY m.new_id, t.question_id;

-- Children first: dropping a parent with foreign keys on deletes its children's rows.
DROP TABLE answers;
DROP TABLE text_answers;
DROP TABLE responses;
DROP TABLE temp.response_renumbering;

-- Renaming the parent also renames it in the children's REFERENCES clauses.
ALTER TABLE responses_new RENAME TO responses;
ALTER TABLE answers_new RENAME TO answers;
ALTER TABLE text_answers_new RENAME TO text_answers;

CREATE INDEX responses_by_round ON responses (round_id, gender);
-- answers_counts (round_id, question_id, value, gender) is not rebuilt: counts come from the running
-- totals (migration 006), and with random response ids each of its entries would land on a page of
-- its own (about ten pages written per response instead of one). A round's answers (the raw export)
-- are found through this narrower index, where a response's answers sit side by side.
CREATE INDEX answers_by_round ON answers (round_id);
CREATE INDEX text_answers_by_round ON text_answers (round_id, question_id);

CREATE TRIGGER answers_total_insert AFTER INSERT ON answers BEGIN
  INSERT INTO answer_totals (round_id, question_id, value, gender, n) VALUES (NEW.round_id, NEW.question_id, NEW.value, NEW.gender, 1)
  ON CONFLICT (round_id, question_id, value, gender) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER answers_total_delete AFTER DELETE ON answers BEGIN
  UPDATE answer_totals SET n = n - 1
   WHERE round_id = OLD.round_id AND question_id = OLD.question_id AND value = OLD.value AND gender = OLD.gender;
END;
CREATE TRIGGER responses_total_insert AFTER INSERT ON responses BEGIN
  INSERT INTO response_totals (round_id, gender, n) VALUES (NEW.round_id, NEW.gender, 1)
  ON CONFLICT (round_id, gender) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER responses_total_delete AFTER DELETE ON responses BEGIN
  UPDATE response_totals SET n = n - 1 WHERE round_id = OLD.round_id AND gender = OLD.gender;
END;
