-- Extra columns of the participant register ("Kommun", "Boendeform", "Språk" …): kept as named
-- variables of the episode instead of being dropped (docs/import.md "Extra kolumner"). A blank cell
-- is no row. Like the built-in columns they are covered by the import's undo.
CREATE TABLE episode_variables (
  episode_id INTEGER NOT NULL REFERENCES episodes(id) ON DELETE CASCADE,
  name       TEXT NOT NULL,                     -- the stored spelling (import_batch_variables)
  value      TEXT NOT NULL,
  PRIMARY KEY (episode_id, name)
) WITHOUT ROWID;
-- listVariables and the count per name (server/outcomes/variables.ts).
CREATE INDEX episode_variables_by_name ON episode_variables (name);

-- The extra columns of each batch, in file order (position = index in the staged JSON array). The
-- first batch that used a spelling fixes it: "KOMMUN" in a later file is stored as "Kommun".
CREATE TABLE import_batch_variables (
  batch_id INTEGER NOT NULL REFERENCES import_batches(id),
  position INTEGER NOT NULL,
  name     TEXT NOT NULL,
  name_key TEXT NOT NULL,                       -- csvFile.ts headerKey(name)
  PRIMARY KEY (batch_id, position)
) WITHOUT ROWID;

-- The variables (of the batch's columns only) that an episode had before a batch updated it, so
-- that undo restores them exactly; deleted with the batch's episode_history.
CREATE TABLE episode_variable_history (
  batch_id   INTEGER NOT NULL REFERENCES import_batches(id),
  episode_id INTEGER NOT NULL REFERENCES episodes(id) ON DELETE CASCADE,
  name       TEXT NOT NULL,
  value      TEXT NOT NULL,
  PRIMARY KEY (batch_id, episode_id, name)
) WITHOUT ROWID;
CREATE INDEX episode_variable_history_by_episode ON episode_variable_history (episode_id);
