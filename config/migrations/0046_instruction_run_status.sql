-- Issue 17: the payment-run list counts each run's instructions per status (sent, booked,
-- returned) for every run on its page; with the status in the index those counts read the index
-- alone (33 ms -> 1.6 ms for a page of 50 runs of the largest municipality at national scale).
ALTER TABLE payment_instructions
  ADD INDEX IF NOT EXISTS ix_instruction_run_status (run_id, status);
