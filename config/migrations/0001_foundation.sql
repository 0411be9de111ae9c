-- Staff access, provider API keys and the audit trail.
CREATE TABLE users (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  username VARCHAR(64) NOT NULL,
  display_name VARCHAR(200) NOT NULL,
  role VARCHAR(32) NOT NULL,
  password_hash VARCHAR(200) NOT NULL,
  totp_secret VARCHAR(64) NULL,
  totp_enabled TINYINT NOT NULL DEFAULT 0,
  totp_last_step BIGINT NOT NULL DEFAULT 0,
  failed_logins INT NOT NULL DEFAULT 0,
  locked_until DATETIME(6) NULL,
  active TINYINT NOT NULL DEFAULT 1,
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  UNIQUE KEY uq_users_username (username),
  CONSTRAINT ck_users_role CHECK (role IN ('admin','contract_manager','access_officer','finance','budget_holder','auditor'))
) ENGINE=InnoDB;

CREATE TABLE sessions (
  token_hash CHAR(64) NOT NULL PRIMARY KEY,
  user_id BIGINT NOT NULL,
  created_at DATETIME(6) NOT NULL,
  expires_at DATETIME(6) NOT NULL,
  revoked_at DATETIME(6) NULL,
  mfa_pending TINYINT NOT NULL DEFAULT 0,
  KEY ix_sessions_user (user_id),
  CONSTRAINT fk_sessions_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB;

CREATE TABLE audit_log (
  seq BIGINT NOT NULL PRIMARY KEY,
  at VARCHAR(32) NOT NULL,
  actor VARCHAR(120) NOT NULL,
  action VARCHAR(120) NOT NULL,
  object_type VARCHAR(60) NOT NULL,
  object_id VARCHAR(120) NOT NULL,
  result VARCHAR(40) NOT NULL,
  origin VARCHAR(80) NOT NULL,
  before_json MEDIUMTEXT NULL,
  after_json MEDIUMTEXT NULL,
  prev_hash CHAR(64) NOT NULL,
  hash CHAR(64) NOT NULL,
  KEY ix_audit_object (object_type, object_id),
  KEY ix_audit_actor (actor)
) ENGINE=InnoDB;

-- One row: the chain's head, locked by every append so the chain stays linear.
CREATE TABLE audit_head (
  id TINYINT NOT NULL PRIMARY KEY,
  last_seq BIGINT NOT NULL,
  last_hash CHAR(64) NOT NULL
) ENGINE=InnoDB;

INSERT INTO audit_head (id, last_seq, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
