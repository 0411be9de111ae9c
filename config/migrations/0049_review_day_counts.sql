-- Issue 17: the review queue's counts kept per municipality, due date and status, so that a
-- page of the queue is counted and a deep page found without reading every item before it
-- (the decided queue of the largest municipality: about 40,000 index entries per call, twice).
-- Kept by the triggers below in the statement, and so the transaction, that inserts, decides
-- or deletes a review item, whoever writes it (the claim store, the review decisions, a bulk
-- load); the table always equals
--   SELECT COALESCE(municipality_code, ''), due_date, status, COUNT(*) FROM review_items
--   GROUP BY 1, 2, 3
-- (billing/store/review_queue_store.cpp reads it; tests/db/review_day_counts_test.cpp compares).
CREATE TABLE IF NOT EXISTS review_day_counts (
  municipality_code CHAR(4) NOT NULL,  -- '': an item whose line had none
  due_date DATE NOT NULL,
  status VARCHAR(24) NOT NULL,
  items BIGINT NOT NULL,
  PRIMARY KEY (municipality_code, status, due_date)
) ENGINE=InnoDB;

DELETE FROM review_day_counts;
INSERT INTO review_day_counts (municipality_code, due_date, status, items)
SELECT COALESCE(municipality_code, ''), due_date, status, COUNT(*) FROM review_items
 GROUP BY COALESCE(municipality_code, ''), due_date, status;

DROP TRIGGER IF EXISTS review_day_counts_insert;
CREATE TRIGGER review_day_counts_insert AFTER INSERT ON review_items FOR EACH ROW
  INSERT INTO review_day_counts (municipality_code, due_date, status, items)
  VALUES (COALESCE(NEW.municipality_code, ''), NEW.due_date, NEW.status, 1)
  ON DUPLICATE KEY UPDATE items = items + 1;

-- An update counts the item out of its old day and status, then (the trigger after it) into
-- its new ones; an update that changes neither leaves the counts as they were.
DROP TRIGGER IF EXISTS review_day_counts_update_out;
CREATE TRIGGER review_day_counts_update_out AFTER UPDATE ON review_items FOR EACH ROW
  UPDATE review_day_counts SET items = items - 1
   WHERE municipality_code = COALESCE(OLD.municipality_code, '') AND status = OLD.status
     AND due_date = OLD.due_date;

DROP TRIGGER IF EXISTS review_day_counts_update_in;
CREATE TRIGGER review_day_counts_update_in AFTER UPDATE ON review_items FOR EACH ROW
  FOLLOWS review_day_counts_update_out
  INSERT INTO review_day_counts (municipality_code, due_date, status, items)
  VALUES (COALESCE(NEW.municipality_code, ''), NEW.due_date, NEW.status, 1)
  ON DUPLICATE KEY UPDATE items = items + 1;

DROP TRIGGER IF EXISTS review_day_counts_delete;
CREATE TRIGGER review_day_counts_delete AFTER DELETE ON review_items FOR EACH ROW
  UPDATE review_day_counts SET items = items - 1
   WHERE municipality_code = COALESCE(OLD.municipality_code, '') AND status = OLD.status
     AND due_date = OLD.due_date;
