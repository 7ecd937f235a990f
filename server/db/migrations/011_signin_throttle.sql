-- Failed sign-ins no longer lock an account (an anonymous attacker could lock anyone out): they are
-- throttled in memory per account and address, see server/kansli/throttle.ts and docs/security.md.
-- Drop the old lock-out columns so that no stale lock survives.
ALTER TABLE users DROP COLUMN failed_count;
ALTER TABLE users DROP COLUMN first_failed;
ALTER TABLE users DROP COLUMN locked_until;
