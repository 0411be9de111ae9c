-- Issue 13 (S4), the ledger per municipality: every journal belongs to the books of one
-- municipality (ledger_journals.municipality_code), so that Kampen's and Zwolle's books each
-- balance on their own and check-ledger checks each. The account keys stay as they are; a
-- line belongs to its journal's municipality. Re-runnable (IF NOT EXISTS, back-fills only fill
-- what is still empty), as MariaDB commits DDL implicitly.
--
-- Back-fill by the journal's source: declaration:N, claim-line:N (the municipality S2 gave
-- them), advance:N and settlement:N (the contract's), instruction:N (its payment run's),
-- bank-entry:N (the run of the transfer it was matched to, else the municipality whose debtor
-- account the statement is of), reallocation:N (its budgets'); anything else the first
-- municipality that is no region member.
--
-- Historic cross-paid transfers (before S3 a Zwolle run could pay a Kampen payable): the
-- payable's journal is in the owner's books and the transfer's in the payer's. For each such
-- transfer that was not returned (sent or booked) and each owing municipality, a balanced pair
-- of `intermunicipal` journals moves the amount between the two books (step 2 below):
--   payer's books: D intermunicipal:municipality:<owner> / C payable:provider:P
--   owner's books: D payable:provider:P / C intermunicipal:municipality:<payer>
-- so each book's payable account equals the open payables it owes, and the intermunicipal
-- accounts show what the payer paid for the owner. Should such a transfer still come back
-- after this migration, the pair is not reversed: check-ledger then names the provider in both
-- books, and finance corrects it by hand. List those transfers with:
--   SELECT i.id AS instruction_id, r.municipality_code AS paid_by, p.municipality_code AS owed_by,
--          i.provider_id, SUM(it.amount_cents) AS amount_cents, i.status
--     FROM payment_run_items it
--     JOIN payment_instructions i ON i.id = it.instruction_id
--     JOIN payment_runs r ON r.id = i.run_id
--     JOIN payables p ON p.id = it.payable_id
--    WHERE it.outcome IN ('paid', 'offset') AND i.status IN ('sent', 'booked')
--      AND p.municipality_code <> r.municipality_code
--    GROUP BY i.id, r.municipality_code, p.municipality_code, i.provider_id, i.status

ALTER TABLE ledger_journals ADD COLUMN IF NOT EXISTS municipality_code CHAR(4) NULL;

-- 1. Each journal's municipality, by its source.

UPDATE ledger_journals j
  JOIN declarations d ON d.id = CAST(SUBSTRING(j.source, 13) AS UNSIGNED)
   SET j.municipality_code = d.municipality_code
 WHERE j.municipality_code IS NULL AND j.source LIKE 'declaration:%';

UPDATE ledger_journals j
  JOIN claim_lines cl ON cl.id = CAST(SUBSTRING(j.source, 12) AS UNSIGNED)
   SET j.municipality_code = cl.municipality_code
 WHERE j.municipality_code IS NULL AND j.source LIKE 'claim-line:%';

UPDATE ledger_journals j
  JOIN advances a ON a.id = CAST(SUBSTRING(j.source, 9) AS UNSIGNED)
  JOIN contracts c ON c.id = a.contract_id
   SET j.municipality_code = c.municipality_code
 WHERE j.municipality_code IS NULL AND j.source LIKE 'advance:%';

UPDATE ledger_journals j
  JOIN settlements s ON s.id = CAST(SUBSTRING(j.source, 12) AS UNSIGNED)
  JOIN contracts c ON c.id = s.contract_id
   SET j.municipality_code = c.municipality_code
 WHERE j.municipality_code IS NULL AND j.source LIKE 'settlement:%';

UPDATE ledger_journals j
  JOIN payment_instructions i ON i.id = CAST(SUBSTRING(j.source, 13) AS UNSIGNED)
  JOIN payment_runs r ON r.id = i.run_id
   SET j.municipality_code = r.municipality_code
 WHERE j.municipality_code IS NULL AND j.source LIKE 'instruction:%';

UPDATE ledger_journals j
  JOIN bank_entries e ON e.id = CAST(SUBSTRING(j.source, 12) AS UNSIGNED)
  JOIN payment_instructions i ON i.id = e.instruction_id
  JOIN payment_runs r ON r.id = i.run_id
   SET j.municipality_code = r.municipality_code
 WHERE j.municipality_code IS NULL AND j.source LIKE 'bank-entry:%';

UPDATE ledger_journals j
  JOIN bank_entries e ON e.id = CAST(SUBSTRING(j.source, 12) AS UNSIGNED)
  JOIN bank_statements s ON s.id = e.statement_id
  JOIN municipalities m ON m.debtor_iban = s.account_iban
   SET j.municipality_code = m.code
 WHERE j.municipality_code IS NULL AND j.source LIKE 'bank-entry:%';

UPDATE ledger_journals j
  JOIN budget_reallocations br ON br.id = CAST(SUBSTRING(j.source, 14) AS UNSIGNED)
  JOIN budgets b ON b.id = br.from_budget_id
   SET j.municipality_code = b.municipality_code
 WHERE j.municipality_code IS NULL AND j.source LIKE 'reallocation:%';

UPDATE ledger_journals j
   SET j.municipality_code = (
       SELECT MIN(m.code) FROM municipalities m
        WHERE m.central_code IS NULL OR m.central_code = m.code)
 WHERE j.municipality_code IS NULL;

-- 2. Intermunicipal journals for historic cross-paid transfers (once: the sources are unique).
CREATE TEMPORARY TABLE IF NOT EXISTS tmp_cross_paid (
  instruction_id BIGINT NOT NULL, payer CHAR(4) NOT NULL, owner CHAR(4) NOT NULL,
  provider_id BIGINT NOT NULL, amount_cents BIGINT NOT NULL, entry_date DATE NOT NULL);
DELETE FROM tmp_cross_paid;
INSERT INTO tmp_cross_paid
SELECT i.id, r.municipality_code, p.municipality_code, i.provider_id, SUM(it.amount_cents),
       i.execution_date
  FROM payment_run_items it
  JOIN payment_instructions i ON i.id = it.instruction_id
  JOIN payment_runs r ON r.id = i.run_id
  JOIN payables p ON p.id = it.payable_id
 WHERE it.outcome IN ('paid', 'offset') AND i.status IN ('sent', 'booked')
   AND p.municipality_code <> r.municipality_code
 GROUP BY i.id, r.municipality_code, p.municipality_code, i.provider_id, i.execution_date
HAVING SUM(it.amount_cents) <> 0;

INSERT INTO ledger_journals (municipality_code, kind, source, entry_date, created_at, created_by)
SELECT x.payer, 'intermunicipal',
       CONCAT('migration:0025:instruction:', x.instruction_id, ':paid-for:', x.owner),
       x.entry_date, NOW(6), 'migration 0025'
  FROM tmp_cross_paid x
 WHERE NOT EXISTS (SELECT 1 FROM ledger_journals j WHERE j.kind = 'intermunicipal'
   AND j.source = CONCAT('migration:0025:instruction:', x.instruction_id, ':paid-for:', x.owner));

INSERT INTO ledger_journals (municipality_code, kind, source, entry_date, created_at, created_by)
SELECT x.owner, 'intermunicipal',
       CONCAT('migration:0025:instruction:', x.instruction_id, ':paid-by:', x.payer),
       x.entry_date, NOW(6), 'migration 0025'
  FROM tmp_cross_paid x
 WHERE NOT EXISTS (SELECT 1 FROM ledger_journals j WHERE j.kind = 'intermunicipal'
   AND j.source = CONCAT('migration:0025:instruction:', x.instruction_id, ':paid-by:', x.payer));

INSERT INTO ledger_lines (journal_id, account, amount_cents)
SELECT j.id,
       IF(k.n = 1, CONCAT('intermunicipal:municipality:', x.owner),
          CONCAT('payable:provider:', x.provider_id)),
       IF(k.n = 1, x.amount_cents, -x.amount_cents)
  FROM tmp_cross_paid x
  JOIN ledger_journals j ON j.kind = 'intermunicipal'
   AND j.source = CONCAT('migration:0025:instruction:', x.instruction_id, ':paid-for:', x.owner)
  JOIN (SELECT 1 AS n UNION ALL SELECT 2) k
 WHERE NOT EXISTS (SELECT 1 FROM ledger_lines l WHERE l.journal_id = j.id);

INSERT INTO ledger_lines (journal_id, account, amount_cents)
SELECT j.id,
       IF(k.n = 1, CONCAT('payable:provider:', x.provider_id),
          CONCAT('intermunicipal:municipality:', x.payer)),
       IF(k.n = 1, x.amount_cents, -x.amount_cents)
  FROM tmp_cross_paid x
  JOIN ledger_journals j ON j.kind = 'intermunicipal'
   AND j.source = CONCAT('migration:0025:instruction:', x.instruction_id, ':paid-by:', x.payer)
  JOIN (SELECT 1 AS n UNION ALL SELECT 2) k
 WHERE NOT EXISTS (SELECT 1 FROM ledger_lines l WHERE l.journal_id = j.id);

DROP TEMPORARY TABLE IF EXISTS tmp_cross_paid;

ALTER TABLE ledger_journals
  MODIFY municipality_code CHAR(4) NOT NULL,
  ADD CONSTRAINT fk_journal_municipality FOREIGN KEY IF NOT EXISTS (municipality_code)
    REFERENCES municipalities (code),
  ADD INDEX IF NOT EXISTS ix_journal_mun (municipality_code, id);
