-- Named groups of insatser ("IPS-insatserna"), reported together (docs/domain.md "Grupper av insatser").
-- The name is unique ignoring case; the service also folds å/ä/ö and spacing (server/survey/insatsGroups.ts).
CREATE TABLE insats_groups (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
  created_on  TEXT NOT NULL DEFAULT (date('now'))
);

-- Members. An archived insats stays a member. No ON DELETE CASCADE towards insatser: an insats that is
-- in a group is in use, so undoing the import that created it keeps it (followup/batches.ts).
CREATE TABLE insats_group_members (
  group_id   INTEGER NOT NULL REFERENCES insats_groups(id) ON DELETE CASCADE,
  insats_id  INTEGER NOT NULL REFERENCES insatser(id),
  PRIMARY KEY (group_id, insats_id)
) WITHOUT ROWID;
CREATE INDEX insats_group_members_by_insats ON insats_group_members (insats_id);
