-- Issue 16, the chain through the Gemeentelijk Gegevensknooppunt (GGk): iWmo messages travel in
-- the StUF-GGk envelope (ggk_Di01 heenbericht, ggk_Du01 retourbericht, StUF Fo01 error).
-- Re-runnable (IF NOT EXISTS), as MariaDB commits DDL implicitly.

-- Which path a provider's messages take: 'direct' (our own mutual-TLS endpoint and outbox),
-- 'ggk' (the chain), or NULL = the configured default (ggk.default_path).
ALTER TABLE providers ADD COLUMN IF NOT EXISTS exchange_path VARCHAR(8) NULL;

-- The durable outbox to the GGk: one row per envelope we send. A message from the providers'
-- outbox (WMO301, 319, 325) is built into its envelope at the first attempt; a retour of a
-- message received through the chain (WMO306, 308, 316, 318) and an Fo01 are stored built. The
-- referentienummer is fixed when the row is made, so every retry carries the same one (the
-- receiver drops a second copy). States: queued -> delivered (the GGk answered Bv03) ->
-- acknowledged (the provider's retour arrived as a Du01); failed (an Fo01 from the chain, a
-- client fault, or the attempts ran out), with the code and text. The envelope text is sealed
-- (AES-GCM, as the message bodies): it carries the client's data base64-encoded.
CREATE TABLE IF NOT EXISTS chain_envelopes (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  referentienummer CHAR(36) NOT NULL,
  envelope_kind VARCHAR(4) NOT NULL,
  functie VARCHAR(20) NULL,
  provider_id BIGINT NULL,
  municipality_code CHAR(4) NULL,
  outbox_message_id BIGINT NULL,
  inbox_message_id BIGINT NULL,
  cross_refnummer CHAR(36) NULL,
  order_key VARCHAR(40) NULL,
  envelope LONGTEXT NULL,
  state VARCHAR(12) NOT NULL DEFAULT 'queued',
  attempts INT NOT NULL DEFAULT 0,
  next_attempt_at DATETIME(6) NOT NULL,
  lease_until DATETIME(6) NULL,
  last_error VARCHAR(400) NULL,
  created_at DATETIME(6) NOT NULL,
  delivered_at DATETIME(6) NULL,
  acknowledged_at DATETIME(6) NULL,
  failed_at DATETIME(6) NULL,
  fault_code VARCHAR(16) NULL,
  fault_text VARCHAR(1000) NULL,
  UNIQUE KEY uq_chain_referentienummer (referentienummer),
  UNIQUE KEY uq_chain_outbox (outbox_message_id),
  KEY ix_chain_due (state, next_attempt_at),
  KEY ix_chain_order (order_key, id),
  KEY ix_chain_inbox (inbox_message_id),
  KEY ix_chain_created (created_at),
  CONSTRAINT ck_chain_state CHECK (state IN ('queued','delivered','acknowledged','failed')),
  CONSTRAINT ck_chain_kind CHECK (envelope_kind IN ('Di01','Du01','Fo01')),
  CONSTRAINT fk_chain_outbox FOREIGN KEY (outbox_message_id) REFERENCES outbox_messages (id),
  CONSTRAINT fk_chain_provider FOREIGN KEY (provider_id) REFERENCES providers (id)
) ENGINE=InnoDB;

-- Every envelope the GGk delivered to us, once: the exactly-once key is the sender (zender
-- organisatie and applicatie) with the envelope's referentienummer. A second delivery of the
-- same envelope is answered Bv03 again and changes nothing. 'processing' until its effect and
-- answer are stored: a delivery that finds it so (the service died in between) finishes it.
CREATE TABLE IF NOT EXISTS chain_received (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  zender_organisatie VARCHAR(20) NOT NULL,
  zender_applicatie VARCHAR(50) NOT NULL,
  referentienummer CHAR(36) NOT NULL,
  envelope_kind VARCHAR(4) NOT NULL,
  functie VARCHAR(20) NULL,
  cross_refnummer CHAR(36) NULL,
  content_sha256 CHAR(64) NOT NULL,
  received_at DATETIME(6) NOT NULL,
  provider_id BIGINT NULL,
  inbox_message_id BIGINT NULL,
  outcome VARCHAR(16) NOT NULL DEFAULT 'processing',
  fault_code VARCHAR(16) NULL,
  fault_text VARCHAR(1000) NULL,
  UNIQUE KEY uq_chain_received (zender_organisatie, zender_applicatie, referentienummer),
  KEY ix_chain_received_inbox (inbox_message_id),
  KEY ix_chain_received_at (received_at),
  CONSTRAINT ck_chain_received_kind CHECK (envelope_kind IN ('Di01','Du01','Fo01'))
) ENGINE=InnoDB;

-- The iWmo message an envelope carried, by its own key (sender AGB, BerichtCode,
-- BerichtIdentificatie as in inbox_messages): known before the message is processed, so that a
-- retour made later (a WMO325 after review) finds the envelope it answers (its crossRefnummer).
ALTER TABLE chain_received
  ADD COLUMN IF NOT EXISTS iwmo_sender CHAR(8) NULL AFTER content_sha256,
  ADD COLUMN IF NOT EXISTS iwmo_code CHAR(3) NULL AFTER iwmo_sender,
  ADD COLUMN IF NOT EXISTS iwmo_identificatie VARCHAR(12) NULL AFTER iwmo_code,
  ADD INDEX IF NOT EXISTS ix_chain_received_iwmo (iwmo_sender, iwmo_code, iwmo_identificatie);
