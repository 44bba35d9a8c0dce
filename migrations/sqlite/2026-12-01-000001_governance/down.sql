DELETE FROM audit_log WHERE action = 'status';
CREATE TABLE audit_log_old (
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
INSERT INTO audit_log_old SELECT * FROM audit_log;
DROP TABLE audit_log;
ALTER TABLE audit_log_old RENAME TO audit_log;
CREATE INDEX audit_log_item ON audit_log (item_iri);
CREATE INDEX audit_log_at ON audit_log (at);
DROP TABLE status_changes;
DROP TABLE api_tokens;
