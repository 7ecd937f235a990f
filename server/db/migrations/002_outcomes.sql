-- Participant follow-up ("Insatsuppföljning"): import batches, participant episodes and the history
-- that makes every import undoable (docs/security.md). No names or personal identity numbers are stored:
-- participant_ref is the förbund's own pseudonymous deltagar-ID (may be '' when the file has none).

CREATE TABLE import_batches (
  id               INTEGER PRIMARY KEY,
  imported_at      TEXT NOT NULL,               -- ISO 8601 date-time (UTC)
  file_name        TEXT NOT NULL,
  codebook         TEXT NOT NULL,               -- id of the code book the end reasons were checked against
  actor            TEXT,                        -- who imported (kansli user), when known
  rows_in_file     INTEGER NOT NULL DEFAULT 0,
  inserted         INTEGER NOT NULL DEFAULT 0,
  updated          INTEGER NOT NULL DEFAULT 0,
  insatser_created INTEGER NOT NULL DEFAULT 0,
  undone_at        TEXT                         -- set when the batch has been undone
);

CREATE TABLE episodes (
  id                INTEGER PRIMARY KEY,
  insats_id         INTEGER NOT NULL REFERENCES insatser(id),
  participant_ref   TEXT NOT NULL DEFAULT '',
  start_date        TEXT NOT NULL,              -- YYYY-MM-DD
  end_date          TEXT,                       -- YYYY-MM-DD or NULL while ongoing
  end_reason        TEXT,                       -- canonical spelling from the code book used at import
  gender            TEXT NOT NULL CHECK (gender IN ('kvinna', 'man', 'annat')),
  birth_year        INTEGER,
  education         TEXT,
  time_without_work TEXT,
  referrer          TEXT,
  district          TEXT,
  created_batch_id  INTEGER NOT NULL REFERENCES import_batches(id),
  updated_batch_id  INTEGER NOT NULL REFERENCES import_batches(id),
  CHECK ((end_date IS NULL) = (end_reason IS NULL)),
  CHECK (end_date IS NULL OR end_date >= start_date),
  UNIQUE (insats_id, participant_ref, start_date)
);
-- The report's queries select by start date (starters, carried over) and by end date (ended, end
-- reasons), for all insatser or one; the unique key above serves lookups by insats.
CREATE INDEX episodes_by_start ON episodes (start_date, insats_id, gender);
CREATE INDEX episodes_by_end ON episodes (end_date, insats_id, gender, end_reason);
CREATE INDEX episodes_by_created_batch ON episodes (created_batch_id);

-- The values an episode had before a batch updated it, so that the batch can be undone. A batch's
-- rows are deleted when the batch is undone.
CREATE TABLE episode_history (
  batch_id          INTEGER NOT NULL REFERENCES import_batches(id),
  episode_id        INTEGER NOT NULL REFERENCES episodes(id) ON DELETE CASCADE,
  end_date          TEXT,
  end_reason        TEXT,
  gender            TEXT NOT NULL,
  birth_year        INTEGER,
  education         TEXT,
  time_without_work TEXT,
  referrer          TEXT,
  district          TEXT,
  updated_batch_id  INTEGER NOT NULL,
  PRIMARY KEY (batch_id, episode_id)
) WITHOUT ROWID;
CREATE INDEX episode_history_by_episode ON episode_history (episode_id, batch_id);

-- Insatser that an import created because the file named an unknown insats; removed again on undo
-- when nothing else refers to them.
CREATE TABLE import_created_insatser (
  batch_id  INTEGER NOT NULL REFERENCES import_batches(id),
  insats_id INTEGER NOT NULL,
  PRIMARY KEY (batch_id, insats_id)
) WITHOUT ROWID;
