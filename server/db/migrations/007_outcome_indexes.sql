-- Covering indexes for the outcome report, so that a year's flow and its starters' background are
-- read from the index alone (measured: 1 000 000 episodes, see bench/).
CREATE INDEX episodes_flow ON episodes (start_date, end_date, gender, insats_id);
CREATE INDEX episodes_starters ON episodes (start_date, insats_id, gender, referrer, education, time_without_work, birth_year);
-- episodes_starters begins with the same columns, so this one is redundant.
DROP INDEX episodes_by_start;
