-- Issue 15: a provider's bank accounts over time (bankrekeninghistorie). A finance user proposes
-- a new account (IBAN, account holder, valid from a date); another finance user approves or
-- rejects it (four eyes). A payment run pays each provider the approved account with the latest
-- valid_from on or before the run's execution date (invoicing/store/payment_run_store.cpp);
-- providers.iban stays the account given at registration and is used only for a provider that
-- has no approved entry valid on that date (one registered after this migration and never
-- changed). The current IBAN of every provider becomes its first entry, valid from the day the
-- provider was recorded. Re-runnable.
CREATE TABLE IF NOT EXISTS provider_bank_accounts (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  provider_id BIGINT NOT NULL,
  iban VARCHAR(34) NOT NULL,
  holder_name VARCHAR(70) NOT NULL,
  valid_from DATE NOT NULL,
  status VARCHAR(10) NOT NULL,
  proposed_by VARCHAR(100) NOT NULL,
  proposed_at DATETIME(6) NOT NULL,
  decided_by VARCHAR(100) NULL,
  decided_at DATETIME(6) NULL,
  decision_reason VARCHAR(400) NULL,
  CONSTRAINT fk_provider_bank_accounts_provider FOREIGN KEY (provider_id) REFERENCES providers (id),
  CONSTRAINT ck_provider_bank_account_status CHECK (status IN ('proposed', 'approved', 'rejected')),
  CONSTRAINT ck_provider_bank_account_decided CHECK ((status = 'proposed') = (decided_at IS NULL)),
  KEY ix_provider_bank_accounts_valid (provider_id, status, valid_from)
) ENGINE=InnoDB;

INSERT INTO provider_bank_accounts (provider_id, iban, holder_name, valid_from, status,
                                    proposed_by, proposed_at, decided_by, decided_at)
SELECT p.id, p.iban, LEFT(p.name, 70), DATE(p.created_at), 'approved', 'migration:0039',
       p.created_at, 'migration:0039', p.created_at
FROM providers p
WHERE NOT EXISTS (SELECT 1 FROM provider_bank_accounts b WHERE b.provider_id = p.id);

-- Issue 15: a budget's amount set or corrected by finance (an "Unbudgeted …" budget that a claim
-- created with 0, or any budget), never below what the year already realised (paid + accepted,
-- BUDGET_BELOW_REALISED). Each change is a row of its own, with the amounts before and after and
-- the reason; budgets.amount_cents holds the result (invoicing/app/budget_amounts.cpp).
CREATE TABLE IF NOT EXISTS budget_amount_changes (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  budget_id BIGINT NOT NULL,
  before_cents BIGINT NOT NULL,
  after_cents BIGINT NOT NULL,
  reason VARCHAR(400) NOT NULL,
  changed_by VARCHAR(100) NOT NULL,
  changed_at DATETIME(6) NOT NULL,
  CONSTRAINT fk_budget_amount_changes_budget FOREIGN KEY (budget_id) REFERENCES budgets (id),
  CONSTRAINT ck_budget_amount_after CHECK (after_cents >= 0),
  KEY ix_budget_amount_changes_budget (budget_id, id)
) ENGINE=InnoDB;
