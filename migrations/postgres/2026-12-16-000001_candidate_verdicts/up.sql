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
