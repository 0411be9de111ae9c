-- Issue 17: the budget figures' versions (migration 0051) one per municipality, category AND
-- figure table. With one version row per municipality and category, every transaction that
-- changed a figure held that row until it committed, so a declaration's intake (claim figures)
-- waited for a bank statement's booking (paid figures) of the same municipality and category,
-- which never shared a row before. Now the claim figures' writers and the paid figures' writers
-- raise different rows, as their figure rows were already different; a report reads both.
-- figures: 'claim' (budget_claim_figures) or 'paid' (budget_paid_figures).
DROP TABLE IF EXISTS budget_figure_versions;
CREATE TABLE budget_figure_versions (
  municipality_code CHAR(4) NOT NULL,
  category CHAR(2) NOT NULL,
  figures VARCHAR(5) NOT NULL,
  version BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (municipality_code, category, figures),
  CONSTRAINT ck_figure_versions_figures CHECK (figures IN ('claim', 'paid'))
) ENGINE=InnoDB;

INSERT INTO budget_figure_versions (municipality_code, category, figures, version)
SELECT DISTINCT municipality_code, category, 'claim', UUID_SHORT() FROM budget_claim_figures
ON DUPLICATE KEY UPDATE version = UUID_SHORT();
INSERT INTO budget_figure_versions (municipality_code, category, figures, version)
SELECT DISTINCT municipality_code, category, 'paid', UUID_SHORT() FROM budget_paid_figures
ON DUPLICATE KEY UPDATE version = UUID_SHORT();

DROP TRIGGER IF EXISTS budget_claim_figures_insert;
CREATE TRIGGER budget_claim_figures_insert AFTER INSERT ON budget_claim_figures FOR EACH ROW
  INSERT INTO budget_figure_versions (municipality_code, category, figures, version)
  VALUES (NEW.municipality_code, NEW.category, 'claim', UUID_SHORT())
  ON DUPLICATE KEY UPDATE version = UUID_SHORT();

DROP TRIGGER IF EXISTS budget_claim_figures_update;
CREATE TRIGGER budget_claim_figures_update AFTER UPDATE ON budget_claim_figures FOR EACH ROW
  INSERT INTO budget_figure_versions (municipality_code, category, figures, version)
  VALUES (NEW.municipality_code, NEW.category, 'claim', UUID_SHORT())
  ON DUPLICATE KEY UPDATE version = UUID_SHORT();

DROP TRIGGER IF EXISTS budget_claim_figures_delete;
CREATE TRIGGER budget_claim_figures_delete AFTER DELETE ON budget_claim_figures FOR EACH ROW
  INSERT INTO budget_figure_versions (municipality_code, category, figures, version)
  VALUES (OLD.municipality_code, OLD.category, 'claim', UUID_SHORT())
  ON DUPLICATE KEY UPDATE version = UUID_SHORT();

DROP TRIGGER IF EXISTS budget_paid_figures_insert;
CREATE TRIGGER budget_paid_figures_insert AFTER INSERT ON budget_paid_figures FOR EACH ROW
  INSERT INTO budget_figure_versions (municipality_code, category, figures, version)
  VALUES (NEW.municipality_code, NEW.category, 'paid', UUID_SHORT())
  ON DUPLICATE KEY UPDATE version = UUID_SHORT();

DROP TRIGGER IF EXISTS budget_paid_figures_update;
CREATE TRIGGER budget_paid_figures_update AFTER UPDATE ON budget_paid_figures FOR EACH ROW
  INSERT INTO budget_figure_versions (municipality_code, category, figures, version)
  VALUES (NEW.municipality_code, NEW.category, 'paid', UUID_SHORT())
  ON DUPLICATE KEY UPDATE version = UUID_SHORT();

DROP TRIGGER IF EXISTS budget_paid_figures_delete;
CREATE TRIGGER budget_paid_figures_delete AFTER DELETE ON budget_paid_figures FOR EACH ROW
  INSERT INTO budget_figure_versions (municipality_code, category, figures, version)
  VALUES (OLD.municipality_code, OLD.category, 'paid', UUID_SHORT())
  ON DUPLICATE KEY UPDATE version = UUID_SHORT();
