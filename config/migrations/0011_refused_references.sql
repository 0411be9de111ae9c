-- A prestatie refused with 8021 (its ReferentieNummer was used before) is stored as well, so that
-- the WMO325, which is built from the database, lists it. A provider's references stay unique
-- for every other line: first_use_reference is NULL for the 8021 lines, and NULLs never collide
-- in a unique key. Lookups of a reference use this key.
ALTER TABLE claim_lines
  ADD COLUMN IF NOT EXISTS first_use_reference VARCHAR(20)
    AS (IF(code = '8021', NULL, reference)) PERSISTENT,
  DROP INDEX IF EXISTS uq_claim_reference,
  ADD UNIQUE KEY IF NOT EXISTS uq_claim_first_use (provider_id, first_use_reference);
