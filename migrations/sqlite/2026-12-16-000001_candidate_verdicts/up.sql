-- Harmonisation candidates (/kandidater) an editor judged "not the same information": the
-- pair (variable_a < variable_b, by identifier) is not suggested again.
CREATE TABLE candidate_verdicts (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    variable_a TEXT NOT NULL,
    variable_b TEXT NOT NULL,
    verdict TEXT NOT NULL,
    actor TEXT NOT NULL,
    at TEXT NOT NULL,
    note TEXT NOT NULL
);
CREATE UNIQUE INDEX candidate_verdicts_pair ON candidate_verdicts (variable_a, variable_b);

-- The audit log gains the action 'inte-samma' (a verdict on each of the pair's variables).
-- SQLite cannot alter a CHECK constraint, so the table is rebuilt with the same columns and rows.
CREATE TABLE audit_log_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('import', 'api')),
    run_id INTEGER REFERENCES import_runs (id),
    item_kind TEXT NOT NULL,
    item_id TEXT NOT NULL,
    item_iri TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('created', 'changed', 'removed', 'status', 'inte-samma')),
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
