-- Issue 17: a version per municipality and category of the kept budget figures (migration
-- 0042), so that a server process can reuse the figure parts it read before (the exhaustion
-- report's and the overview's accepted and paid sums: two statements over about 2,000 rows for
-- a large municipality) for as long as none of those figures changed.
-- Every insert, update or delete of a figure row gives its municipality and category a new
-- version, in the statement, and so the transaction, that changes the figure, whoever writes it.
-- A version is UUID_SHORT(): unique on this server across restarts, databases and rolled-back
-- transactions, so a version once seen never comes back with other figures (a counter would: a
-- rolled-back raise, a restored backup or another database of the same name reach the same
-- number again). No row: no figure of that municipality and category was ever written.
-- The figures' key columns are never updated (their upserts change only the amounts), so the
-- update triggers give the new row's municipality and category a new version.
CREATE TABLE IF NOT EXISTS budget_figure_versions (
  municipality_code CHAR(4) NOT NULL,
  category CHAR(2) NOT NULL,
  version BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (municipality_code, category)
) ENGINE=InnoDB;

INSERT INTO budget_figure_versions (municipality_code, category, version)
SELECT municipality_code, category, UUID_SHORT() FROM
  (SELECT municipality_code, category FROM budget_claim_figures
   UNION SELECT municipality_code, category FROM budget_paid_figures) kept
ON DUPLICATE KEY UPDATE version = UUID_SHORT();

DROP TRIGGER IF EXISTS budget_claim_figures_insert;
CREATE TRIGGER budget_claim_figures_insert AFTER INSERT ON budget_claim_figures FOR EACH ROW
  INSERT INTO budget_figure_versions (municipality_code, category, version)
  VALUES (NEW.municipality_code, NEW.category, UUID_SHORT())
  ON DUPLICATE KEY UPDATE version = UUID_SHORT();

DROP TRIGGER IF EXISTS budget_claim_figures_update;
CREATE TRIGGER budget_claim_figures_update AFTER UPDATE ON budget_claim_figures FOR EACH ROW
  INSERT INTO budget_figure_versions (municipality_code, category, version)
  VALUES (NEW.municipality_code, NEW.category, UUID_SHORT())
  ON DUPLICATE KEY UPDATE version = UUID_SHORT();

DROP TRIGGER IF EXISTS budget_claim_figures_delete;
CREATE TRIGGER budget_claim_figures_delete AFTER DELETE ON budget_claim_figures FOR EACH ROW
  INSERT INTO budget_figure_versions (municipality_code, category, version)
  VALUES (OLD.municipality_code, OLD.category, UUID_SHORT())
  ON DUPLICATE KEY UPDATE version = UUID_SHORT();

DROP TRIGGER IF EXISTS budget_paid_figures_insert;
CREATE TRIGGER budget_paid_figures_insert AFTER INSERT ON budget_paid_figures FOR EACH ROW
  INSERT INTO budget_figure_versions (municipality_code, category, version)
  VALUES (NEW.municipality_code, NEW.category, UUID_SHORT())
  ON DUPLICATE KEY UPDATE version = UUID_SHORT();

DROP TRIGGER IF EXISTS budget_paid_figures_update;
CREATE TRIGGER budget_paid_figures_update AFTER UPDATE ON budget_paid_figures FOR EACH ROW
  INSERT INTO budget_figure_versions (municipality_code, category, version)
  VALUES (NEW.municipality_code, NEW.category, UUID_SHORT())
  ON DUPLICATE KEY UPDATE version = UUID_SHORT();

DROP TRIGGER IF EXISTS budget_paid_figures_delete;
CREATE TRIGGER budget_paid_figures_delete AFTER DELETE ON budget_paid_figures FOR EACH ROW
  INSERT INTO budget_figure_versions (municipality_code, category, version)
  VALUES (OLD.municipality_code, OLD.category, UUID_SHORT())
  ON DUPLICATE KEY UPDATE version = UUID_SHORT();
