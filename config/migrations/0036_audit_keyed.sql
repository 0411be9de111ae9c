-- Issue 14 (#6): the audit chain is keyed (HMAC-SHA256 with a key outside the database). The
-- head says whether the chain is keyed yet; `migrate` keys an existing plain chain once, after
-- verifying it (interfaces/security/audit_trail.cpp, keyAuditChain). Re-runnable.
ALTER TABLE audit_head ADD COLUMN IF NOT EXISTS keyed TINYINT NOT NULL DEFAULT 0;
