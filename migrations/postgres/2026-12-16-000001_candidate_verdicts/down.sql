DROP TABLE candidate_verdicts;
DELETE FROM audit_log WHERE action = 'inte-samma';
ALTER TABLE audit_log DROP CONSTRAINT audit_log_action_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_action_check
    CHECK (action IN ('created', 'changed', 'removed', 'status'));
