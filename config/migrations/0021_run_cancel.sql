-- Issue 13 (S11), cancelling a prepared payment run: who cancelled it, when and why (the run's
-- status becomes 'cancelled', its instructions too; its payables were never taken out of
-- 'open', so the next run pays them). Re-runnable (IF NOT EXISTS); no back-fill: no run was
-- cancelled before.
ALTER TABLE payment_runs
  ADD COLUMN IF NOT EXISTS cancelled_by VARCHAR(120) NULL,
  ADD COLUMN IF NOT EXISTS cancelled_at DATETIME(6) NULL,
  ADD COLUMN IF NOT EXISTS cancel_reason VARCHAR(400) NULL;
