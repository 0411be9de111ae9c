-- Issue 15 (People): user administration. Re-runnable (IF NOT EXISTS), as MariaDB commits DDL
-- implicitly.
--
-- More than one role per user: user_roles holds every role a user has. users.role stays: it is
-- the user's first role, the one a new session starts with (it is always one of user_roles; the
-- application keeps it so). A session's active role (sessions.active_role, NULL: users.role) is
-- switched with POST /auth/role; a role no longer held falls back to users.role.
CREATE TABLE IF NOT EXISTS user_roles (
  user_id BIGINT NOT NULL,
  role VARCHAR(32) NOT NULL,
  PRIMARY KEY (user_id, role),
  CONSTRAINT fk_user_roles_user FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT ck_user_roles_role CHECK (role IN ('admin','contract_manager','access_officer','finance','budget_holder','auditor','provider'))
) ENGINE=InnoDB;

INSERT IGNORE INTO user_roles (user_id, role) SELECT id, role FROM users;

-- The last log-in, for the rights overview; a provider's user may be its provider's
-- administrator (manages the provider's own users when the provider may).
ALTER TABLE users
  ADD COLUMN IF NOT EXISTS last_login_at DATETIME(6) NULL,
  ADD COLUMN IF NOT EXISTS provider_admin TINYINT NOT NULL DEFAULT 0;

ALTER TABLE sessions ADD COLUMN IF NOT EXISTS active_role VARCHAR(32) NULL;

-- Whether the municipality lets the provider's administrators manage its users (default: no).
ALTER TABLE providers ADD COLUMN IF NOT EXISTS users_self_managed TINYINT NOT NULL DEFAULT 0;

-- Resetting a second factor takes four eyes: one administrator requests, another approves.
CREATE TABLE IF NOT EXISTS totp_resets (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id BIGINT NOT NULL,
  requested_by BIGINT NOT NULL,
  requested_at DATETIME(6) NOT NULL,
  status VARCHAR(16) NOT NULL DEFAULT 'open',
  decided_by BIGINT NULL,
  decided_at DATETIME(6) NULL,
  KEY ix_totp_resets_user (user_id, status),
  CONSTRAINT fk_totp_resets_user FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT fk_totp_resets_requester FOREIGN KEY (requested_by) REFERENCES users (id),
  CONSTRAINT fk_totp_resets_decider FOREIGN KEY (decided_by) REFERENCES users (id),
  CONSTRAINT ck_totp_resets_status CHECK (status IN ('open','approved','withdrawn'))
) ENGINE=InnoDB;
