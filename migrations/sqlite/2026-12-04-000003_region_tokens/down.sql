ALTER TABLE conformance_runs DROP COLUMN synthetic;
DELETE FROM sessions WHERE token_id IN (SELECT id FROM api_tokens WHERE role = 'region');
CREATE TABLE api_tokens_old (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    name TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('editor', 'registrar')),
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
INSERT INTO api_tokens_old SELECT id, name, role, token_hash, created_at, revoked_at
    FROM api_tokens WHERE role <> 'region';
CREATE TABLE sessions_old (
    session_hash TEXT PRIMARY KEY NOT NULL,
    token_id INTEGER NOT NULL REFERENCES api_tokens_old (id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
INSERT INTO sessions_old SELECT session_hash, token_id, created_at, expires_at FROM sessions;
DROP TABLE sessions;
DROP TABLE api_tokens;
ALTER TABLE api_tokens_old RENAME TO api_tokens;
ALTER TABLE sessions_old RENAME TO sessions;
CREATE INDEX sessions_token ON sessions (token_id);
