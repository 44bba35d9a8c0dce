-- Operational records: import runs, their errors, and the audit log of item changes.
-- Kept portable: the PostgreSQL migrations mirror these tables (BIGSERIAL for the ids).
CREATE TABLE import_runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
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
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    run_id INTEGER NOT NULL REFERENCES import_runs (id) ON DELETE CASCADE,
    place TEXT NOT NULL,
    row_number INTEGER,
    column_name TEXT,
    message TEXT NOT NULL
);
CREATE INDEX import_errors_run ON import_errors (run_id);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('import', 'api')),
    run_id INTEGER REFERENCES import_runs (id),
    item_kind TEXT NOT NULL,
    item_id TEXT NOT NULL,
    item_iri TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('created', 'changed', 'removed')),
    before_nt TEXT,
    after_nt TEXT
);
CREATE INDEX audit_log_item ON audit_log (item_iri);
CREATE INDEX audit_log_at ON audit_log (at);
