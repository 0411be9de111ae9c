-- Issue 17: budget figures kept current instead of summed from every claim line on each report.
-- budget_claim_figures: the net amount (a credit counts negative) and number of claim lines per
-- budget scope (the paying municipality, the product category, the client's district and team;
-- 0 when the client has none), status, service month (the month the line's period begins) and
-- day of receipt. budget_paid_figures: of the accepted lines, the net amount whose payable (the
-- line's review payable, else its declaration's) the bank booked or a payment run offset, per
-- scope, service month and day of payment (never before the day of receipt).
-- Kept by invoicing/store/budget_figures_store.cpp in the transaction that writes the claim
-- line, decides its review, pays or returns its payable or moves its client; that file holds the
-- full recomputation which `zorgcontract check-budget-figures` compares them with. A line
-- counts only when its allocation's client is known (as the budget reports always did).
CREATE TABLE IF NOT EXISTS budget_claim_figures (
  municipality_code CHAR(4) NOT NULL,
  category CHAR(2) NOT NULL,
  status VARCHAR(10) NOT NULL,
  service_month DATE NOT NULL,
  received_on DATE NOT NULL,
  district_id BIGINT NOT NULL,
  team_id BIGINT NOT NULL,
  amount_cents BIGINT NOT NULL,
  line_count BIGINT NOT NULL,
  PRIMARY KEY (municipality_code, category, status, service_month, received_on, district_id,
               team_id)
) ENGINE=InnoDB;

CREATE TABLE IF NOT EXISTS budget_paid_figures (
  municipality_code CHAR(4) NOT NULL,
  category CHAR(2) NOT NULL,
  service_month DATE NOT NULL,
  paid_on DATE NOT NULL,
  district_id BIGINT NOT NULL,
  team_id BIGINT NOT NULL,
  amount_cents BIGINT NOT NULL,
  PRIMARY KEY (municipality_code, category, service_month, paid_on, district_id, team_id)
) ENGINE=InnoDB;

-- The figures of what is stored already (the same recomputation as the check command's).
DELETE FROM budget_claim_figures;
INSERT INTO budget_claim_figures (municipality_code, category, status, service_month, received_on,
                                  district_id, team_id, amount_cents, line_count)
SELECT cl.municipality_code, cl.category, cl.status,
       cl.period_begin - INTERVAL (DAYOFMONTH(cl.period_begin) - 1) DAY, DATE(dc.received_at),
       COALESCE(c.district_id, 0), COALESCE(c.team_id, 0),
       SUM(IF(cl.credit = 1, -cl.amount_cents, cl.amount_cents)), COUNT(*)
  FROM claim_lines cl JOIN declarations dc ON dc.id = cl.declaration_id
  JOIN allocations a ON a.number = cl.allocation_number AND a.is_current = 1
  JOIN clients c ON c.id = a.client_id
 WHERE cl.municipality_code IS NOT NULL
 GROUP BY 1, 2, 3, 4, 5, 6, 7;

DELETE FROM budget_paid_figures;
INSERT INTO budget_paid_figures (municipality_code, category, service_month, paid_on, district_id,
                                 team_id, amount_cents)
SELECT municipality_code, category, service_month, paid_on, district_id, team_id, SUM(amount)
  FROM (SELECT cl.municipality_code, cl.category,
               cl.period_begin - INTERVAL (DAYOFMONTH(cl.period_begin) - 1) DAY AS service_month,
               GREATEST(DATE(p.paid_at), DATE(dc.received_at)) AS paid_on,
               COALESCE(c.district_id, 0) AS district_id, COALESCE(c.team_id, 0) AS team_id,
               IF(cl.credit = 1, -cl.amount_cents, cl.amount_cents) AS amount
          FROM claim_lines cl JOIN declarations dc ON dc.id = cl.declaration_id
          JOIN allocations a ON a.number = cl.allocation_number AND a.is_current = 1
          JOIN clients c ON c.id = a.client_id
          JOIN payables p ON p.source_type = 'review' AND p.source_id = cl.id
         WHERE cl.status = 'accepted' AND cl.municipality_code IS NOT NULL
           AND p.status = 'paid'
        UNION ALL
        SELECT cl.municipality_code, cl.category,
               cl.period_begin - INTERVAL (DAYOFMONTH(cl.period_begin) - 1) DAY,
               GREATEST(DATE(p.paid_at), DATE(dc.received_at)),
               COALESCE(c.district_id, 0), COALESCE(c.team_id, 0),
               IF(cl.credit = 1, -cl.amount_cents, cl.amount_cents)
          FROM claim_lines cl JOIN declarations dc ON dc.id = cl.declaration_id
          JOIN allocations a ON a.number = cl.allocation_number AND a.is_current = 1
          JOIN clients c ON c.id = a.client_id
          JOIN payables p ON p.source_type = 'declaration' AND p.source_id = cl.declaration_id
         WHERE cl.status = 'accepted' AND cl.municipality_code IS NOT NULL
           AND p.status = 'paid' AND NOT EXISTS (SELECT 1 FROM payables r
                 WHERE r.source_type = 'review' AND r.source_id = cl.id)) paid
 GROUP BY 1, 2, 3, 4, 5, 6;
