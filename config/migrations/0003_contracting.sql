-- Procurement procedures, applications, framework and budget-financed contracts, tariffs.
CREATE TABLE procedures (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  municipality_code CHAR(4) NOT NULL,
  kind VARCHAR(16) NOT NULL,
  name VARCHAR(200) NOT NULL,
  term_start DATE NOT NULL,
  term_end DATE NOT NULL,
  applications_open TINYINT NOT NULL DEFAULT 0,
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  CONSTRAINT ck_procedure_kind CHECK (kind IN ('open','negotiated','continuation')),
  CONSTRAINT fk_procedure_municipality FOREIGN KEY (municipality_code) REFERENCES municipalities (code)
) ENGINE=InnoDB;

CREATE TABLE lots (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  procedure_id BIGINT NOT NULL,
  name VARCHAR(200) NOT NULL,
  CONSTRAINT fk_lot_procedure FOREIGN KEY (procedure_id) REFERENCES procedures (id)
) ENGINE=InnoDB;

CREATE TABLE lot_products (
  lot_id BIGINT NOT NULL,
  product_code CHAR(5) NOT NULL,
  PRIMARY KEY (lot_id, product_code),
  CONSTRAINT fk_lot_product_lot FOREIGN KEY (lot_id) REFERENCES lots (id),
  CONSTRAINT fk_lot_product_product FOREIGN KEY (product_code) REFERENCES products (code)
) ENGINE=InnoDB;

CREATE TABLE requirements (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  procedure_id BIGINT NOT NULL,
  text VARCHAR(2000) NOT NULL,
  CONSTRAINT fk_requirement_procedure FOREIGN KEY (procedure_id) REFERENCES procedures (id)
) ENGINE=InnoDB;

-- Tariff versions: owned by a procedure (the municipality's published tariffs) or a contract.
CREATE TABLE tariffs (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  procedure_id BIGINT NULL,
  contract_id BIGINT NULL,
  product_code CHAR(5) NOT NULL,
  unit VARCHAR(16) NOT NULL,
  tariff_cents BIGINT NOT NULL,
  valid_from DATE NOT NULL,
  valid_to DATE NULL,
  reason VARCHAR(200) NOT NULL DEFAULT '',
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  UNIQUE KEY uq_tariff_procedure (procedure_id, product_code, valid_from),
  UNIQUE KEY uq_tariff_contract (contract_id, product_code, valid_from),
  KEY ix_tariff_product (product_code, valid_from),
  CONSTRAINT ck_tariff_owner CHECK ((procedure_id IS NULL) <> (contract_id IS NULL)),
  CONSTRAINT ck_tariff_positive CHECK (tariff_cents > 0),
  CONSTRAINT fk_tariff_product FOREIGN KEY (product_code) REFERENCES products (code)
) ENGINE=InnoDB;

CREATE TABLE applications (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  procedure_id BIGINT NOT NULL,
  provider_id BIGINT NOT NULL,
  status VARCHAR(16) NOT NULL DEFAULT 'submitted',
  submitted_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  decided_at DATETIME(6) NULL,
  decided_by VARCHAR(64) NULL,
  reason VARCHAR(2000) NULL,
  CONSTRAINT fk_application_procedure FOREIGN KEY (procedure_id) REFERENCES procedures (id),
  CONSTRAINT fk_application_provider FOREIGN KEY (provider_id) REFERENCES providers (id)
) ENGINE=InnoDB;

CREATE TABLE application_lots (
  application_id BIGINT NOT NULL,
  lot_id BIGINT NOT NULL,
  PRIMARY KEY (application_id, lot_id),
  CONSTRAINT fk_application_lot_app FOREIGN KEY (application_id) REFERENCES applications (id),
  CONSTRAINT fk_application_lot_lot FOREIGN KEY (lot_id) REFERENCES lots (id)
) ENGINE=InnoDB;

CREATE TABLE application_answers (
  application_id BIGINT NOT NULL,
  requirement_id BIGINT NOT NULL,
  answer VARCHAR(4000) NOT NULL,
  assessment VARCHAR(8) NOT NULL DEFAULT 'pending',
  remark VARCHAR(2000) NOT NULL DEFAULT '',
  assessed_by VARCHAR(64) NULL,
  PRIMARY KEY (application_id, requirement_id),
  CONSTRAINT fk_answer_application FOREIGN KEY (application_id) REFERENCES applications (id),
  CONSTRAINT fk_answer_requirement FOREIGN KEY (requirement_id) REFERENCES requirements (id)
) ENGINE=InnoDB;

CREATE TABLE contracts (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kind VARCHAR(16) NOT NULL,
  provider_id BIGINT NOT NULL,
  municipality_code CHAR(4) NOT NULL,
  procedure_id BIGINT NULL,
  lot_id BIGINT NULL,
  application_id BIGINT NULL,
  status VARCHAR(16) NOT NULL,
  term_start DATE NOT NULL,
  term_end DATE NOT NULL,
  extension_options INT NOT NULL DEFAULT 0,
  extension_months INT NOT NULL DEFAULT 0,
  spending_ceiling_cents BIGINT NULL,
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  KEY ix_contract_provider (provider_id),
  CONSTRAINT ck_contract_kind CHECK (kind IN ('framework','budget')),
  CONSTRAINT fk_contract_provider FOREIGN KEY (provider_id) REFERENCES providers (id),
  CONSTRAINT fk_contract_municipality FOREIGN KEY (municipality_code) REFERENCES municipalities (code),
  CONSTRAINT fk_contract_procedure FOREIGN KEY (procedure_id) REFERENCES procedures (id)
) ENGINE=InnoDB;

ALTER TABLE tariffs ADD CONSTRAINT fk_tariff_contract FOREIGN KEY (contract_id) REFERENCES contracts (id);
ALTER TABLE tariffs ADD CONSTRAINT fk_tariff_procedure FOREIGN KEY (procedure_id) REFERENCES procedures (id);

CREATE TABLE contract_products (
  contract_id BIGINT NOT NULL,
  product_code CHAR(5) NOT NULL,
  PRIMARY KEY (contract_id, product_code),
  KEY ix_contract_products_product (product_code),
  CONSTRAINT fk_contract_product_contract FOREIGN KEY (contract_id) REFERENCES contracts (id),
  CONSTRAINT fk_contract_product_product FOREIGN KEY (product_code) REFERENCES products (code)
) ENGINE=InnoDB;

CREATE TABLE contract_status_changes (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  contract_id BIGINT NOT NULL,
  from_status VARCHAR(16) NULL,
  to_status VARCHAR(16) NOT NULL,
  reason VARCHAR(2000) NOT NULL DEFAULT '',
  changed_by VARCHAR(64) NOT NULL,
  changed_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  CONSTRAINT fk_status_change_contract FOREIGN KEY (contract_id) REFERENCES contracts (id)
) ENGINE=InnoDB;

-- Budget financing (dagbesteding): coalition, yearly budgets, performance agreements, advances.
CREATE TABLE coalition_members (
  contract_id BIGINT NOT NULL,
  provider_id BIGINT NOT NULL,
  role VARCHAR(8) NOT NULL,
  PRIMARY KEY (contract_id, provider_id),
  CONSTRAINT ck_member_role CHECK (role IN ('lead','member')),
  CONSTRAINT fk_member_contract FOREIGN KEY (contract_id) REFERENCES contracts (id),
  CONSTRAINT fk_member_provider FOREIGN KEY (provider_id) REFERENCES providers (id)
) ENGINE=InnoDB;

CREATE TABLE contract_budgets (
  contract_id BIGINT NOT NULL,
  year INT NOT NULL,
  budget_cents BIGINT NOT NULL,
  PRIMARY KEY (contract_id, year),
  CONSTRAINT ck_budget_nonnegative CHECK (budget_cents >= 0),
  CONSTRAINT fk_budget_contract FOREIGN KEY (contract_id) REFERENCES contracts (id)
) ENGINE=InnoDB;

CREATE TABLE performance_agreements (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  contract_id BIGINT NOT NULL,
  indicator VARCHAR(200) NOT NULL,
  target BIGINT NOT NULL,
  unit VARCHAR(60) NOT NULL,
  CONSTRAINT fk_agreement_contract FOREIGN KEY (contract_id) REFERENCES contracts (id)
) ENGINE=InnoDB;

CREATE TABLE advances (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  contract_id BIGINT NOT NULL,
  year INT NOT NULL,
  month INT NOT NULL,
  due_date DATE NOT NULL,
  amount_cents BIGINT NOT NULL,
  UNIQUE KEY uq_advance_month (contract_id, year, month),
  CONSTRAINT fk_advance_contract FOREIGN KEY (contract_id) REFERENCES contracts (id)
) ENGINE=InnoDB;
