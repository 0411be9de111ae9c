-- Issue 15: a line a cap rule rejected (9321, 9322) or held for review carries the rule's
-- numbers, so that the provider sees why: the cap counted (cap_scope: the cap windows its
-- period touches, the whole allocation or the access decision), the cap, what was accepted
-- before the line and what the line claimed, in the cap's counting unit (minutes for an hours
-- cap; cap_unit is the cap's own unit), and the days counted (first and last, inclusive; none for a decision). NULL on every
-- other line, and on lines adjudicated before this migration: their figures were not kept and
-- are not made up afterwards. Re-runnable. The columns are added in place (ALGORITHM=INSTANT
-- in MariaDB 10.11): a CHECK over them would copy a table of millions of lines, so the rule
-- "all figures or none" is kept by the one writer (billing/store/claim_line_store.cpp).
ALTER TABLE claim_lines
  ADD COLUMN IF NOT EXISTS cap_scope VARCHAR(10) NULL,
  ADD COLUMN IF NOT EXISTS cap_unit VARCHAR(16) NULL,
  ADD COLUMN IF NOT EXISTS cap_limit BIGINT NULL,
  ADD COLUMN IF NOT EXISTS cap_before BIGINT NULL,
  ADD COLUMN IF NOT EXISTS cap_claimed BIGINT NULL,
  ADD COLUMN IF NOT EXISTS cap_window_first DATE NULL,
  ADD COLUMN IF NOT EXISTS cap_window_last DATE NULL;

