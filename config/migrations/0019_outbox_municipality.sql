-- Issue 13 (S6), the sender of what we send: a WMO301 comes from the municipality that pays the
-- allocations it carries (allocations.paying_municipality_code), no longer always from the
-- client's municipality. A Kampen client's household help goes out from Kampen and the same
-- client's Beschermd Wonen, placed with Zwolle, from Zwolle: two WMO301s for one provider. Every
-- queued message records its sending municipality (its Afzender). Re-runnable (IF NOT EXISTS,
-- guarded updates), as MariaDB commits DDL implicitly.
ALTER TABLE outbox_messages ADD COLUMN IF NOT EXISTS municipality_code CHAR(4) NULL AFTER provider_id;

-- Existing messages: what was sent, the Afzender in the message's Header (our gemeentecode in
-- WMO301, WMO319 and WMO325 alike; the Header opens the message), when it is a municipality of
-- ours. A code that is not stays without one (the foreign key below).
UPDATE outbox_messages o
  JOIN municipalities m
    ON m.code = REGEXP_SUBSTR(LEFT(o.xml, 4000), '(?<=:Afzender>)[0-9]{4}(?=</)')
   SET o.municipality_code = m.code
 WHERE o.municipality_code IS NULL;

-- Not expected, but should a Header have no Afzender (REGEXP_SUBSTR gives ''): a WMO301 went
-- out from the client's municipality, a WMO319 from the municipality the provider's request was
-- sent to.
UPDATE outbox_messages o
  JOIN clients c ON c.id = o.client_id
   SET o.municipality_code = c.municipality_code
 WHERE o.municipality_code IS NULL AND o.message_code = '414'
   AND REGEXP_SUBSTR(LEFT(o.xml, 4000), '(?<=:Afzender>)[0-9]{4}(?=</)') = '';
UPDATE outbox_messages o
  JOIN allocation_requests r ON r.id = o.request_id
   SET o.municipality_code = r.municipality_code
 WHERE o.municipality_code IS NULL AND o.message_code = '482'
   AND REGEXP_SUBSTR(LEFT(o.xml, 4000), '(?<=:Afzender>)[0-9]{4}(?=</)') = '';

-- The rows left without a municipality:
--   SELECT id, message_code, identificatie FROM outbox_messages WHERE municipality_code IS NULL;
ALTER TABLE outbox_messages
  ADD CONSTRAINT fk_outbox_municipality FOREIGN KEY IF NOT EXISTS (municipality_code)
    REFERENCES municipalities (code),
  ADD INDEX IF NOT EXISTS ix_outbox_municipality (municipality_code, created_at);
