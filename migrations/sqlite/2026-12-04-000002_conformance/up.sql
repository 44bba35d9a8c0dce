-- Results of `varcat check --record`: what a region's extract for a collection and period
-- showed against the specification, as counts only (never a value of the extract). One run
-- per recorded check; readers take a region's latest run for a collection and period.
CREATE TABLE conformance_runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    recorded_at TEXT NOT NULL,
    actor TEXT NOT NULL,
    -- The region's organisationsnummer (NNNNNN-NNNN).
    region TEXT NOT NULL,
    collection TEXT NOT NULL,
    use_case TEXT,
    -- YYYY-MM.
    period TEXT NOT NULL,
    row_count BIGINT NOT NULL,
    failing_rows BIGINT NOT NULL,
    unknown_columns INTEGER NOT NULL,
    conformant BOOLEAN NOT NULL
);
CREATE INDEX conformance_runs_scope ON conformance_runs (collection, region, period);

-- Per variable: `rule` is a rule name (rows failing it), `any` (rows failing at least one),
-- `conditional_empty` (empty values of a conditional variable), or `missing` /
-- `missing_required` (no column for the variable; column_name is NULL).
CREATE TABLE conformance_results (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    run_id INTEGER NOT NULL REFERENCES conformance_runs (id),
    variable TEXT NOT NULL,
    column_name TEXT,
    rule TEXT NOT NULL,
    checked BIGINT NOT NULL,
    failing BIGINT NOT NULL
);
CREATE INDEX conformance_results_run ON conformance_results (run_id);
