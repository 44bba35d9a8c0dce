-- Harmonisation candidates (/kandidater) an editor judged "not the same information": the
-- pair (variable_a < variable_b, by identifier) is not suggested again.
CREATE TABLE candidate_verdicts (
    id BIGSERIAL PRIMARY KEY,
    variable_a TEXT NOT NULL,
    variable_b TEXT NOT NULL,
    verdict TEXT NOT NULL,
    actor TEXT NOT NULL,
    at TEXT NOT NULL,
    note TEXT NOT NULL
);
CREATE UNIQUE INDEX candidate_verdicts_pair ON candidate_verdicts (variable_a, variable_b);

-- The audit log gains the action 'inte-samma' (a verdict on each of the pair's variables).
ALTER TABLE audit_log DROP CONSTRAINT audit_log_action_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_action_check
    CHECK (action IN ('created', 'changed', 'removed', 'status', 'inte-samma'));
