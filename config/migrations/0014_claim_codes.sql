-- Every applicable retourcode of a claim line (issue 11): the WMO325 lists them all, in the
-- order of the rule table, separated by spaces. `code` keeps the deciding one.
ALTER TABLE claim_lines ADD COLUMN codes VARCHAR(64) NULL AFTER code;
UPDATE claim_lines SET codes = code WHERE codes IS NULL;

-- A line refused with 8021 among its codes (not necessarily the first) is not a first use of
-- its ReferentieNummer (migration 0011).
ALTER TABLE claim_lines DROP INDEX uq_claim_first_use;
ALTER TABLE claim_lines DROP COLUMN first_use_reference;
ALTER TABLE claim_lines
  ADD COLUMN first_use_reference VARCHAR(20)
    AS (IF(code = '8021' OR CONCAT(' ', codes, ' ') LIKE '% 8021 %', NULL, reference)) PERSISTENT,
  ADD UNIQUE KEY uq_claim_first_use (provider_id, first_use_reference);

-- A review decided after the WMO325 had answered its line as not accepted (escalated on the due
-- date) closes as answered_not_accepted: the answer stands and nothing is paid.
ALTER TABLE review_items DROP CONSTRAINT ck_review_status;
ALTER TABLE review_items MODIFY status VARCHAR(24) NOT NULL;
ALTER TABLE review_items ADD CONSTRAINT ck_review_status
  CHECK (status IN ('open','accepted','rejected','answered_not_accepted'));
