DROP TABLE candidate_verdicts;
DELETE FROM audit_log WHERE action = 'inte-samma';
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
    after_nt TEXT,
    before_nt_lz4 BLOB,
    after_nt_lz4 BLOB,
    revision INTEGER
);
INSERT INTO audit_log_new SELECT id, at, actor, source, run_id, item_kind, item_id, item_iri,
    action, before_nt, after_nt, before_nt_lz4, after_nt_lz4, revision FROM audit_log;
DROP TABLE audit_log;
ALTER TABLE audit_log_new RENAME TO audit_log;
CREATE INDEX audit_log_item ON audit_log (item_iri);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_revision ON audit_log (revision);
