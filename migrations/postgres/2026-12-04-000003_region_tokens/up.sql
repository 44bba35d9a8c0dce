-- A token of the role `region` stands for one region (its organisationsnummer, NNNNNN-NNNN)
-- and may submit conformance results for that region only; `region` is NULL for the other
-- roles.
ALTER TABLE api_tokens ADD COLUMN region TEXT;
ALTER TABLE api_tokens DROP CONSTRAINT api_tokens_role_check;
ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_role_check
    CHECK (role IN ('editor', 'registrar', 'region'));
ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_region_check
    CHECK ((role = 'region') = (region IS NOT NULL));

-- A result from a synthetic extract (the demo extracts in examples/extracts/) is a
-- demonstration, not a region's conformance, and is shown as such wherever it appears.
ALTER TABLE conformance_runs ADD COLUMN synthetic BOOLEAN NOT NULL DEFAULT FALSE;
