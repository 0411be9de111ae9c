-- Issue 5: the ledger, integrity blocks, payment runs (pain.001) and bank statements (camt.053).
-- Statements are written to be re-runnable (IF NOT EXISTS), as MariaDB commits DDL implicitly.

-- The municipality's debtor account: the payment-information block of its payment runs.
ALTER TABLE municipalities
  ADD COLUMN IF NOT EXISTS debtor_iban VARCHAR(34) NULL,
  ADD COLUMN IF NOT EXISTS debtor_bic VARCHAR(11) NULL,
  ADD COLUMN IF NOT EXISTS debtor_name VARCHAR(70) NULL;

-- Integrity block (unknown beneficial owner, sanctions or fraud-register hit): set and lifted by
-- finance, audited. A blocked provider is left out of payment runs.
ALTER TABLE providers
  ADD COLUMN IF NOT EXISTS blocked_reason VARCHAR(400) NULL,
  ADD COLUMN IF NOT EXISTS blocked_at DATETIME(6) NULL,
  ADD COLUMN IF NOT EXISTS blocked_by VARCHAR(120) NULL;

-- Payables are signed: a claw-back or a net credit is a negative payable that is offset
-- (verrekend) against the same provider's positive payables in a run.
--   open     owed, in no sent payment (again open after a returned transfer)
--   in_run   in an approved run's transfer, not yet booked by the bank
--   paid     the bank booked the transfer
ALTER TABLE payables
  ADD COLUMN IF NOT EXISTS status VARCHAR(8) NOT NULL DEFAULT 'open',
  ADD COLUMN IF NOT EXISTS disputed_reason VARCHAR(400) NULL,
  ADD COLUMN IF NOT EXISTS instruction_id BIGINT NULL,
  ADD COLUMN IF NOT EXISTS paid_at DATETIME(6) NULL,
  ADD INDEX IF NOT EXISTS ix_payable_status (status, due_date);

-- Double-entry ledger, append-only: a journal per financial event, its lines sum to zero
-- (zc::invoicing::JournalEntry). Account keys as zc::invoicing::AccountKey::format().
CREATE TABLE IF NOT EXISTS ledger_journals (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kind VARCHAR(24) NOT NULL,
  source VARCHAR(120) NOT NULL,
  entry_date DATE NOT NULL,
  created_at DATETIME(6) NOT NULL,
  created_by VARCHAR(120) NOT NULL,
  UNIQUE KEY uq_journal_source (kind, source)
) ENGINE=InnoDB;

CREATE TABLE IF NOT EXISTS ledger_lines (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  journal_id BIGINT NOT NULL,
  account VARCHAR(64) NOT NULL,
  amount_cents BIGINT NOT NULL,
  KEY ix_ledger_account (account),
  CONSTRAINT fk_ledger_journal FOREIGN KEY (journal_id) REFERENCES ledger_journals (id)
) ENGINE=InnoDB;

-- A payment run: prepared by one finance user, approved by another; approval locks it and
-- stores the pain.001 (exported again byte for byte).
CREATE TABLE IF NOT EXISTS payment_runs (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  municipality_code CHAR(4) NOT NULL,
  due_until DATE NOT NULL,
  execution_date DATE NOT NULL,
  status VARCHAR(10) NOT NULL,
  prepared_by VARCHAR(120) NOT NULL,
  prepared_at DATETIME(6) NOT NULL,
  approved_by VARCHAR(120) NULL,
  approved_at DATETIME(6) NULL,
  message_id VARCHAR(35) NOT NULL,
  control_sum_cents BIGINT NOT NULL,
  transactions INT NOT NULL,
  pain001 LONGTEXT NULL,
  pain001_sha256 CHAR(64) NULL,
  CONSTRAINT ck_run_status CHECK (status IN ('prepared','approved','cancelled')),
  CONSTRAINT fk_run_municipality FOREIGN KEY (municipality_code) REFERENCES municipalities (code)
) ENGINE=InnoDB;

-- One transfer per provider in a run.
--   prepared  in a run not yet approved      sent      approved, exported
--   booked    the bank booked it             returned  the bank returned it (reason)
CREATE TABLE IF NOT EXISTS payment_instructions (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  run_id BIGINT NOT NULL,
  provider_id BIGINT NOT NULL,
  end_to_end_id VARCHAR(35) NOT NULL,
  amount_cents BIGINT NOT NULL,
  creditor_name VARCHAR(70) NOT NULL,
  creditor_iban VARCHAR(34) NOT NULL,
  debtor_iban VARCHAR(34) NOT NULL,
  remittance VARCHAR(140) NOT NULL,
  execution_date DATE NOT NULL,
  status VARCHAR(10) NOT NULL,
  return_reason VARCHAR(8) NULL,
  booked_at DATETIME(6) NULL,
  UNIQUE KEY uq_instruction_e2e (end_to_end_id),
  KEY ix_instruction_run (run_id),
  CONSTRAINT fk_instruction_run FOREIGN KEY (run_id) REFERENCES payment_runs (id),
  CONSTRAINT fk_instruction_provider FOREIGN KEY (provider_id) REFERENCES providers (id)
) ENGINE=InnoDB;

-- What a run did with each payable it looked at: paid in an instruction (positive ones), offset
-- in it (negative ones), or left out with the reason.
CREATE TABLE IF NOT EXISTS payment_run_items (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  run_id BIGINT NOT NULL,
  payable_id BIGINT NOT NULL,
  instruction_id BIGINT NULL,
  amount_cents BIGINT NOT NULL,
  outcome VARCHAR(12) NOT NULL,
  reason VARCHAR(400) NULL,
  KEY ix_run_item_run (run_id),
  KEY ix_run_item_payable (payable_id),
  CONSTRAINT ck_run_item_outcome CHECK (outcome IN ('paid','offset','left_out')),
  CONSTRAINT fk_run_item_run FOREIGN KEY (run_id) REFERENCES payment_runs (id),
  CONSTRAINT fk_run_item_payable FOREIGN KEY (payable_id) REFERENCES payables (id)
) ENGINE=InnoDB;

-- Imported camt.053 statements, identified by account + statement id + date range (banks reuse
-- ids across years).
CREATE TABLE IF NOT EXISTS bank_statements (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  account_iban VARCHAR(34) NOT NULL,
  statement_id VARCHAR(35) NOT NULL,
  from_date DATE NOT NULL,
  to_date DATE NOT NULL,
  message_id VARCHAR(35) NOT NULL,
  opening_cents BIGINT NOT NULL,
  closing_cents BIGINT NOT NULL,
  file_sha256 CHAR(64) NOT NULL,
  imported_at DATETIME(6) NOT NULL,
  imported_by VARCHAR(120) NOT NULL,
  UNIQUE KEY uq_statement (account_iban, statement_id, from_date, to_date)
) ENGINE=InnoDB;

-- The statement's entries and what reconciliation made of them; unmatched and difference
-- entries form finance's work list until resolved by hand (audited).
CREATE TABLE IF NOT EXISTS bank_entries (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  statement_id BIGINT NOT NULL,
  seq INT NOT NULL,
  entry_ref VARCHAR(35) NULL,
  amount_cents BIGINT NOT NULL,
  credit TINYINT NOT NULL,
  booking_date DATE NULL,
  end_to_end_id VARCHAR(35) NULL,
  counterparty_iban VARCHAR(34) NULL,
  counterparty_name VARCHAR(140) NULL,
  return_reason VARCHAR(8) NULL,
  remittance VARCHAR(500) NULL,
  match_status VARCHAR(12) NOT NULL,
  match_reason VARCHAR(40) NULL,
  instruction_id BIGINT NULL,
  resolution VARCHAR(400) NULL,
  resolved_by VARCHAR(120) NULL,
  resolved_at DATETIME(6) NULL,
  UNIQUE KEY uq_entry_seq (statement_id, seq),
  KEY ix_entry_status (match_status),
  CONSTRAINT ck_entry_status CHECK (match_status IN ('booked','returned','difference','unmatched','resolved')),
  CONSTRAINT fk_entry_statement FOREIGN KEY (statement_id) REFERENCES bank_statements (id)
) ENGINE=InnoDB;
