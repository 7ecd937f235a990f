-- Where a response came from: the web form, or a paper questionnaire entered by the kansli
-- (docs/security.md). Paper answers are pooled with the web answers; nothing links either to a person.
ALTER TABLE responses ADD COLUMN source TEXT NOT NULL DEFAULT 'web' CHECK (source IN ('web', 'paper'));
