-- Issue 13 (S13), performance indicators have a kind: a count (dagdelen, clients), a percentage
-- (in hundredths: 8250 = 82.50 %) or an amount (cents); and a year is made of its quarters by
-- its aggregation: sum, mean (of the quarters reported) or last (the last quarter reported, for
-- e.g. unique clients reported year-to-date). Re-runnable (IF NOT EXISTS, guarded updates).

ALTER TABLE performance_agreements
  ADD COLUMN IF NOT EXISTS kind VARCHAR(12) NOT NULL DEFAULT 'count',
  ADD COLUMN IF NOT EXISTS aggregation VARCHAR(12) NOT NULL DEFAULT 'sum';

ALTER TABLE performance_agreements
  ADD CONSTRAINT IF NOT EXISTS ck_agreement_kind CHECK (kind IN ('count','percentage','amount')),
  ADD CONSTRAINT IF NOT EXISTS ck_agreement_aggregation
    CHECK (aggregation IN ('sum','mean','last')),
  ADD CONSTRAINT IF NOT EXISTS ck_agreement_percentage_not_summed
    CHECK (kind <> 'percentage' OR aggregation <> 'sum');

-- Existing agreements stay count/sum (today's result; stored settlements keep their figures),
-- except those whose unit says they are a percentage in whole percents: they become percentages
-- in hundredths, averaged over their quarters, with their target and reports converted. One
-- transaction, guarded by kind = 'count', so a second run changes nothing.
-- Agreements that stay summed although they count unique clients are listed by:
--   SELECT contract_id, id, indicator, unit FROM performance_agreements
--    WHERE kind = 'count' AND aggregation = 'sum' AND LOWER(indicator) LIKE '%client%';
CREATE TABLE IF NOT EXISTS migration_0023_percentages (agreement_id BIGINT PRIMARY KEY)
  ENGINE=InnoDB;
START TRANSACTION;
INSERT IGNORE INTO migration_0023_percentages (agreement_id)
SELECT a.id FROM performance_agreements a
 WHERE a.kind = 'count' AND LOWER(TRIM(a.unit)) IN ('percent', 'procent', '%', 'percentage')
   AND a.target BETWEEN 1 AND 100
   AND NOT EXISTS (SELECT 1 FROM realisation_reports r
                    WHERE r.agreement_id = a.id AND r.realised > 100);
UPDATE realisation_reports r
  JOIN migration_0023_percentages m ON m.agreement_id = r.agreement_id
  JOIN performance_agreements a ON a.id = r.agreement_id
   SET r.realised = r.realised * 100
 WHERE a.kind = 'count';
UPDATE performance_agreements a
  JOIN migration_0023_percentages m ON m.agreement_id = a.id
   SET a.kind = 'percentage', a.aggregation = 'mean', a.target = a.target * 100
 WHERE a.kind = 'count';
COMMIT;
DROP TABLE IF EXISTS migration_0023_percentages;
