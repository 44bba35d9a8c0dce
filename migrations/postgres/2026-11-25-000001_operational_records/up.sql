-- The operational records on PostgreSQL: the same tables, columns and checks as the SQLite
-- migrations in ../../sqlite after all of them have run (BIGSERIAL for the ids, BYTEA for the
-- compressed audit texts). One migration, as there was no PostgreSQL history to keep.
CREATE TABLE import_runs (
    id BIGSERIAL PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    actor TEXT NOT NULL,
    source TEXT NOT NULL,
    checksum TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('applied', 'unchanged', 'rejected')),
    added INTEGER NOT NULL,
    changed INTEGER NOT NULL,
    removed INTEGER NOT NULL,
    error_count INTEGER NOT NULL
);

CREATE TABLE import_errors (
    id BIGSERIAL PRIMARY KEY,
    run_id BIGINT NOT NULL REFERENCES import_runs (id) ON DELETE CASCADE,
    place TEXT NOT NULL,
    row_number INTEGER,
    column_name TEXT,
    message TEXT NOT NULL
);
CREATE INDEX import_errors_run ON import_errors (run_id);

CREATE TABLE audit_log (
    id BIGSERIAL PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('import', 'api')),
    run_id BIGINT REFERENCES import_runs (id),
    item_kind TEXT NOT NULL,
    item_id TEXT NOT NULL,
    item_iri TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('created', 'changed', 'removed', 'status')),
    before_nt TEXT,
    after_nt TEXT,
    before_nt_lz4 BYTEA,
    after_nt_lz4 BYTEA
);
CREATE INDEX audit_log_item ON audit_log (item_iri);
CREATE INDEX audit_log_at ON audit_log (at);

CREATE TABLE api_tokens (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('editor', 'registrar')),
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);

CREATE TABLE status_changes (
    id BIGSERIAL PRIMARY KEY,
    at TEXT NOT NULL,
    item_kind TEXT NOT NULL,
    item_id TEXT NOT NULL,
    item_iri TEXT NOT NULL,
    authority TEXT NOT NULL,
    from_status TEXT NOT NULL,
    to_status TEXT NOT NULL,
    actor TEXT NOT NULL,
    note TEXT NOT NULL
);
CREATE INDEX status_changes_item ON status_changes (item_iri);
