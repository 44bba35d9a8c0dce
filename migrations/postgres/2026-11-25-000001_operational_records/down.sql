DROP TABLE status_changes;
DROP TABLE api_tokens;
DROP TABLE audit_log;
DROP TABLE import_errors;
DROP TABLE import_runs;
