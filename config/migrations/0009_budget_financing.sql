-- Budget financing (dagbesteding), issue 4: quarterly realisation reports per performance
-- agreement, the year-end settlement (vaststelling) with its calculation, and the settlement
-- rule of a budget-financed contract (names of zc::invoicing::SettlementRule).
ALTER TABLE contracts ADD COLUMN IF NOT EXISTS settlement_rule VARCHAR(32) NOT NULL
  DEFAULT 'proportional_to_realisation';

ALTER TABLE contracts DROP CONSTRAINT IF EXISTS ck_contract_settlement_rule;
ALTER TABLE contracts ADD CONSTRAINT ck_contract_settlement_rule
  CHECK (settlement_rule IN ('fixed_budget','proportional_to_realisation','cap_at_advances'));

CREATE TABLE IF NOT EXISTS realisation_reports (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  contract_id BIGINT NOT NULL,
  year INT NOT NULL,
  quarter TINYINT NOT NULL,
  agreement_id BIGINT NOT NULL,
  realised BIGINT NOT NULL,
  reported_by VARCHAR(64) NOT NULL,
  reported_at DATETIME(6) NOT NULL,
  UNIQUE KEY uq_realisation (contract_id, year, quarter, agreement_id),
  CONSTRAINT ck_realisation_quarter CHECK (quarter BETWEEN 1 AND 4),
  CONSTRAINT ck_realisation_nonnegative CHECK (realised >= 0),
  CONSTRAINT fk_realisation_contract FOREIGN KEY (contract_id) REFERENCES contracts (id),
  CONSTRAINT fk_realisation_agreement FOREIGN KEY (agreement_id) REFERENCES performance_agreements (id)
) ENGINE=InnoDB;

CREATE TABLE IF NOT EXISTS settlements (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  contract_id BIGINT NOT NULL,
  year INT NOT NULL,
  rule VARCHAR(32) NOT NULL,
  budget_cents BIGINT NOT NULL,
  due_cents BIGINT NOT NULL,
  advances_paid_cents BIGINT NOT NULL,
  difference_cents BIGINT NOT NULL,
  calculation TEXT NOT NULL,
  created_by VARCHAR(64) NOT NULL,
  created_at DATETIME(6) NOT NULL,
  UNIQUE KEY uq_settlement_year (contract_id, year),
  CONSTRAINT fk_settlement_contract FOREIGN KEY (contract_id) REFERENCES contracts (id)
) ENGINE=InnoDB;
