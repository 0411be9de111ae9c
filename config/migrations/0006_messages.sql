-- iWmo 3.2 message exchange: inbox (exactly once), outbox, care start/stop, request work queue.
CREATE TABLE inbox_messages (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  sender_agb CHAR(8) NOT NULL,
  provider_id BIGINT NOT NULL,
  message_code CHAR(3) NOT NULL,
  identificatie VARCHAR(12) NOT NULL,
  dagtekening DATE NOT NULL,
  content_sha256 CHAR(64) NOT NULL,
  received_at DATETIME(6) NOT NULL,
  outcome VARCHAR(16) NOT NULL,
  retour_code CHAR(3) NULL,
  retour_xml MEDIUMTEXT NULL,
  UNIQUE KEY uq_inbox_key (sender_agb, message_code, identificatie),
  KEY ix_inbox_provider (provider_id, received_at),
  CONSTRAINT fk_inbox_provider FOREIGN KEY (provider_id) REFERENCES providers (id)
) ENGINE=InnoDB;

CREATE TABLE outbox_messages (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  provider_id BIGINT NOT NULL,
  message_code CHAR(3) NOT NULL,
  identificatie VARCHAR(12) NOT NULL,
  client_id BIGINT NULL,
  request_id BIGINT NULL,
  xml MEDIUMTEXT NOT NULL,
  created_at DATETIME(6) NOT NULL,
  retour_due DATE NOT NULL,
  fetched_at DATETIME(6) NULL,
  acknowledged_at DATETIME(6) NULL,
  retour_received_at DATETIME(6) NULL,
  retour_codes VARCHAR(400) NULL,
  UNIQUE KEY uq_outbox_identificatie (message_code, identificatie),
  KEY ix_outbox_provider (provider_id, acknowledged_at),
  CONSTRAINT fk_outbox_provider FOREIGN KEY (provider_id) REFERENCES providers (id)
) ENGINE=InnoDB;

-- Sequence of our BerichtIdentificatie values (one row, locked per use).
CREATE TABLE message_sequence (
  id TINYINT NOT NULL PRIMARY KEY,
  last_value BIGINT NOT NULL
) ENGINE=InnoDB;
INSERT INTO message_sequence (id, last_value) VALUES (1, 0);

-- Start of care (WMO305) per allocation; a stop (WMO307) closes it, temporarily or definitively.
CREATE TABLE care_starts (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  allocation_number BIGINT NOT NULL,
  provider_id BIGINT NOT NULL,
  begin_date DATE NOT NULL,
  state VARCHAR(16) NOT NULL,
  stop_date DATE NULL,
  stop_reason CHAR(2) NULL,
  start_message_id BIGINT NOT NULL,
  stop_message_id BIGINT NULL,
  KEY ix_care_starts_allocation (allocation_number, begin_date),
  CONSTRAINT ck_care_state CHECK (state IN ('current','stopped_temporary','stopped','deleted'))
) ENGINE=InnoDB;

-- Requests for an allocation (WMO315) or a change (WMO317) awaiting a decision.
CREATE TABLE allocation_requests (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kind CHAR(3) NOT NULL,
  provider_id BIGINT NOT NULL,
  referentie_aanbieder VARCHAR(36) NOT NULL,
  municipality_code CHAR(4) NOT NULL,
  client_id BIGINT NULL,
  bsn_hash CHAR(64) NOT NULL,
  summary_json MEDIUMTEXT NOT NULL,
  inbox_message_id BIGINT NOT NULL,
  status VARCHAR(16) NOT NULL,
  received_at DATETIME(6) NOT NULL,
  answer_due DATE NOT NULL,
  decision_due DATE NULL,
  decided_at DATETIME(6) NULL,
  decided_by VARCHAR(64) NULL,
  reason_code CHAR(1) NULL,
  reason VARCHAR(2000) NULL,
  UNIQUE KEY uq_request_reference (provider_id, referentie_aanbieder),
  KEY ix_request_status (status, answer_due),
  CONSTRAINT ck_request_status CHECK (status IN ('open','in_onderzoek','granted','rejected')),
  CONSTRAINT fk_request_provider FOREIGN KEY (provider_id) REFERENCES providers (id)
) ENGINE=InnoDB;
