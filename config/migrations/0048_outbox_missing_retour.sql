-- Issue 17: the missing-retours list (messages we sent whose retour is overdue) read every row of
-- outbox_messages, which keeps every message ever sent. This index answers it by range: the rows
-- without a retour, by due date (and id, the list's order).
ALTER TABLE outbox_messages
  ADD INDEX IF NOT EXISTS ix_outbox_missing_retour (retour_received_at, retour_due);
