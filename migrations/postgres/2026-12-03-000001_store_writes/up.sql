-- Crash consistency between the store and this database: see the SQLite migration of the
-- same name for the protocol.
ALTER TABLE import_runs DROP CONSTRAINT import_runs_outcome_check;
ALTER TABLE import_runs ADD CONSTRAINT import_runs_outcome_check CHECK (outcome IN
    ('running', 'applied', 'unchanged', 'rejected', 'failed', 'interrupted'));
ALTER TABLE import_runs ADD COLUMN revision BIGINT;
CREATE TABLE store_writes (
    revision BIGINT PRIMARY KEY,
    state TEXT NOT NULL CHECK (state IN ('pending', 'committed', 'abandoned')),
    started_at TEXT NOT NULL,
    settled_at TEXT
);
ALTER TABLE audit_log ADD COLUMN revision BIGINT;
ALTER TABLE status_changes ADD COLUMN revision BIGINT;
CREATE INDEX audit_log_revision ON audit_log (revision);
CREATE INDEX status_changes_revision ON status_changes (revision);
