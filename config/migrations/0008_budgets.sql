-- Budgets and monitoring (issue 4): yearly budgets per municipality, optionally per district or
-- team, per product category and financing kind, and reallocations between them with approval.
-- A budget with a team also records the team's district, so one dimension tuple names one
-- budget; the generated *_key columns make the unique key work with the NULL district or team.
CREATE TABLE budgets (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  year INT NOT NULL,
  municipality_code CHAR(4) NOT NULL,
  district_id BIGINT NULL,
  team_id BIGINT NULL,
  product_category CHAR(2) NOT NULL,
  financing_kind VARCHAR(6) NOT NULL,
  amount_cents BIGINT NOT NULL,
  name VARCHAR(200) NOT NULL,
  budget_holder_user_id BIGINT NULL,
  created_at DATETIME(6) NOT NULL,
  created_by VARCHAR(120) NOT NULL,
  district_key BIGINT AS (COALESCE(district_id, 0)) PERSISTENT,
  team_key BIGINT AS (COALESCE(team_id, 0)) PERSISTENT,
  UNIQUE KEY uq_budget_dimensions (year, municipality_code, district_key, team_key,
                                   product_category, financing_kind),
  CONSTRAINT ck_budget_year CHECK (year BETWEEN 2000 AND 2999),
  CONSTRAINT ck_budget_financing CHECK (financing_kind IN ('ZIN','budget','PGB')),
  CONSTRAINT ck_budget_amount CHECK (amount_cents >= 0),
  CONSTRAINT ck_budget_team_district CHECK (team_id IS NULL OR district_id IS NOT NULL),
  CONSTRAINT fk_budget_municipality FOREIGN KEY (municipality_code) REFERENCES municipalities (code),
  CONSTRAINT fk_budget_district FOREIGN KEY (district_id) REFERENCES districts (id),
  CONSTRAINT fk_budget_team FOREIGN KEY (team_id) REFERENCES teams (id),
  CONSTRAINT fk_budget_holder FOREIGN KEY (budget_holder_user_id) REFERENCES users (id)
) ENGINE=InnoDB;

-- A reallocation is proposed by a budget holder and approved or rejected by finance (never the
-- same person). Only an approval changes the two budgets' amount_cents, in the same
-- transaction; the rows are the record of every such change and are never deleted.
CREATE TABLE budget_reallocations (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  from_budget_id BIGINT NOT NULL,
  to_budget_id BIGINT NOT NULL,
  amount_cents BIGINT NOT NULL,
  reason VARCHAR(2000) NOT NULL,
  status VARCHAR(10) NOT NULL,
  requested_by BIGINT NOT NULL,
  requested_at DATETIME(6) NOT NULL,
  decided_by BIGINT NULL,
  decided_at DATETIME(6) NULL,
  decision_reason VARCHAR(2000) NULL,
  KEY ix_reallocation_status (status, requested_at),
  CONSTRAINT ck_reallocation_status CHECK (status IN ('requested','approved','rejected')),
  CONSTRAINT ck_reallocation_amount CHECK (amount_cents > 0),
  CONSTRAINT ck_reallocation_budgets CHECK (from_budget_id <> to_budget_id),
  CONSTRAINT fk_reallocation_from FOREIGN KEY (from_budget_id) REFERENCES budgets (id),
  CONSTRAINT fk_reallocation_to FOREIGN KEY (to_budget_id) REFERENCES budgets (id)
) ENGINE=InnoDB;
