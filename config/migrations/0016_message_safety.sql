-- iWmo OP003: no standard messages for a client when a professional judges the transfer of the
-- client's data a serious risk to the client's safety (e.g. a stay in a shelter). While
-- messages_withheld_since is set, no WMO301 is queued for the client; the professional's reason
-- is kept next to it (both or neither).
ALTER TABLE clients
  ADD COLUMN IF NOT EXISTS messages_withheld_since DATETIME(6) NULL,
  ADD COLUMN IF NOT EXISTS messages_withheld_reason VARCHAR(500) NULL;
ALTER TABLE clients DROP CONSTRAINT IF EXISTS ck_client_messages_withheld;
ALTER TABLE clients
  ADD CONSTRAINT ck_client_messages_withheld
    CHECK ((messages_withheld_since IS NULL) = (messages_withheld_reason IS NULL));
