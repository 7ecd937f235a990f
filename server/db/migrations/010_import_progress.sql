-- A large import is written in short chunks so that survey answers never wait long for the single
-- writer (outcomes/importer.ts, docs/import.md). Until completed_at is set the batch is in progress;
-- heartbeat is renewed with every chunk, so that a batch left behind by a crashed process can be
-- told from one still being written, and rolled back.
ALTER TABLE import_batches ADD COLUMN completed_at TEXT;
ALTER TABLE import_batches ADD COLUMN heartbeat TEXT;
UPDATE import_batches SET completed_at = imported_at;
