PRAGMA foreign_keys = OFF;
BEGIN;
DROP INDEX status_changes_revision;
DROP INDEX audit_log_revision;
ALTER TABLE status_changes DROP COLUMN revision;
ALTER TABLE audit_log DROP COLUMN revision;
DROP TABLE store_writes;
CREATE TABLE import_runs_old (
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
-- Runs that ended in the newer outcomes are recorded as rejected (nothing of them is in the store).
INSERT INTO import_runs_old
    SELECT id, started_at, finished_at, actor, source, checksum,
           CASE WHEN outcome IN ('applied', 'unchanged', 'rejected') THEN outcome ELSE 'rejected' END,
           added, changed, removed, error_count
    FROM import_runs;
DROP TABLE import_runs;
ALTER TABLE import_runs_old RENAME TO import_runs;
COMMIT;
PRAGMA foreign_keys = ON;
