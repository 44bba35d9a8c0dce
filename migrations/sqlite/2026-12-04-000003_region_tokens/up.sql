-- A token of the role `region` stands for one region (its organisationsnummer, NNNNNN-NNNN)
-- and may submit conformance results for that region only; `region` is NULL for the other
-- roles. SQLite cannot change a CHECK constraint, so the table is rebuilt (with `sessions`,
-- which refers to it; renaming a table carries the references along).
CREATE TABLE api_tokens_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    -- Names stay unique even after revocation, so the audit log's actor names stay unambiguous.
    name TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('editor', 'registrar', 'region')),
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked_at TEXT,
    region TEXT,
    CHECK ((role = 'region') = (region IS NOT NULL))
);
INSERT INTO api_tokens_new (id, name, role, token_hash, created_at, revoked_at)
    SELECT id, name, role, token_hash, created_at, revoked_at FROM api_tokens;
CREATE TABLE sessions_new (
    session_hash TEXT PRIMARY KEY NOT NULL,
    token_id INTEGER NOT NULL REFERENCES api_tokens_new (id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
INSERT INTO sessions_new SELECT session_hash, token_id, created_at, expires_at FROM sessions;
DROP TABLE sessions;
DROP TABLE api_tokens;
ALTER TABLE api_tokens_new RENAME TO api_tokens;
ALTER TABLE sessions_new RENAME TO sessions;
CREATE INDEX sessions_token ON sessions (token_id);

-- A result from a synthetic extract (the demo extracts in examples/extracts/) is a
-- demonstration, not a region's conformance, and is shown as such wherever it appears.
ALTER TABLE conformance_runs ADD COLUMN synthetic BOOLEAN NOT NULL DEFAULT FALSE;
