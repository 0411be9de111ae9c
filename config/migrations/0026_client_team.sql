-- Issue 13 (S12), the client's team (sociaal wijkteam): a team budget counts the care of the
-- clients of that team. The team must belong to the client's municipality, and to the client's
-- district when the client has one (checked by the use case, contracting/app/clients.cpp).
-- Existing clients get no team (NULL = unknown): their care counts on the budgets of their
-- municipality and district only, until an access officer records the team
-- (PATCH /api/v1/clients/{id}). Re-runnable (IF NOT EXISTS), as MariaDB commits DDL implicitly.
ALTER TABLE clients ADD COLUMN IF NOT EXISTS team_id BIGINT NULL;

ALTER TABLE clients
  ADD CONSTRAINT fk_client_team FOREIGN KEY IF NOT EXISTS (team_id) REFERENCES teams (id);
