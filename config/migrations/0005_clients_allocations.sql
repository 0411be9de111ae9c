-- Clients, access decisions (toegangsbesluit / beschikking) with their granted products, and
-- allocations (toewijzing) as versioned rows. A client's BSN is stored only encrypted
-- (AES-256-GCM, bsn_enc) and as an HMAC-SHA256 look-up hash (bsn_hash); never in clear text.
CREATE TABLE clients (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  bsn_hash CHAR(64) NOT NULL,
  bsn_enc TEXT NOT NULL,
  surname VARCHAR(200) NOT NULL,
  prefix VARCHAR(10) NOT NULL DEFAULT '',
  given_names VARCHAR(200) NOT NULL DEFAULT '',
  initials VARCHAR(20) NOT NULL DEFAULT '',
  birth_date DATE NOT NULL,
  gender CHAR(1) NOT NULL,
  street VARCHAR(200) NOT NULL DEFAULT '',
  house_number VARCHAR(20) NOT NULL DEFAULT '',
  postcode VARCHAR(6) NOT NULL DEFAULT '',
  city VARCHAR(200) NOT NULL DEFAULT '',
  municipality_code CHAR(4) NOT NULL,
  district_id BIGINT NULL,
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  UNIQUE KEY uq_clients_bsn_hash (bsn_hash),
  CONSTRAINT ck_client_gender CHECK (gender IN ('0','1','2')),
  CONSTRAINT fk_client_municipality FOREIGN KEY (municipality_code) REFERENCES municipalities (code),
  CONSTRAINT fk_client_district FOREIGN KEY (district_id) REFERENCES districts (id)
) ENGINE=InnoDB;

-- valid_to is exclusive; NULL means the decision has no end date.
CREATE TABLE access_decisions (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  client_id BIGINT NOT NULL,
  number BIGINT NOT NULL,
  decision_date DATE NOT NULL,
  valid_from DATE NOT NULL,
  valid_to DATE NULL,
  created_by VARCHAR(120) NOT NULL,
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  UNIQUE KEY uq_decision_number (number),
  KEY ix_decision_client (client_id),
  CONSTRAINT ck_decision_number CHECK (number BETWEEN 1 AND 999999999),
  CONSTRAINT ck_decision_period CHECK (valid_to IS NULL OR valid_to > valid_from),
  CONSTRAINT fk_decision_client FOREIGN KEY (client_id) REFERENCES clients (id)
) ENGINE=InnoDB;

CREATE TABLE granted_products (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  decision_id BIGINT NOT NULL,
  product_code CHAR(5) NOT NULL,
  volume BIGINT NOT NULL,
  unit VARCHAR(16) NOT NULL,
  frequency VARCHAR(8) NOT NULL,
  financing CHAR(3) NOT NULL,
  pgb_budget_cents BIGINT NULL,
  KEY ix_granted_decision (decision_id),
  CONSTRAINT ck_granted_volume CHECK (volume > 0),
  CONSTRAINT ck_granted_frequency CHECK (frequency IN ('day','week','month','total')),
  CONSTRAINT ck_granted_financing CHECK (financing IN ('ZIN','PGB')),
  CONSTRAINT ck_granted_budget CHECK ((financing = 'PGB') = (pgb_budget_cents IS NOT NULL)),
  CONSTRAINT fk_granted_decision FOREIGN KEY (decision_id) REFERENCES access_decisions (id),
  CONSTRAINT fk_granted_product FOREIGN KEY (product_code) REFERENCES products (code)
) ENGINE=InnoDB;

-- One row per version of an allocation. A change or an end adds a version with the same number;
-- the previous version's is_current is set to 0 in the same transaction, nothing else is ever
-- updated. end_date is exclusive; NULL means open-ended.
CREATE TABLE allocations (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  number BIGINT NOT NULL,
  version INT NOT NULL,
  is_current TINYINT NOT NULL,
  client_id BIGINT NOT NULL,
  decision_id BIGINT NOT NULL,
  granted_product_id BIGINT NOT NULL,
  provider_id BIGINT NOT NULL,
  contract_id BIGINT NOT NULL,
  product_code CHAR(5) NOT NULL,
  start_date DATE NOT NULL,
  end_date DATE NULL,
  volume BIGINT NOT NULL,
  unit VARCHAR(16) NOT NULL,
  frequency VARCHAR(8) NOT NULL,
  reason_change CHAR(2) NULL,
  referentie_aanbieder VARCHAR(36) NULL,
  allocated_at DATETIME(6) NOT NULL,
  created_by VARCHAR(120) NOT NULL,
  UNIQUE KEY uq_allocation_version (number, version),
  KEY ix_allocation_client (client_id, product_code, is_current),
  KEY ix_allocation_provider (provider_id, is_current),
  CONSTRAINT ck_allocation_number CHECK (number BETWEEN 1 AND 999999999),
  CONSTRAINT ck_allocation_version CHECK (version >= 1),
  CONSTRAINT ck_allocation_volume CHECK (volume > 0),
  CONSTRAINT ck_allocation_period CHECK (end_date IS NULL OR end_date >= start_date),
  CONSTRAINT fk_allocation_client FOREIGN KEY (client_id) REFERENCES clients (id),
  CONSTRAINT fk_allocation_decision FOREIGN KEY (decision_id) REFERENCES access_decisions (id),
  CONSTRAINT fk_allocation_granted FOREIGN KEY (granted_product_id) REFERENCES granted_products (id),
  CONSTRAINT fk_allocation_provider FOREIGN KEY (provider_id) REFERENCES providers (id),
  CONSTRAINT fk_allocation_contract FOREIGN KEY (contract_id) REFERENCES contracts (id),
  CONSTRAINT fk_allocation_product FOREIGN KEY (product_code) REFERENCES products (code)
) ENGINE=InnoDB;

-- One row: the last ToewijzingNummer issued, locked (FOR UPDATE) by every new allocation.
CREATE TABLE allocation_sequence (
  id TINYINT NOT NULL PRIMARY KEY,
  last_number BIGINT NOT NULL
) ENGINE=InnoDB;
INSERT INTO allocation_sequence (id, last_number) VALUES (1, 0);
