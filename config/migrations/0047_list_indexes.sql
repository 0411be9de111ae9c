-- Issue 17: the run_id index of payment_instructions is redundant beside
-- ix_instruction_run_status (migration 0046), which serves the foreign key.
ALTER TABLE payment_instructions DROP INDEX IF EXISTS ix_instruction_run;
-- The decided review items of a municipality in due-date order are read in index order instead
-- of sorted (page 2 of the decided queue: 6.1 ms -> 0.5 ms at national scale).
ALTER TABLE review_items
  ADD INDEX IF NOT EXISTS ix_review_municipality_due (municipality_code, due_date, id, status);
