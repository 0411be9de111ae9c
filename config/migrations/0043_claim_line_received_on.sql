-- Issue 17: the reads that grow with the claim lines get indexes that answer them by range.
-- A claim line carries its declaration's day of receipt (received_on, written with the line), so
-- that a budget's accepted volumes per allocation (the exhaustion report's committed) are read
-- from one index range of the municipality, category and status, without visiting the
-- declarations: ix_claim_budget_volume covers that statement.
ALTER TABLE claim_lines ADD COLUMN IF NOT EXISTS received_on DATE NULL;
UPDATE claim_lines cl JOIN declarations dc ON dc.id = cl.declaration_id
   SET cl.received_on = DATE(dc.received_at)
 WHERE cl.received_on IS NULL;
ALTER TABLE claim_lines
  ADD INDEX IF NOT EXISTS ix_claim_budget_volume
    (municipality_code, category, status, allocation_number, unit, period_begin, received_on,
     credit, volume);
-- A bank booking or return finds its transfer's payables by instruction.
ALTER TABLE payables ADD INDEX IF NOT EXISTS ix_payable_instruction (instruction_id);
