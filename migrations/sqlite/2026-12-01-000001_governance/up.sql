-- Governance: API tokens (only a SHA-256 of each token is kept), the registration-status
-- changes, and audit entries for status changes. Kept portable like the first migration
-- (TEXT timestamps; the PostgreSQL migrations use BIGSERIAL for the ids).
CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    -- Names stay unique even after revocation, so the audit log's actor names stay unambiguous.
    name TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('editor', 'registrar')),
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);

CREATE TABLE status_changes (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    at TEXT NOT NULL,
    item_kind TEXT NOT NULL,
    item_id TEXT NOT NULL,
    item_iri TEXT NOT NULL,
    -- The registration authority's organisationsnummer (NNNNNN-NNNN).
    authority TEXT NOT NULL,
    from_status TEXT NOT NULL,
    to_status TEXT NOT NULL,
    actor TEXT NOT NULL,
    note TEXT NOT NULL
);
CREATE INDEX status_changes_item ON status_changes (item_iri);

-- The audit log gains the action 'status'. SQLite cannot alter a CHECK constraint, so the
-- table is rebuilt with the same columns and rows.
CREATE TABLE audit_log_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('import', 'api')),
    run_id INTEGER REFERENCES import_runs (id),
    item_kind TEXT NOT NULL,
    item_id TEXT NOT NULL,
    item_iri TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('created', 'changed', 'removed', 'status')),
    before_nt TEXT,
    after_nt TEXT
);
INSERT INTO audit_log_new SELECT * FROM audit_log;
DROP TABLE audit_log;
ALTER TABLE audit_log_new RENAME TO audit_log;
CREATE INDEX audit_log_item ON audit_log (item_iri);
CREATE INDEX audit_log_at ON audit_log (at);
