-- Issue 17: what the current allocations still commit to a budget (the exhaustion report's
-- committed part) is kept per municipality, category, budget year and report date, summed per
-- district and team, and reused while nothing it depends on has changed.
--
-- It depends on the current allocations, their clients' places and the tariffs (contracting)
-- and on the accepted claim lines received by the report date (billing, through invoicing's
-- hooks). Each side counts its changes in its own table, in the transaction of the change:
--   commitment_basis_changes: one generation per paying municipality and category, raised by an
--     allocation written or retired; ('m', '*') by a client's move; ('*', '*') by a tariff;
--   commitment_line_changes: one generation per paying municipality, category and day of
--     receipt, raised when accepted claim lines are written or leave or enter 'accepted'.
-- A kept commitment records the sum of the generations it was computed from (each only grows,
-- so the sum changes when any does) and counts only while both sums are still the same.
CREATE TABLE IF NOT EXISTS commitment_basis_changes (
  municipality_code VARCHAR(4) NOT NULL,  -- '*': every municipality
  category VARCHAR(2) NOT NULL,           -- '*': every category
  generation BIGINT NOT NULL,
  PRIMARY KEY (municipality_code, category)
) ENGINE=InnoDB;

CREATE TABLE IF NOT EXISTS commitment_line_changes (
  municipality_code CHAR(4) NOT NULL,
  category CHAR(2) NOT NULL,
  received_on DATE NOT NULL,
  generation BIGINT NOT NULL,
  PRIMARY KEY (municipality_code, category, received_on)
) ENGINE=InnoDB;

-- One row per district and team of the clients with allocations in scope, and one marker row
-- (district_id = team_id = -1) that says the commitment of this key was computed.
CREATE TABLE IF NOT EXISTS budget_commitments (
  municipality_code CHAR(4) NOT NULL,
  category CHAR(2) NOT NULL,
  budget_year SMALLINT NOT NULL,
  report_date DATE NOT NULL,
  district_id BIGINT NOT NULL,
  team_id BIGINT NOT NULL,
  basis_version BIGINT NOT NULL,
  lines_version BIGINT NOT NULL,
  committed_cents BIGINT NOT NULL,
  allocations_counted BIGINT NOT NULL,
  allocations_without_tariff BIGINT NOT NULL,
  computed_at DATETIME NOT NULL,
  PRIMARY KEY (municipality_code, category, budget_year, report_date, district_id, team_id)
) ENGINE=InnoDB;

-- The accepted volumes in a cap window (from the Monday or first of the month of the day after
-- the report date to the year end) come from one short range of this index, ordered by period
-- instead of by allocation; a 'total' cap's whole validity is read per allocation through
-- ix_claim_allocation.
ALTER TABLE claim_lines
  DROP INDEX IF EXISTS ix_claim_budget_volume,
  ADD INDEX IF NOT EXISTS ix_claim_budget_window
    (municipality_code, category, status, period_begin, allocation_number, unit, received_on,
     credit, volume);
