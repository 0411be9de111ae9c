-- Issue 13 (S11), claw-back remainder: when a provider's claw-backs (negative payables) exceed
-- what a run owes it, the run settles its payables by offset (verrekening, no transfer), and at
-- approval a claw-back used only in part is split: the original keeps the used part and is
-- settled with the run; a new open payable of source_type 'remainder' (source_id and
-- split_from_id = the original) carries the rest into the next run, in the same municipality
-- and for the same provider. Re-runnable (IF NOT EXISTS); no back-fill: before this migration a
-- claw-back was never split and no payable was settled by offset alone.
--   split_from_id   the payable this remainder was split from (NULL otherwise)
--   offset_run_id   the approved run that settled this payable by offset, without a transfer
ALTER TABLE payables
  ADD COLUMN IF NOT EXISTS split_from_id BIGINT NULL,
  ADD COLUMN IF NOT EXISTS offset_run_id BIGINT NULL;

ALTER TABLE payables
  ADD CONSTRAINT fk_payable_split_from FOREIGN KEY IF NOT EXISTS (split_from_id)
    REFERENCES payables (id);

ALTER TABLE payables
  ADD CONSTRAINT fk_payable_offset_run FOREIGN KEY IF NOT EXISTS (offset_run_id)
    REFERENCES payment_runs (id);
