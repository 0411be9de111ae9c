-- Issue 17: the accepted use of a set of allocations (a review queue page's cap use, the
-- adjudication of a claim) is read from ix_claim_allocation alone. The index carried only
-- (allocation_number, period_begin, status), so each of a page's ~600 lines was a primary-key
-- lookup into a 10-million-row table: 160 ms when those pages were not in the buffer pool. The
-- added columns make the index cover the sum; its leading columns, and so every read that used
-- it, stay the same.
ALTER TABLE claim_lines
  DROP INDEX ix_claim_allocation,
  ADD INDEX ix_claim_allocation
    (allocation_number, period_begin, status, credit, credited, product_code, period_end, unit,
     volume);
