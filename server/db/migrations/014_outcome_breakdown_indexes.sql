-- The outcome report's breakdowns (server/outcomes/queries.ts) read residence (district) among the
-- starters and days in the insats (end date − start date) among the ended. Both columns join the
-- covering indexes, so those counts come from the index alone instead of one table lookup per
-- episode (measured on 1 000 000 generated episodes: residence 2.8 s → 0.24 s, days 1.6 s → 0.29 s).
-- Same number of indexes as before.
DROP INDEX episodes_starters;
CREATE INDEX episodes_starters ON episodes (start_date, insats_id, gender, referrer, education, time_without_work, birth_year, district);
DROP INDEX episodes_by_end;
CREATE INDEX episodes_by_end ON episodes (end_date, insats_id, gender, end_reason, start_date);
