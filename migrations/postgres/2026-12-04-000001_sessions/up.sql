-- Sign-in sessions of the web pages: the cookie carries a random session id, never the API
-- token; only the id's SHA-256 is kept here, with the token it was opened with and when it
-- ends. A session counts only while its token is not revoked (revoking also deletes its
-- sessions) and before `expires_at` (text timestamps, compared as text like everywhere).
CREATE TABLE sessions (
    session_hash TEXT PRIMARY KEY NOT NULL,
    token_id BIGINT NOT NULL REFERENCES api_tokens (id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_token ON sessions (token_id);
