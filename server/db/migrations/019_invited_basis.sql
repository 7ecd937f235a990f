-- The basis of a round's response rate (docs/rules.md "Svarsfrekvens"): entered by hand ('entered'),
-- a subgroup count entered by hand with what it counts ('subgroup', invited_note), or derived from
-- the register: participants whose episode ended in the round's period ('ended') or who were
-- enrolled during it ('enrolled'). NULL keeps the earlier rule: the entered count when there is
-- one, else 'ended' for participant rounds at avslut.
ALTER TABLE rounds ADD COLUMN invited_basis TEXT CHECK (invited_basis IS NULL OR invited_basis IN ('entered', 'subgroup', 'ended', 'enrolled'));
ALTER TABLE rounds ADD COLUMN invited_note TEXT;
