-- Declarations (WMO323, JSON, CSV), their claim lines, the review queue and payables.
CREATE TABLE declarations (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  provider_id BIGINT NOT NULL,
  source VARCHAR(8) NOT NULL,
  inbox_message_id BIGINT NULL,
  declaratie_nummer VARCHAR(12) NOT NULL,
  period_begin DATE NOT NULL,
  period_end DATE NOT NULL,
  received_at DATETIME(6) NOT NULL,
  total_submitted_cents BIGINT NOT NULL,
  total_awarded_cents BIGINT NULL,
  status VARCHAR(16) NOT NULL,
  header_code CHAR(4) NULL,
  answer_due DATE NOT NULL,
  answered_at DATETIME(6) NULL,
  -- For a WMO323: the message header fields the WMO325 repeats (JSON).
  message_head TEXT NULL,
  UNIQUE KEY uq_declaration_number (provider_id, declaratie_nummer),
  CONSTRAINT ck_declaration_status CHECK (status IN ('answered','awaiting_review','rejected')),
  CONSTRAINT fk_declaration_provider FOREIGN KEY (provider_id) REFERENCES providers (id)
) ENGINE=InnoDB;

CREATE TABLE claim_lines (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  declaration_id BIGINT NOT NULL,
  provider_id BIGINT NOT NULL,
  reference VARCHAR(20) NOT NULL,
  previous_reference VARCHAR(20) NULL,
  credit TINYINT NOT NULL,
  allocation_number BIGINT NOT NULL,
  bsn_hash CHAR(64) NOT NULL,
  -- The BSN as sent, encrypted, kept only for lines not accepted (the WMO325 repeats them).
  bsn_enc VARCHAR(200) NULL,
  category CHAR(2) NOT NULL,
  product_code VARCHAR(5) NOT NULL,
  period_begin DATE NOT NULL,
  period_end DATE NOT NULL,
  volume BIGINT NOT NULL,
  unit VARCHAR(16) NOT NULL,
  tariff_cents BIGINT NULL,
  amount_cents BIGINT NOT NULL,
  status VARCHAR(10) NOT NULL,
  code CHAR(4) NULL,
  credited TINYINT NOT NULL DEFAULT 0,
  UNIQUE KEY uq_claim_reference (provider_id, reference),
  KEY ix_claim_allocation (allocation_number, period_begin, status),
  KEY ix_claim_declaration (declaration_id),
  CONSTRAINT ck_claim_status CHECK (status IN ('accepted','rejected','review')),
  CONSTRAINT fk_claim_declaration FOREIGN KEY (declaration_id) REFERENCES declarations (id)
) ENGINE=InnoDB;

CREATE TABLE review_items (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  claim_line_id BIGINT NOT NULL,
  declaration_id BIGINT NOT NULL,
  code CHAR(4) NOT NULL,
  message VARCHAR(1000) NOT NULL,
  status VARCHAR(10) NOT NULL,
  due_date DATE NOT NULL,
  decided_at DATETIME(6) NULL,
  decided_by VARCHAR(64) NULL,
  reason VARCHAR(2000) NULL,
  -- Set when the declaration's answer was due before a decision: the WMO325 then went out with
  -- the line as not accepted, and the review continues escalated.
  escalated_at DATETIME(6) NULL,
  UNIQUE KEY uq_review_line (claim_line_id),
  KEY ix_review_status (status, due_date),
  CONSTRAINT ck_review_status CHECK (status IN ('open','accepted','rejected')),
  CONSTRAINT fk_review_line FOREIGN KEY (claim_line_id) REFERENCES claim_lines (id)
) ENGINE=InnoDB;

-- What the municipality owes: from accepted claims (one per declaration), advances and
-- settlements. The source key makes each payable exist at most once.
CREATE TABLE payables (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  provider_id BIGINT NOT NULL,
  source_type VARCHAR(12) NOT NULL,
  source_id BIGINT NOT NULL,
  amount_cents BIGINT NOT NULL,
  due_date DATE NOT NULL,
  created_at DATETIME(6) NOT NULL,
  UNIQUE KEY uq_payable_source (source_type, source_id),
  KEY ix_payable_provider (provider_id, due_date),
  CONSTRAINT fk_payable_provider FOREIGN KEY (provider_id) REFERENCES providers (id)
) ENGINE=InnoDB;
