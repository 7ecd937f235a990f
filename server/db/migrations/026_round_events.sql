-- A round of the förbund may evaluate one of its events (a course, a conference): its answers are
-- that event's evaluation (docs/domain.md "Händelser"). Deleting the event keeps the round.
ALTER TABLE rounds ADD COLUMN event_id INTEGER REFERENCES events(id) ON DELETE SET NULL;
CREATE INDEX rounds_by_event ON rounds (event_id);
