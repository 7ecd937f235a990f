-- "Invited" of a participant avslut round is the number of the insats's episodes that ended in the
-- round's period (outcomes/queries.ts endedInPeriod): a range in this index instead of a lookup of
-- every episode of the insats.
CREATE INDEX episodes_by_insats_end ON episodes (insats_id, end_date);
