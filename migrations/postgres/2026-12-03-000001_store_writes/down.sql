DROP INDEX status_changes_revision;
DROP INDEX audit_log_revision;
ALTER TABLE status_changes DROP COLUMN revision;
ALTER TABLE audit_log DROP COLUMN revision;
DROP TABLE store_writes;
ALTER TABLE import_runs DROP COLUMN revision;
UPDATE import_runs SET outcome = 'rejected' WHERE outcome NOT IN ('applied', 'unchanged', 'rejected');
ALTER TABLE import_runs DROP CONSTRAINT import_runs_outcome_check;
ALTER TABLE import_runs ADD CONSTRAINT import_runs_outcome_check CHECK (outcome IN ('applied', 'unchanged', 'rejected'));
