-- Crash consistency between the store and this database. Every write makes the next store
-- revision, which the store commits together with the content. The write is recorded here as
-- 'pending' (with its audit entries and status change) before the store commits, and as
-- 'committed' after; on open, a pending write is settled by the store's revision: in the store
-- → committed, else abandoned (its audit entries and status change deleted). Import runs are
-- recorded when they start ('running') and end as applied, unchanged, rejected, failed (the
-- store refused the write) or interrupted (the process died).
-- SQLite's way to change a CHECK: rebuild the table with foreign keys off (its own transaction).
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE import_runs_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    actor TEXT NOT NULL,
    source TEXT NOT NULL,
    checksum TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN
        ('running', 'applied', 'unchanged', 'rejected', 'failed', 'interrupted')),
    added INTEGER NOT NULL,
    changed INTEGER NOT NULL,
    removed INTEGER NOT NULL,
    error_count INTEGER NOT NULL,
    revision INTEGER
);
INSERT INTO import_runs_new
    SELECT id, started_at, finished_at, actor, source, checksum, outcome, added, changed,
           removed, error_count, NULL
    FROM import_runs;
DROP TABLE import_runs;
ALTER TABLE import_runs_new RENAME TO import_runs;

CREATE TABLE store_writes (
    revision INTEGER PRIMARY KEY NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'committed', 'abandoned')),
    started_at TEXT NOT NULL,
    settled_at TEXT
);
ALTER TABLE audit_log ADD COLUMN revision INTEGER;
ALTER TABLE status_changes ADD COLUMN revision INTEGER;
CREATE INDEX audit_log_revision ON audit_log (revision);
CREATE INDEX status_changes_revision ON status_changes (revision);
COMMIT;
PRAGMA foreign_keys = ON;
