-- Issue 13 (S1), the paying municipality: every granted product and every allocation version
-- names the municipality that pays for it. That is the client's own municipality, unless the
-- client's region has placed the product's category with a central municipality (Beschermd Wonen,
-- category 15, with the central municipality); then it is that central municipality. Contracts
-- list the municipalities they serve, and an allocation is priced on a contract serving its
-- paying municipality. Re-runnable (IF NOT EXISTS), as MariaDB commits DDL implicitly.

-- 1. The categories a region (named by its central municipality) has placed with a central
--    municipality.
CREATE TABLE IF NOT EXISTS regional_placements (
  region_code CHAR(4) NOT NULL,
  product_category CHAR(2) NOT NULL,
  central_code CHAR(4) NOT NULL,
  PRIMARY KEY (region_code, product_category),
  CONSTRAINT fk_placement_region FOREIGN KEY (region_code) REFERENCES municipalities (code),
  CONSTRAINT fk_placement_central FOREIGN KEY (central_code) REFERENCES municipalities (code)
) ENGINE=InnoDB;

-- Beschermd Wonen (category 15) lies with the central municipality of every existing region:
-- the statutory centrumgemeente (to be confirmed per region by the municipalities).
INSERT IGNORE INTO regional_placements (region_code, product_category, central_code)
SELECT DISTINCT m.central_code, '15', m.central_code
  FROM municipalities m
 WHERE m.central_code IS NOT NULL AND m.central_code <> m.code;

-- 2. The municipalities a contract serves. Until now a client's care was priced on a contract of
--    the client's municipality or of its central municipality; so a contract serves its own
--    municipality and, when that is a central municipality, every member of its region.
CREATE TABLE IF NOT EXISTS contract_municipalities (
  contract_id BIGINT NOT NULL,
  municipality_code CHAR(4) NOT NULL,
  PRIMARY KEY (contract_id, municipality_code),
  KEY ix_contract_municipality (municipality_code, contract_id),
  CONSTRAINT fk_served_contract FOREIGN KEY (contract_id) REFERENCES contracts (id),
  CONSTRAINT fk_served_municipality FOREIGN KEY (municipality_code) REFERENCES municipalities (code)
) ENGINE=InnoDB;

INSERT IGNORE INTO contract_municipalities (contract_id, municipality_code)
SELECT c.id, c.municipality_code FROM contracts c;
INSERT IGNORE INTO contract_municipalities (contract_id, municipality_code)
SELECT c.id, m.code FROM contracts c JOIN municipalities m ON m.central_code = c.municipality_code;

-- 3. The paying municipality of each granted product, then of each allocation version (a copy
--    of its grant's). Existing rows get the client's municipality, or the central municipality
--    that holds the product's category for the client's region.
ALTER TABLE granted_products ADD COLUMN IF NOT EXISTS paying_municipality_code CHAR(4) NULL;
ALTER TABLE allocations ADD COLUMN IF NOT EXISTS paying_municipality_code CHAR(4) NULL;

UPDATE granted_products g
  JOIN access_decisions d ON d.id = g.decision_id
  JOIN clients c ON c.id = d.client_id
  JOIN municipalities m ON m.code = c.municipality_code
  JOIN products p ON p.code = g.product_code
  LEFT JOIN regional_placements rp
    ON rp.region_code = COALESCE(m.central_code, m.code) AND rp.product_category = p.category
   SET g.paying_municipality_code = COALESCE(rp.central_code, c.municipality_code)
 WHERE g.paying_municipality_code IS NULL;

UPDATE allocations a
  JOIN granted_products g ON g.id = a.granted_product_id
   SET a.paying_municipality_code = g.paying_municipality_code
 WHERE a.paying_municipality_code IS NULL;

ALTER TABLE granted_products
  MODIFY paying_municipality_code CHAR(4) NOT NULL,
  ADD CONSTRAINT fk_granted_paying FOREIGN KEY IF NOT EXISTS (paying_municipality_code)
    REFERENCES municipalities (code);
ALTER TABLE allocations
  MODIFY paying_municipality_code CHAR(4) NOT NULL,
  ADD CONSTRAINT fk_allocation_paying FOREIGN KEY IF NOT EXISTS (paying_municipality_code)
    REFERENCES municipalities (code),
  ADD INDEX IF NOT EXISTS ix_allocation_paying (paying_municipality_code, is_current);
