-- Municipalities, districts, teams, the product catalogue and providers.
CREATE TABLE municipalities (
  code CHAR(4) NOT NULL PRIMARY KEY,
  name VARCHAR(200) NOT NULL,
  central_code CHAR(4) NULL,
  CONSTRAINT fk_municipality_central FOREIGN KEY (central_code) REFERENCES municipalities (code)
) ENGINE=InnoDB;

CREATE TABLE districts (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  municipality_code CHAR(4) NOT NULL,
  name VARCHAR(200) NOT NULL,
  UNIQUE KEY uq_district_name (municipality_code, name),
  CONSTRAINT fk_district_municipality FOREIGN KEY (municipality_code) REFERENCES municipalities (code)
) ENGINE=InnoDB;

CREATE TABLE teams (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  district_id BIGINT NOT NULL,
  name VARCHAR(200) NOT NULL,
  UNIQUE KEY uq_team_name (district_id, name),
  CONSTRAINT fk_team_district FOREIGN KEY (district_id) REFERENCES districts (id)
) ENGINE=InnoDB;

CREATE TABLE products (
  code CHAR(5) NOT NULL PRIMARY KEY,
  category CHAR(2) NOT NULL,
  name VARCHAR(200) NOT NULL,
  unit VARCHAR(16) NOT NULL,
  kind VARCHAR(24) NOT NULL
) ENGINE=InnoDB;

CREATE TABLE providers (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  agb CHAR(8) NOT NULL,
  kvk CHAR(8) NOT NULL,
  name VARCHAR(200) NOT NULL,
  iban VARCHAR(34) NOT NULL,
  contact_name VARCHAR(200) NOT NULL DEFAULT '',
  contact_email VARCHAR(200) NOT NULL DEFAULT '',
  contact_phone VARCHAR(40) NOT NULL DEFAULT '',
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  UNIQUE KEY uq_providers_agb (agb)
) ENGINE=InnoDB;

CREATE TABLE provider_api_keys (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  provider_id BIGINT NOT NULL,
  key_hash CHAR(64) NOT NULL,
  label VARCHAR(200) NOT NULL DEFAULT '',
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  revoked_at DATETIME(6) NULL,
  UNIQUE KEY uq_api_key_hash (key_hash),
  CONSTRAINT fk_api_key_provider FOREIGN KEY (provider_id) REFERENCES providers (id)
) ENGINE=InnoDB;
