DROP TABLE conformance_results;
DROP TABLE conformance_runs;
