-- Issue 14 (#5): every audit row names the actor's id and role, not only the name it had then
-- (a user can be renamed; "anonymous" and "cli" are not users). actor_id is the staff user's id
-- for a staff role, the provider's id for "provider", 0 for the system ("cli", the demo loader,
-- background jobs) and anonymous callers. Both are part of the row's chain hash; rows written
-- before this migration keep NULL and their old hash. Re-runnable.
ALTER TABLE audit_log ADD COLUMN IF NOT EXISTS actor_id BIGINT NULL AFTER actor;
ALTER TABLE audit_log ADD COLUMN IF NOT EXISTS actor_role VARCHAR(20) NULL AFTER actor_id;
