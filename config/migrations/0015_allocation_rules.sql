-- Issue 11, allocations follow the business rules.
-- 1. A change that ends an allocation in the past or lowers a volume that already applied needs
--    the provider's consent first (OP186, OP298, OP299): who at the provider agreed and on which
--    day, recorded on the version it allowed (both or neither).
ALTER TABLE allocations
  ADD COLUMN IF NOT EXISTS consent_given_by VARCHAR(200) NULL,
  ADD COLUMN IF NOT EXISTS consent_given_on DATE NULL;
ALTER TABLE allocations DROP CONSTRAINT IF EXISTS ck_allocation_consent;
ALTER TABLE allocations
  ADD CONSTRAINT ck_allocation_consent
    CHECK ((consent_given_by IS NULL) = (consent_given_on IS NULL));

-- 2. Which allocation versions each WMO301 carried (OP087: a WMO301 carries the allocations valid
--    on or after its date plus those changed since the previous WMO301 to the provider).
CREATE TABLE IF NOT EXISTS wmo301_allocations (
  outbox_message_id BIGINT NOT NULL,
  allocation_id BIGINT NOT NULL,
  PRIMARY KEY (outbox_message_id, allocation_id),
  KEY ix_wmo301_allocation (allocation_id),
  CONSTRAINT fk_wmo301_outbox FOREIGN KEY (outbox_message_id) REFERENCES outbox_messages (id),
  CONSTRAINT fk_wmo301_allocation FOREIGN KEY (allocation_id) REFERENCES allocations (id)
) ENGINE=InnoDB;

-- Until now every WMO301 carried every current version of the client's allocations with the
-- provider: a version counts as sent when a WMO301 for that client and provider was queued at or
-- after it was made (in the same transaction, after the version).
INSERT IGNORE INTO wmo301_allocations (outbox_message_id, allocation_id)
SELECT (SELECT MIN(o.id) FROM outbox_messages o
         WHERE o.message_code = '414' AND o.client_id = a.client_id
           AND o.provider_id = a.provider_id AND o.created_at >= a.allocated_at),
       a.id
  FROM allocations a
 WHERE EXISTS (SELECT 1 FROM outbox_messages o
                WHERE o.message_code = '414' AND o.client_id = a.client_id
                  AND o.provider_id = a.provider_id AND o.created_at >= a.allocated_at);
