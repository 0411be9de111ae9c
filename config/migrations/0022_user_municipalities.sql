-- Issue 13 (S7), staff scoped per municipality: a staff user works for one or more
-- municipalities (regional = 0), and may serve, for a central municipality, the care its region
-- has placed with it (regional = 1: the centrumgemeente's Beschermd Wonen team sees exactly the
-- region's clients with care that municipality pays). Provider users have no rows (provider
-- isolation is by provider_id). Re-runnable (IF NOT EXISTS), as MariaDB commits DDL implicitly.
CREATE TABLE IF NOT EXISTS user_municipalities (
  user_id BIGINT NOT NULL,
  municipality_code CHAR(4) NOT NULL,
  regional TINYINT NOT NULL DEFAULT 0,
  PRIMARY KEY (user_id, municipality_code, regional),
  KEY ix_user_municipality (municipality_code),
  CONSTRAINT fk_scope_user FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT fk_scope_municipality FOREIGN KEY (municipality_code) REFERENCES municipalities (code),
  CONSTRAINT ck_scope_regional CHECK (regional IN (0, 1))
) ENGINE=InnoDB;

-- Existing staff users keep what they could do: every municipality, not regionally. Only users
-- without any scope row are back-filled, so a second run leaves a narrowed scope as it is.
INSERT IGNORE INTO user_municipalities (user_id, municipality_code, regional)
SELECT u.id, m.code, 0
  FROM users u CROSS JOIN municipalities m
 WHERE u.provider_id IS NULL
   AND NOT EXISTS (SELECT 1 FROM user_municipalities um WHERE um.user_id = u.id);
