-- Issue 13 (S2), the principal of every euro: a declaration is sent to one municipality (the
-- WMO323's Ontvanger), and its claim lines and the payables that follow from it belong to that
-- municipality. A payment run pays one municipality's payables (payables.municipality_code).
-- Re-runnable (IF NOT EXISTS, back-fills only fill what is still empty), as MariaDB commits DDL
-- implicitly.
--
-- Historic declarations whose lines span municipalities (a Zwolle declaration that claimed a
-- Kampen allocation before this check existed) keep the declaration's municipality on the
-- declaration and the allocation's on each line; list them with:
--   SELECT d.id, d.provider_id, d.declaratie_nummer, d.municipality_code,
--          GROUP_CONCAT(DISTINCT cl.municipality_code ORDER BY cl.municipality_code) AS lines_of
--     FROM declarations d JOIN claim_lines cl ON cl.declaration_id = d.id
--    GROUP BY d.id, d.provider_id, d.declaratie_nummer, d.municipality_code
--   HAVING COUNT(DISTINCT cl.municipality_code) > 1
--       OR MIN(cl.municipality_code) <> d.municipality_code

ALTER TABLE declarations ADD COLUMN IF NOT EXISTS municipality_code CHAR(4) NULL;
ALTER TABLE claim_lines ADD COLUMN IF NOT EXISTS municipality_code CHAR(4) NULL;
ALTER TABLE payables ADD COLUMN IF NOT EXISTS municipality_code CHAR(4) NULL;

-- 1. Declarations: the WMO323's Ontvanger as kept in message_head, when it is a known
--    municipality; else the paying municipality of the current allocation of its first line
--    that names one; else the municipality of the provider's first contract; else the first
--    municipality that is no region member (a provider without contracts has no allocations).
UPDATE declarations d
  JOIN municipalities m ON m.code = JSON_VALUE(d.message_head, '$.ontvanger')
   SET d.municipality_code = m.code
 WHERE d.municipality_code IS NULL AND d.message_head IS NOT NULL;

UPDATE declarations d
   SET d.municipality_code = (
       SELECT a.paying_municipality_code
         FROM claim_lines cl
         JOIN allocations a ON a.number = cl.allocation_number AND a.is_current = 1
        WHERE cl.declaration_id = d.id
        ORDER BY cl.id LIMIT 1)
 WHERE d.municipality_code IS NULL;

UPDATE declarations d
   SET d.municipality_code = (
       SELECT c.municipality_code FROM contracts c WHERE c.provider_id = d.provider_id
        ORDER BY c.id LIMIT 1)
 WHERE d.municipality_code IS NULL;

UPDATE declarations d
   SET d.municipality_code = (
       SELECT MIN(m.code) FROM municipalities m
        WHERE m.central_code IS NULL OR m.central_code = m.code)
 WHERE d.municipality_code IS NULL;

-- 2. Claim lines: the paying municipality of the line's current allocation; a line without
--    one (rejected with 9338) belongs to its declaration's municipality.
UPDATE claim_lines cl
  JOIN allocations a ON a.number = cl.allocation_number AND a.is_current = 1
   SET cl.municipality_code = a.paying_municipality_code
 WHERE cl.municipality_code IS NULL;

UPDATE claim_lines cl
  JOIN declarations d ON d.id = cl.declaration_id
   SET cl.municipality_code = d.municipality_code
 WHERE cl.municipality_code IS NULL;

-- 3. Payables, by what they are for: a declaration's; a reviewed claim line's; an advance's or
--    a settlement's (or claw-back's) contract's municipality.
UPDATE payables p
  JOIN declarations d ON d.id = p.source_id
   SET p.municipality_code = d.municipality_code
 WHERE p.municipality_code IS NULL AND p.source_type = 'declaration';

UPDATE payables p
  JOIN claim_lines cl ON cl.id = p.source_id
   SET p.municipality_code = cl.municipality_code
 WHERE p.municipality_code IS NULL AND p.source_type = 'review';

UPDATE payables p
  JOIN advances a ON a.id = p.source_id
  JOIN contracts c ON c.id = a.contract_id
   SET p.municipality_code = c.municipality_code
 WHERE p.municipality_code IS NULL AND p.source_type = 'advance';

UPDATE payables p
  JOIN settlements s ON s.id = p.source_id
  JOIN contracts c ON c.id = s.contract_id
   SET p.municipality_code = c.municipality_code
 WHERE p.municipality_code IS NULL AND p.source_type IN ('settlement', 'clawback');

-- Anything else (no source row left): the municipality of the provider's first contract.
UPDATE payables p
   SET p.municipality_code = (
       SELECT c.municipality_code FROM contracts c WHERE c.provider_id = p.provider_id
        ORDER BY c.id LIMIT 1)
 WHERE p.municipality_code IS NULL;

ALTER TABLE declarations
  MODIFY municipality_code CHAR(4) NOT NULL,
  ADD CONSTRAINT fk_declaration_municipality FOREIGN KEY IF NOT EXISTS (municipality_code)
    REFERENCES municipalities (code);
ALTER TABLE claim_lines
  MODIFY municipality_code CHAR(4) NOT NULL,
  ADD CONSTRAINT fk_claim_municipality FOREIGN KEY IF NOT EXISTS (municipality_code)
    REFERENCES municipalities (code);
ALTER TABLE payables
  MODIFY municipality_code CHAR(4) NOT NULL,
  ADD CONSTRAINT fk_payable_municipality FOREIGN KEY IF NOT EXISTS (municipality_code)
    REFERENCES municipalities (code),
  ADD INDEX IF NOT EXISTS ix_payable_mun_status (municipality_code, status, due_date);
