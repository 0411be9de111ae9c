-- Issue 17: the review queue is filtered by the municipality that owes the line and by
-- provider, counted and sorted by due date without visiting each item's claim line: a review
-- item carries its line's municipality and provider (written with the item), and the queue's
-- pages and counts are ranges of these indexes.
ALTER TABLE review_items
  ADD COLUMN IF NOT EXISTS municipality_code CHAR(4) NULL,
  ADD COLUMN IF NOT EXISTS provider_id BIGINT NULL;
UPDATE review_items v JOIN claim_lines l ON l.id = v.claim_line_id
   SET v.municipality_code = l.municipality_code, v.provider_id = l.provider_id
 WHERE v.provider_id IS NULL;
ALTER TABLE review_items
  ADD INDEX IF NOT EXISTS ix_review_municipality (municipality_code, status, due_date, id),
  ADD INDEX IF NOT EXISTS ix_review_provider (provider_id, status, due_date, id);
-- The exhaustion report's current allocations of a paying municipality and product category:
-- a range per product of the category instead of every current allocation the municipality pays.
ALTER TABLE allocations
  ADD INDEX IF NOT EXISTS ix_allocation_paying_product
    (paying_municipality_code, is_current, product_code, start_date);
