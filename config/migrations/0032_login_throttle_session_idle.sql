-- Issue 14 (#4, #11): log-in throttling by account and source address instead of a hard lock,
-- and sessions that end after inactivity. Re-runnable (IF NOT EXISTS, guarded back-fills), as
-- MariaDB commits DDL implicitly.

-- Failed log-ins per user name (as typed, lower-cased, SHA-256: unknown names are counted the
-- same way as known ones) and source address. next_allowed_at is when that source may try that
-- name again (docs/security.md, "Log-in throttling").
CREATE TABLE IF NOT EXISTS login_throttle (
  account_hash CHAR(64) NOT NULL,
  source VARCHAR(64) NOT NULL,
  failures INT NOT NULL DEFAULT 0,
  last_failure_at DATETIME(6) NOT NULL,
  next_allowed_at DATETIME(6) NOT NULL,
  PRIMARY KEY (account_hash, source)
) ENGINE=InnoDB;

-- The old hard lock (users.failed_logins / locked_until) is no longer used: lift the locks that
-- an outsider may have set.
UPDATE users SET failed_logins = 0, locked_until = NULL
 WHERE failed_logins <> 0 OR locked_until IS NOT NULL;

-- A session's last use; it ends auth.session_idle_minutes after that. Existing sessions count as
-- last used when they were created.
ALTER TABLE sessions ADD COLUMN IF NOT EXISTS last_used_at DATETIME(6) NULL;
UPDATE sessions SET last_used_at = created_at WHERE last_used_at IS NULL;
ALTER TABLE sessions MODIFY last_used_at DATETIME(6) NOT NULL;
