-- Issue 13 (S10), statement chaining: consecutive camt.053 statements of one account must chain.
-- A statement's opening balance equals the closing balance of the account's previous statement
-- (ordered by from_date, then import order), and no working day lies between the two. A gap or
-- a mismatch is a work-list item until finance resolves it with a reason (audited).
-- chain_status: unchecked (never), first (the account's first statement), ok, gap, mismatch.
-- Re-runnable (IF NOT EXISTS, guarded back-fill), as MariaDB commits DDL implicitly.
ALTER TABLE bank_statements
  ADD COLUMN IF NOT EXISTS previous_id BIGINT NULL,
  ADD COLUMN IF NOT EXISTS chain_status VARCHAR(10) NOT NULL DEFAULT 'unchecked',
  ADD COLUMN IF NOT EXISTS chain_detail VARCHAR(400) NULL,
  ADD COLUMN IF NOT EXISTS chain_resolution VARCHAR(400) NULL,
  ADD COLUMN IF NOT EXISTS chain_resolved_by VARCHAR(120) NULL,
  ADD COLUMN IF NOT EXISTS chain_resolved_at DATETIME(6) NULL,
  ADD INDEX IF NOT EXISTS ix_statement_chain (account_iban, from_date, id),
  ADD INDEX IF NOT EXISTS ix_statement_chain_status (chain_status);
ALTER TABLE bank_statements DROP CONSTRAINT IF EXISTS ck_statement_chain;
ALTER TABLE bank_statements
  ADD CONSTRAINT ck_statement_chain
    CHECK (chain_status IN ('unchecked','first','ok','gap','mismatch'));
ALTER TABLE bank_statements
  ADD CONSTRAINT fk_statement_previous FOREIGN KEY IF NOT EXISTS (previous_id)
    REFERENCES bank_statements (id);

-- Back-fill the statements imported before: each one against its predecessor of the same
-- account. A mismatch when the balances differ; a gap when a weekday lies strictly between the
-- predecessor's last day and this one's first (public holidays are not known here, so a gap over
-- a holiday is listed and finance resolves it). Only statements never checked are touched.
UPDATE bank_statements s
  JOIN (SELECT id,
               LAG(id) OVER (PARTITION BY account_iban ORDER BY from_date, id) AS prev_id
          FROM bank_statements) o ON o.id = s.id
  LEFT JOIN bank_statements p ON p.id = o.prev_id
   SET s.previous_id = p.id,
       s.chain_status = CASE
         WHEN p.id IS NULL THEN 'first'
         WHEN s.opening_cents <> p.closing_cents THEN 'mismatch'
         WHEN DATEDIFF(s.from_date, p.to_date) - 1 >= 3
           OR (DATEDIFF(s.from_date, p.to_date) - 1 >= 1
               AND WEEKDAY(DATE_ADD(p.to_date, INTERVAL 1 DAY)) < 5)
           OR (DATEDIFF(s.from_date, p.to_date) - 1 >= 2
               AND WEEKDAY(DATE_ADD(p.to_date, INTERVAL 2 DAY)) < 5) THEN 'gap'
         ELSE 'ok' END,
       s.chain_detail = CASE
         WHEN p.id IS NULL THEN NULL
         WHEN s.opening_cents <> p.closing_cents THEN
           CONCAT('Opening balance ', s.opening_cents, ' cents differs from the closing balance ',
                  p.closing_cents, ' cents of statement ', p.statement_id, '.')
         ELSE CONCAT('Working days are missing between statement ', p.statement_id,
                     ' (to ', p.to_date, ') and this one (from ', s.from_date, ').') END
 WHERE s.chain_status = 'unchecked';
UPDATE bank_statements SET chain_detail = NULL WHERE chain_status = 'ok';
