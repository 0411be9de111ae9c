-- Provider staff log in to the web application (issue 6): a user may have the role 'provider',
-- bound to exactly one provider. Staff users have no provider.
ALTER TABLE users
  ADD COLUMN provider_id BIGINT NULL AFTER role,
  ADD CONSTRAINT fk_users_provider FOREIGN KEY (provider_id) REFERENCES providers (id);
ALTER TABLE users DROP CONSTRAINT ck_users_role;
ALTER TABLE users
  ADD CONSTRAINT ck_users_role CHECK (role IN ('admin','contract_manager','access_officer','finance','budget_holder','auditor','provider')),
  ADD CONSTRAINT ck_users_provider CHECK ((role = 'provider') = (provider_id IS NOT NULL));
