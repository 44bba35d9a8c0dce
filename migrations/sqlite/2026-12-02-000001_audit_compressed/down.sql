-- Entries whose N-Triples were compressed lose them (only this code can expand them).
ALTER TABLE audit_log DROP COLUMN after_nt_lz4;
ALTER TABLE audit_log DROP COLUMN before_nt_lz4;
