-- Issue 17: a provider statement's totals are read from indexes alone. Its payables were found
-- by ix_payable_provider (provider_id, due_date) and each was a primary-key lookup for its
-- creation time, municipality, status and amount; its payments started from the municipality's
-- payment runs and read every instruction of each run, filtered by provider. The first index
-- covers the payables' period totals, the second finds a provider's instructions per run and
-- covers their sums. InnoDB drops the index it made for fk_instruction_provider (provider_id)
-- by itself: the new one, led by provider_id, serves the foreign key.
ALTER TABLE payables
  ADD INDEX ix_payable_provider_created
    (provider_id, created_at, municipality_code, status, amount_cents);
ALTER TABLE payment_instructions
  ADD INDEX ix_instruction_provider_run (provider_id, run_id, status, amount_cents);
