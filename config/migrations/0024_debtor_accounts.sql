-- Issue 13 (S5), debtor accounts per municipality: a municipality may pay from several accounts,
-- one of them its default. A payment run may span several municipalities; each municipality's
-- payables are paid from one account of that municipality (payment_run_accounts), every
-- instruction records the municipality and account it pays from, and the run's pain.001 holds
-- one PmtInf per account. municipalities.debtor_* stays readable for now (the old endpoint
-- keeps it equal to the default account). Re-runnable (IF NOT EXISTS, guarded back-fills).
CREATE TABLE IF NOT EXISTS debtor_accounts (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  municipality_code CHAR(4) NOT NULL,
  iban VARCHAR(34) NOT NULL,
  bic VARCHAR(11) NULL,
  name VARCHAR(70) NOT NULL,
  label VARCHAR(70) NULL,
  is_default TINYINT NOT NULL DEFAULT 0,  -- one per municipality (kept by the application)
  active TINYINT NOT NULL DEFAULT 1,
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  UNIQUE KEY uq_debtor_iban (iban),
  KEY ix_debtor_municipality (municipality_code),
  CONSTRAINT fk_debtor_municipality FOREIGN KEY (municipality_code)
    REFERENCES municipalities (code),
  CONSTRAINT ck_debtor_flags CHECK (is_default IN (0, 1) AND active IN (0, 1))
) ENGINE=InnoDB;

-- Today's one account per municipality becomes its default (an IBAN already recorded, or a
-- municipality that has a default already, is left as it is).
INSERT IGNORE INTO debtor_accounts (municipality_code, iban, bic, name, is_default)
SELECT m.code, m.debtor_iban, m.debtor_bic, COALESCE(m.debtor_name, m.name), 1
  FROM municipalities m
 WHERE m.debtor_iban IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM debtor_accounts d WHERE d.municipality_code = m.code
                    AND d.is_default = 1);

-- Which municipality an instruction pays for and from which account.
ALTER TABLE payment_instructions
  ADD COLUMN IF NOT EXISTS municipality_code CHAR(4) NULL,
  ADD COLUMN IF NOT EXISTS debtor_account_id BIGINT NULL;

UPDATE payment_instructions i JOIN payment_runs r ON r.id = i.run_id
   SET i.municipality_code = r.municipality_code
 WHERE i.municipality_code IS NULL;

UPDATE payment_instructions i JOIN debtor_accounts d ON d.iban = i.debtor_iban
   SET i.debtor_account_id = d.id
 WHERE i.debtor_account_id IS NULL;

-- The municipalities a run pays for, and the account of each (NULL: an old run whose debtor
-- IBAN is no longer a recorded account).
CREATE TABLE IF NOT EXISTS payment_run_accounts (
  run_id BIGINT NOT NULL,
  municipality_code CHAR(4) NOT NULL,
  debtor_account_id BIGINT NULL,
  PRIMARY KEY (run_id, municipality_code),
  CONSTRAINT fk_run_account_run FOREIGN KEY (run_id) REFERENCES payment_runs (id),
  CONSTRAINT fk_run_account_municipality FOREIGN KEY (municipality_code)
    REFERENCES municipalities (code),
  CONSTRAINT fk_run_account_account FOREIGN KEY (debtor_account_id)
    REFERENCES debtor_accounts (id)
) ENGINE=InnoDB;

INSERT IGNORE INTO payment_run_accounts (run_id, municipality_code, debtor_account_id)
SELECT r.id, r.municipality_code,
       (SELECT MIN(i.debtor_account_id) FROM payment_instructions i WHERE i.run_id = r.id)
  FROM payment_runs r;
