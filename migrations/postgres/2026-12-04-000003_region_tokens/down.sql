ALTER TABLE conformance_runs DROP COLUMN synthetic;
DELETE FROM sessions WHERE token_id IN (SELECT id FROM api_tokens WHERE role = 'region');
DELETE FROM api_tokens WHERE role = 'region';
ALTER TABLE api_tokens DROP CONSTRAINT api_tokens_region_check;
ALTER TABLE api_tokens DROP CONSTRAINT api_tokens_role_check;
ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_role_check
    CHECK (role IN ('editor', 'registrar'));
ALTER TABLE api_tokens DROP COLUMN region;
