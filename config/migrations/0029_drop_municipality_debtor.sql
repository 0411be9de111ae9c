-- Issue 13 (S15): a municipality's debtor accounts live in debtor_accounts (0024: several per
-- municipality, one of them the default). The single account on the municipality, kept in step
-- with the default since 0024, is read by nothing any more and is dropped so that there is one
-- source of truth. Its values were copied into debtor_accounts by 0024.
ALTER TABLE municipalities
  DROP COLUMN IF EXISTS debtor_iban,
  DROP COLUMN IF EXISTS debtor_bic,
  DROP COLUMN IF EXISTS debtor_name;
